package dev.msgtrans.workbench.stats;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.msgtrans.workbench.stats.Decision.Outcome;

/**
 * Turns a family of fork-level speed ratios into findings with controlled error: multiple-testing correction of
 * the p-values, then faster / slower / equivalent / inconclusive for each. Stateless; thread-safe.
 * <p>
 * Why a correction: a report compares many variant pairs over many configurations; at 1% each, a few hundred
 * comparisons of identical code would still flag some. Why an equivalence outcome: "not significant" is not "the
 * same"; only an interval inside the margin (two one-sided tests, TOST) says the difference does not matter.
 */
public final class Decisions {

    /** {@link Decision#moreForks} searches up to this many more forks per side; beyond, it is not estimable. */
    public static final int MAX_MORE_FORKS = 100;

    private Decisions() {
    }

    /** How the family's p-values are adjusted. */
    public enum Correction {
        /** Holm's step-down: controls the chance of any false finding in the family. */
        HOLM("Holm (family-wise error rate)", "Holm-adjusted p"),
        /** Benjamini-Hochberg step-up: controls the expected share of false findings among those reported. */
        BENJAMINI_HOCHBERG("Benjamini-Hochberg (false discovery rate)", "BH-adjusted p"),
        /** Each finding at its own level. */
        NONE("none (each comparison at its own level)", "p");

        private final String label;
        private final String pName;

        Correction(String label, String pName) {
            this.label = label;
            this.pName = pName;
        }

        /** For a report, e.g. {@code Holm (family-wise error rate)}. */
        public String label() {
            return label;
        }
    }

    /**
     * Adjusted p-values, in the input order. Holm: the i-th smallest of m times (m - i + 1), made non-decreasing in
     * that order; Benjamini-Hochberg: the i-th smallest times m / i, made non-increasing from the largest down; both
     * capped at 1 (the same as R's {@code p.adjust}). NaN (a finding without a test) stays NaN and is not counted in
     * m.
     */
    public static double[] adjust(double[] pValues, Correction c) {
        int[] order = order(pValues);
        int m = order.length;
        double[] adjusted = new double[pValues.length];
        Arrays.fill(adjusted, Double.NaN);
        switch (c) {
            case NONE -> {
                for (int i : order) {
                    adjusted[i] = pValues[i];
                }
            }
            case HOLM -> {
                double running = 0;
                for (int k = 0; k < m; k++) {
                    running = Math.max(running, Math.min(1, (m - k) * pValues[order[k]]));
                    adjusted[order[k]] = running;
                }
            }
            case BENJAMINI_HOCHBERG -> {
                double running = 1;
                for (int k = m - 1; k >= 0; k--) {
                    running = Math.min(running, Math.min(1, (double) m / (k + 1) * pValues[order[k]]));
                    adjusted[order[k]] = running;
                }
            }
        }
        return adjusted;
    }

    /**
     * Findings for a family of speed ratios, in the input order.
     * <p>
     * Rule: adjusted p below {@code alpha}: {@link Outcome#FASTER} or {@link Outcome#SLOWER} by the sign of the log
     * ratio. Otherwise {@link Outcome#EQUIVALENT} when the (1 - 2 alpha) interval of the log ratio lies within
     * +-ln(1 + margin) (two one-sided tests at alpha). Otherwise {@link Outcome#INCONCLUSIVE}, as is an estimate
     * without an interval.
     * <p>
     * {@link Decision#moreForks}, for an inconclusive finding: assuming the standard error shrinks as 1 / sqrt(n)
     * (n forks per side, now the smaller side's count) and the degrees of freedom grow in proportion to n - 1, the
     * fewest more forks at which the half-width would be below |d| (d the log ratio: the interval would clear 1) or
     * below ln(1 + margin) - |d| (the interval would fit in the margin), whichever comes first; with equal levels
     * that is a half-width below max(|d|, ln(1 + margin) - |d|). The significance level is the one the correction demands: alpha / m for Holm (what
     * it asks of the smallest p, so an upper bound for the others), alpha i / m for Benjamini-Hochberg (i the rank
     * of the p-value now). -1 when not estimable within {@link #MAX_MORE_FORKS}, e.g. a difference right at the
     * margin.
     *
     * @param speeds estimates oriented as speed (above 1 is better)
     * @param alpha  the error level in (0, 0.5), e.g. 0.01
     * @param margin relative difference that does not matter, at least 0, e.g. 0.05
     * @param c      the multiple-testing correction
     */
    public static List<Decision> decide(List<ForkRatio.Estimate> speeds, double alpha, double margin, Correction c) {
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("alpha must be in (0, 0.5), got " + alpha);
        }
        if (!(margin >= 0) || !Double.isFinite(margin)) {
            throw new IllegalArgumentException("margin must be finite and >= 0, got " + margin);
        }
        double[] p = new double[speeds.size()];
        for (int i = 0; i < p.length; i++) {
            ForkRatio.Estimate e = speeds.get(i);
            p[i] = e.interval().hasBounds() ? e.pValue() : Double.NaN;
        }
        double[] adjusted = adjust(p, c);
        int[] order = order(p);
        int m = order.length;
        int[] rank = new int[p.length];
        for (int k = 0; k < m; k++) {
            rank[order[k]] = k + 1;
        }
        double bound = Math.log1p(margin);
        Quantiles t = new Quantiles();
        List<Decision> out = new ArrayList<>(p.length);
        for (int i = 0; i < p.length; i++) {
            ForkRatio.Estimate e = speeds.get(i);
            Interval speed = e.interval();
            if (!speed.hasBounds()) {
                out.add(new Decision(Outcome.INCONCLUSIVE, speed, Double.NaN, Double.NaN, margin, -1,
                        "fewer than 2 forks on a side"));
                continue;
            }
            double d = e.logRatio();
            if (adjusted[i] < alpha) {
                out.add(new Decision(d > 0 ? Outcome.FASTER : Outcome.SLOWER, speed, p[i], adjusted[i], margin, -1,
                        c.pName + " " + formatP(adjusted[i]) + " < " + plain(alpha)));
                continue;
            }
            double se = e.standardError();
            double tost = se == 0 ? 0 : t.get(1 - alpha, e.df()) * se;
            if (d - tost >= -bound && d + tost <= bound) {
                out.add(new Decision(Outcome.EQUIVALENT, speed, p[i], adjusted[i], margin, -1,
                        percent(1 - 2 * alpha) + " interval " + bounds(Math.exp(d - tost), Math.exp(d + tost))
                                + " within ±" + percent(margin)));
                continue;
            }
            double level = switch (c) {
                case HOLM -> alpha / m;
                case BENJAMINI_HOCHBERG -> alpha * rank[i] / m;
                case NONE -> alpha;
            };
            int more = moreForks(e, level, alpha, bound, t);
            String wide = speed.percent() + " interval " + bounds(speed.lower(), speed.upper()) + " too wide";
            out.add(new Decision(Outcome.INCONCLUSIVE, speed, p[i], adjusted[i], margin, more, more > 0
                    ? wide + ": about " + more + " more fork" + (more == 1 ? "" : "s") + " per side"
                    : wide + ", and more forks would hardly settle it"));
        }
        return out;
    }

    /** See {@link #decide}: the fewest more forks per side, or -1. */
    private static int moreForks(ForkRatio.Estimate e, double level, double alpha, double bound, Quantiles t) {
        int n0 = Math.min(e.forksA(), e.forksB());
        double se = e.standardError();
        double d = Math.abs(e.logRatio());
        if (n0 < 2 || !(se > 0) || !(e.df() > 0)) {
            return -1;
        }
        // at n forks: half-width t(n) se sqrt(n0 / n) against the goal; decreasing in n, so bisect
        int lo = n0;
        int hi = n0 + MAX_MORE_FORKS;
        if (!settles(hi, n0, e.df(), se, d, level, alpha, bound, t)) {
            return -1;
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (settles(mid, n0, e.df(), se, d, level, alpha, bound, t)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi - n0;
    }

    private static boolean settles(int n, int n0, double df0, double se0, double d, double level, double alpha,
                                   double bound, Quantiles t) {
        // whole degrees of freedom, rounded down: a slightly larger t, and a small table of quantiles
        double df = Math.max(1, Math.floor(df0 * (n - 1) / (n0 - 1)));
        double se = se0 * Math.sqrt((double) n0 / n);
        boolean significant = t.get(1 - level / 2, df) * se < d;
        boolean equivalent = t.get(1 - alpha, df) * se < bound - d;
        return significant || equivalent;
    }

    /** Indices of the non-NaN p-values, smallest p first; rejects values outside [0, 1]. */
    private static int[] order(double[] p) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            if (Double.isNaN(p[i])) {
                continue;
            }
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("p-value must be in [0, 1] or NaN, got " + p[i] + " at " + i);
            }
            idx.add(i);
        }
        idx.sort((a, b) -> Double.compare(p[a], p[b]));
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code = 0.0012}, {@code = 0.34}, {@code < 0.0001}: two significant digits. */
    private static String formatP(double p) {
        return p < 1e-4 ? "< 0.0001" : "= " + String.format(Locale.ROOT, "%.2g", p);
    }

    private static String plain(double x) {
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    /** {@code 5%}, {@code 2.5%}. */
    private static String percent(double fraction) {
        double pct = fraction * 100;
        return String.format(Locale.ROOT, Math.abs(pct - Math.rint(pct)) < 1e-9 ? "%.0f%%" : "%.1f%%", pct);
    }

    private static String bounds(double lower, double upper) {
        return String.format(Locale.ROOT, "[%.2f, %.2f]", lower, upper);
    }

    /** Student t quantiles memoized for one call of {@link #decide}: the fork-count search asks for few distinct. */
    private static final class Quantiles {
        private final Map<Key, Double> cache = new HashMap<>();

        double get(double p, double df) {
            return cache.computeIfAbsent(new Key(p, df), k -> StudentT.quantile(p, df));
        }

        private record Key(double p, double df) {
        }
    }
}
