package dev.msgtrans.workbench.verdict;

import dev.msgtrans.workbench.stats.ForkRatio;

/**
 * The speed of a candidate relative to a baseline, forks as replicates: above 1 the candidate is better, whichever
 * way the metric improves (a rate's ratio, or a time's reciprocal). Paired by round when both sides ran in the same
 * rounds ({@link ForkRatio#of}). Stateless.
 */
public final class Speed {

    private Speed() {
    }

    /**
     * @param baseline       the side to beat
     * @param candidate      the side under test
     * @param higherIsBetter the metric's direction
     * @param confidence     two-sided coverage of the interval
     */
    public static ForkRatio.Estimate of(Replicates baseline, Replicates candidate, boolean higherIsBetter,
                                        double confidence) {
        return higherIsBetter
                ? ForkRatio.of(baseline.means(), baseline.rounds(), candidate.means(), candidate.rounds(), confidence)
                : ForkRatio.of(candidate.means(), candidate.rounds(), baseline.means(), baseline.rounds(), confidence);
    }
}
