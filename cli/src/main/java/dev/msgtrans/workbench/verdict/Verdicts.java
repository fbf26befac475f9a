package dev.msgtrans.workbench.verdict;

import dev.msgtrans.workbench.results.BenchmarkResult;
import dev.msgtrans.workbench.results.Direction;
import dev.msgtrans.workbench.stats.Decision;
import dev.msgtrans.workbench.stats.Decisions;
import dev.msgtrans.workbench.stats.ForkRatio;
import dev.msgtrans.workbench.stats.Interval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides a family of comparisons together: each question's speed ratio from steady forks paired by round
 * ({@link Speed}), then {@link Decisions#decide} with the family's error control. A side on which most forks never
 * settled is not tested at all: its finding is inconclusive, "no steady state", and it does not count in the family.
 * Stateless; thread-safe.
 *
 * @param alpha      the error rate controlled over the family (0.01)
 * @param margin     the relative difference within which two sides count as equivalent (0.05)
 * @param correction how the family's p-values are adjusted
 */
public record Verdicts(double alpha, double margin, Decisions.Correction correction) {

    /** Coverage of the intervals shown beside the verdicts. */
    public static final double CONFIDENCE = 0.99;

    /** The workbench's defaults: 1% family-wise error (Holm), equivalence within ±5%. */
    public static final Verdicts DEFAULT = new Verdicts(0.01, 0.05, Decisions.Correction.HOLM);

    /**
     * One comparison of a family.
     *
     * @param baseline  the side to beat
     * @param candidate the side under test
     * @param sameRun   whether both sides ran in the same rounds of one run, so their forks may be paired by round;
     *                  false for two separate runs, whose round numbers mean nothing to each other
     */
    public record Question(BenchmarkResult baseline, BenchmarkResult candidate, boolean sameRun) {

        /** Two sides of one run. */
        public Question(BenchmarkResult baseline, BenchmarkResult candidate) {
            this(baseline, candidate, true);
        }
    }

    /**
     * A decided question.
     *
     * @param question  what was asked
     * @param baseline  the baseline's forks
     * @param candidate the candidate's forks
     * @param estimate  the fork-level speed ratio (above 1: candidate better)
     * @param decision  the conclusion, under the family's correction
     */
    public record Finding(Question question, Replicates baseline, Replicates candidate, ForkRatio.Estimate estimate,
                          Decision decision) {

        /** The speed with its interval. */
        public Interval speed() {
            return decision.speed();
        }
    }

    /** The replicates of a result's headline metric, with its forks' rounds when {@code withRounds}. */
    public static Replicates replicates(BenchmarkResult r, boolean withRounds) {
        return Replicates.of(r.headline(), withRounds ? r.forkRounds() : List.of(),
                r.headlineDirection() == Direction.HIGHER_IS_BETTER);
    }

    /** The speed of {@code candidate} over {@code baseline} alone, outside any family (a table cell, a chart bar). */
    public static ForkRatio.Estimate speed(BenchmarkResult baseline, BenchmarkResult candidate) {
        return Speed.of(replicates(baseline, true), replicates(candidate, true),
                baseline.headlineDirection() == Direction.HIGHER_IS_BETTER, CONFIDENCE);
    }

    /** Decides every question of the family together, in the given order. */
    public List<Finding> decide(List<Question> family) {
        List<Replicates> bases = new ArrayList<>();
        List<Replicates> cands = new ArrayList<>();
        List<ForkRatio.Estimate> estimates = new ArrayList<>();
        List<ForkRatio.Estimate> tested = new ArrayList<>();
        for (Question q : family) {
            Replicates b = replicates(q.baseline(), q.sameRun());
            Replicates c = replicates(q.candidate(), q.sameRun());
            ForkRatio.Estimate e = Speed.of(b, c, q.baseline().headlineDirection() == Direction.HIGHER_IS_BETTER,
                    CONFIDENCE);
            bases.add(b);
            cands.add(c);
            estimates.add(e);
            if (!b.noSteadyState() && !c.noSteadyState()) {
                tested.add(e);
            }
        }
        List<Decision> decided = Decisions.decide(tested, alpha, margin, correction);
        List<Finding> out = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < family.size(); i++) {
            Replicates b = bases.get(i);
            Replicates c = cands.get(i);
            Decision d;
            if (b.noSteadyState() || c.noSteadyState()) {
                ForkRatio.Estimate e = estimates.get(i);
                d = new Decision(Decision.Outcome.INCONCLUSIVE, e.interval(), e.pValue(), Double.NaN, margin, -1,
                        String.format(Locale.ROOT, "no steady state: %s (baseline: %s; candidate: %s)",
                                "most forks were still changing when they ended", b.summary(), c.summary()));
            } else {
                d = decided.get(k++);
            }
            out.add(new Finding(family.get(i), b, c, estimates.get(i), d));
        }
        return out;
    }

    /** How a family is decided, for a report's method paragraph (the intervals are described elsewhere). */
    public String describe(int familySize) {
        return String.format(Locale.ROOT, "the %d finding%s of this family decided together: faster or slower when"
                        + " the p-value adjusted by %s is below %s, equivalent when the %s interval lies within ±%s (two"
                        + " one-sided tests), inconclusive otherwise", familySize, familySize == 1 ? "" : "s",
                correction.label(), trim(alpha), pct(1 - 2 * alpha), pct(margin));
    }

    private static String pct(double f) {
        double p = f * 100;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
