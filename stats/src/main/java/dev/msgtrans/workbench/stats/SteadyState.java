package dev.msgtrans.workbench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether one fork's measured iterations reached a steady state, and from which iteration: change-point segmentation
 * in the spirit of Barrett et al., "Virtual Machine Warmup Blows Hot and Cold" (OOPSLA 2017). Stateless; thread-safe.
 * <p>
 * Why: a fork that was still warming up (or that slowed down, e.g. a heap filling up) has a mean that describes
 * neither phase. Only the last, steady segment should feed the fork mean; a fork whose series never settled should
 * not be averaged at all.
 * <p>
 * How: exact optimal partitioning (the minimum that PELT finds, without its pruning: a fork has tens of iterations)
 * of the log scores with a normal mean-shift cost, logs because throughput noise is multiplicative. The noise sigma
 * is estimated robustly from successive differences, which a level shift barely disturbs, with a floor so that a
 * series that is flat up to rounding is not split. Adjacent segments whose means are within {@link #MERGE_TOLERANCE}
 * are then merged, as Barrett et al. merged segments that differed by less than the noise.
 * <p>
 * Series shorter than {@link #MIN_SEGMENTABLE} are too short to segment: they are reported {@link Kind#FLAT}, steady
 * from the first iteration.
 */
public final class SteadyState {

    /**
     * Penalty per change point, times ln(n), in units of sigma squared. The Schwarz criterion for a mean shift
     * (a new level and a location) is about 2 ln(n); 3 ln(n) because sigma is itself estimated from a handful of
     * differences and a false split costs more (discarded iterations, a fork wrongly rejected) than a missed small
     * shift does.
     */
    public static final double PENALTY_PER_LOG_N = 3.0;

    /** Smallest segment: one iteration on its own is an outlier, not a level. */
    public static final int MIN_SEGMENT = 2;

    /** Adjacent segments whose means differ by less than this (relative) are one level: within JMH's run noise. */
    public static final double MERGE_TOLERANCE = 0.02;

    /** Floor of the noise sigma on the log scale (0.5%): a series flat to the last digit must not split on rounding. */
    public static final double SIGMA_FLOOR = 0.005;

    /** Shorter series are not segmented. */
    public static final int MIN_SEGMENTABLE = 4;

    /** Consistency constant of the Qn scale estimator for a normal distribution. */
    private static final double QN_NORMAL = 2.2219;

    private SteadyState() {
    }

    /** What the series did. */
    public enum Kind {
        /** One level throughout (or too short to tell). */
        FLAT,
        /** Ended on a better level than the one before it. */
        WARMED_UP,
        /** Ended on a worse level than the one before it. */
        SLOWED_DOWN,
        /** The last level is too short to be trusted: the series was still changing when the fork ended. */
        NO_STEADY_STATE
    }

    /**
     * A classified series.
     *
     * @param kind         what the series did
     * @param steadyFrom   index of the first iteration of the last segment (also for {@link Kind#NO_STEADY_STATE},
     *                     where that segment is too short to be called steady)
     * @param changePoints index of the first iteration of every segment but the first, ascending
     * @param steadyMean   arithmetic mean of the iterations from {@code steadyFrom} on; NaN when not steady
     * @param iterations   length of the series
     */
    public record Result(Kind kind, int steadyFrom, List<Integer> changePoints, double steadyMean, int iterations) {

        public Result {
            changePoints = List.copyOf(changePoints);
        }

        /** Whether the series settled (anything but {@link Kind#NO_STEADY_STATE}). */
        public boolean steady() {
            return kind != Kind.NO_STEADY_STATE;
        }

        /**
         * The steady iterations of {@code series} (the series this result was computed from); empty when it did not
         * settle, and then the caller decides whether the fork is usable at all.
         */
        public double[] steadyPart(double[] series) {
            if (series.length != iterations) {
                throw new IllegalArgumentException(
                        "series has " + series.length + " iterations, this result is for " + iterations);
            }
            return steady() ? Arrays.copyOfRange(series, steadyFrom, iterations) : new double[0];
        }
    }

    /**
     * Segments and classifies one fork's measured iterations. One segment is {@link Kind#FLAT}. Otherwise the last
     * segment is the steady one, unless it is shorter than max(3, ceil(n/3)) iterations: a change point that close to
     * the end means the series had not settled ({@link Kind#NO_STEADY_STATE}). A steady last segment better than the
     * one before it is {@link Kind#WARMED_UP}, worse is {@link Kind#SLOWED_DOWN}.
     *
     * @param iterations     the scores in the order measured, all positive and finite, at least one
     * @param higherIsBetter true for throughput, false for time per operation
     */
    public static Result classify(double[] iterations, boolean higherIsBetter) {
        int n = iterations.length;
        if (n == 0) {
            throw new IllegalArgumentException("no iterations");
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double v = iterations[i];
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("scores must be positive and finite, got " + v + " at " + i);
            }
            y[i] = Math.log(v);
        }
        if (n < MIN_SEGMENTABLE) {
            return new Result(Kind.FLAT, 0, List.of(), mean(iterations, 0, n), n);
        }
        List<Integer> starts = merge(y, segment(y, sigma(y)));
        if (starts.size() == 1) {
            return new Result(Kind.FLAT, 0, List.of(), mean(iterations, 0, n), n);
        }
        List<Integer> changePoints = starts.subList(1, starts.size());
        int last = starts.get(starts.size() - 1);
        int previous = starts.get(starts.size() - 2);
        if (n - last < Math.max(3, (n + 2) / 3)) {
            return new Result(Kind.NO_STEADY_STATE, last, changePoints, Double.NaN, n);
        }
        boolean higher = mean(y, last, n) > mean(y, previous, last);
        Kind kind = higher == higherIsBetter ? Kind.WARMED_UP : Kind.SLOWED_DOWN;
        return new Result(kind, last, changePoints, mean(iterations, last, n), n);
    }

    /**
     * Noise sigma of the log series from its successive differences (each has variance 2 sigma^2 on a flat stretch,
     * and a level shift spoils only one of them): the Qn scale of Rousseeuw and Croux (1993), the first quartile of
     * the pairwise distances, times 2.2219. Qn rather than the MAD: as robust (50% breakdown) but about twice as
     * efficient, and with ten iterations the MAD's own noise made flat series split far too often. No small-sample
     * correction: the differences are correlated anyway, so the false-split rate was checked by simulation instead
     * (close to what the true sigma gives). Floored at {@link #SIGMA_FLOOR}.
     */
    static double sigma(double[] y) {
        int m = y.length - 1;
        if (m < 2) {
            return SIGMA_FLOOR;
        }
        double[] d = new double[m];
        for (int i = 0; i < m; i++) {
            d[i] = y[i + 1] - y[i];
        }
        double[] pairs = new double[m * (m - 1) / 2];
        int p = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                pairs[p++] = Math.abs(d[i] - d[j]);
            }
        }
        Arrays.sort(pairs);
        int h = m / 2 + 1;
        double qn = QN_NORMAL * pairs[h * (h - 1) / 2 - 1];
        return Math.max(SIGMA_FLOOR, qn / Math.sqrt(2));
    }

    /**
     * Optimal partitioning: the segment starts minimizing sum over segments of (squared deviations from the segment
     * mean) / sigma^2 plus the penalty per change point. Starts ascending, the first is 0.
     */
    static List<Integer> segment(double[] y, double sigma) {
        int n = y.length;
        double penalty = PENALTY_PER_LOG_N * Math.log(n);
        double[] s1 = new double[n + 1];
        double[] s2 = new double[n + 1];
        for (int i = 0; i < n; i++) {
            s1[i + 1] = s1[i] + y[i];
            s2[i + 1] = s2[i] + y[i] * y[i];
        }
        double var = sigma * sigma;
        // best[t]: minimal cost of y[0..t) with a change point charged at every segment start but the first
        double[] best = new double[n + 1];
        int[] from = new int[n + 1];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        best[0] = -penalty;
        for (int t = MIN_SEGMENT; t <= n; t++) {
            for (int s = 0; s <= t - MIN_SEGMENT; s++) {
                if (best[s] == Double.POSITIVE_INFINITY) {
                    continue;
                }
                double sum = s1[t] - s1[s];
                double ss = Math.max(0, s2[t] - s2[s] - sum * sum / (t - s));
                double c = best[s] + ss / var + penalty;
                if (c < best[t]) {
                    best[t] = c;
                    from[t] = s;
                }
            }
        }
        List<Integer> starts = new ArrayList<>();
        for (int t = n; t > 0; t = from[t]) {
            starts.add(0, from[t]);
        }
        return starts;
    }

    /** Merges the closest adjacent pair while it is within {@link #MERGE_TOLERANCE}, recomputing the means. */
    static List<Integer> merge(double[] y, List<Integer> segmentStarts) {
        List<Integer> starts = new ArrayList<>(segmentStarts);
        while (starts.size() > 1) {
            int closest = -1;
            double gap = Double.POSITIVE_INFINITY;
            for (int k = 1; k < starts.size(); k++) {
                int end = k + 1 < starts.size() ? starts.get(k + 1) : y.length;
                double g = Math.abs(mean(y, starts.get(k), end) - mean(y, starts.get(k - 1), starts.get(k)));
                if (g < gap) {
                    gap = g;
                    closest = k;
                }
            }
            if (Math.expm1(gap) >= MERGE_TOLERANCE) {
                break;
            }
            starts.remove(closest);
        }
        return starts;
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }
}
