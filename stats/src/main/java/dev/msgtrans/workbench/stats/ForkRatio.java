package dev.msgtrans.workbench.stats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The ratio {@code b / a} of two sides measured in several JVM forks each, with the fork as the replicate: one
 * number per fork (its steady-state mean), compared on the log scale. Stateless; thread-safe.
 * <p>
 * Why forks: iterations inside one fork share JIT decisions, heap layout and code placement, so their spread says
 * little about the next fork; fork-to-fork variance dominates (Kalibera and Jones, ISMM 2013), and only forks make an
 * interval that another run of the same code would agree with. Why logs: throughput noise is multiplicative, and the
 * ratio of geometric means becomes a difference of means with a symmetric interval.
 * <p>
 * With fewer than two forks on a side there is no interval and no p-value: one fork is a smoke test, not evidence.
 */
public final class ForkRatio {

    /** {@link #of} pairs by round only from this many matched rounds on: with fewer the paired t has too few df. */
    public static final int MIN_PAIRED_ROUNDS = 3;

    private ForkRatio() {
    }

    /**
     * A fork-level ratio.
     *
     * @param interval      {@code b / a} (ratio of the geometric means of the fork means) and its interval;
     *                      {@link Interval#pointOnly} with fewer than two forks on a side
     * @param pValue        two-sided, for ratio = 1; NaN without an interval
     * @param logRatio      ln of the estimate
     * @param standardError of {@code logRatio}; NaN without an interval
     * @param df            degrees of freedom of the t statistic; NaN without an interval
     * @param forksA        forks of the denominator side
     * @param forksB        forks of the numerator side
     * @param paired        whether the forks were paired by round
     */
    public record Estimate(Interval interval, double pValue, double logRatio, double standardError, double df,
                           int forksA, int forksB, boolean paired) {

        /** Half-width of the interval on the log scale (t times the standard error); NaN without an interval. */
        public double halfWidthLog() {
            return interval.hasBounds() ? (Math.log(interval.upper()) - Math.log(interval.lower())) / 2 : Double.NaN;
        }
    }

    /**
     * Welch's t on the log fork means, Welch-Satterthwaite degrees of freedom: the forks of the two sides are taken
     * as independent. When both sides' forks agree exactly the interval collapses onto the estimate (p = 1 when the
     * sides are equal, 0 otherwise) and {@code df} is the pooled {@code na + nb - 2}.
     *
     * @param forkMeansA denominator side, one mean per fork, positive
     * @param forkMeansB numerator side, likewise
     * @param confidence two-sided coverage in (0, 1), e.g. 0.99
     */
    public static Estimate welch(double[] forkMeansA, double[] forkMeansB, double confidence) {
        checkConfidence(confidence);
        double[] la = logs(forkMeansA, "a");
        double[] lb = logs(forkMeansB, "b");
        int na = la.length;
        int nb = lb.length;
        double d = na == 0 || nb == 0 ? Double.NaN : mean(lb) - mean(la);
        if (na < 2 || nb < 2) {
            return pointOnly(d, confidence, na, nb, false);
        }
        double va = variance(la) / na;
        double vb = variance(lb) / nb;
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            return exact(d, confidence, na + nb - 2, na, nb, false);
        }
        double df = (va + vb) * (va + vb) / (va * va / (na - 1) + vb * vb / (nb - 1));
        return withT(d, se, df, confidence, na, nb, false);
    }

    /**
     * The paired t on {@code d_k = ln b_k - ln a_k}, {@code df = n - 1}: element k of both arrays ran in the same
     * round, so whatever hit that round (a noisy neighbour, a thermal state) hit both sides and cancels in d_k.
     * Fewer than two pairs give a point estimate only. All d_k equal collapse the interval as in {@link #welch}.
     *
     * @param forkMeansA denominator side, one mean per fork, positive
     * @param forkMeansB numerator side, same length, element k from the same round as element k of a
     * @param confidence two-sided coverage in (0, 1)
     */
    public static Estimate paired(double[] forkMeansA, double[] forkMeansB, double confidence) {
        checkConfidence(confidence);
        double[] la = logs(forkMeansA, "a");
        double[] lb = logs(forkMeansB, "b");
        if (la.length != lb.length) {
            throw new IllegalArgumentException("paired sides need equal fork counts, got " + la.length + " and "
                    + lb.length);
        }
        int n = la.length;
        double[] diff = new double[n];
        for (int k = 0; k < n; k++) {
            diff[k] = lb[k] - la[k];
        }
        double d = n == 0 ? Double.NaN : mean(diff);
        if (n < 2) {
            return pointOnly(d, confidence, n, n, true);
        }
        double se = Math.sqrt(variance(diff) / n);
        if (se == 0) {
            return exact(d, confidence, n - 1, n, n, true);
        }
        return withT(d, se, n - 1, confidence, n, n, true);
    }

    /**
     * Pairs forks by round when the design allows it, else compares them as independent. Paired ({@link #paired})
     * when the round numbers are given, no side repeats one, both sides ran in exactly the same rounds and there are
     * at least {@link #MIN_PAIRED_ROUNDS} of them: pairing then removes round-level drift (a noisy neighbour hitting
     * one round hits both sides). Otherwise (rounds null, a fork without its partner) {@link #welch} on all forks.
     *
     * @param a          denominator fork means
     * @param roundsA    round of each fork of a, or null
     * @param b          numerator fork means
     * @param roundsB    round of each fork of b, or null
     * @param confidence two-sided coverage in (0, 1)
     */
    public static Estimate of(double[] a, int[] roundsA, double[] b, int[] roundsB, double confidence) {
        if (roundsA != null && roundsA.length != a.length || roundsB != null && roundsB.length != b.length) {
            throw new IllegalArgumentException("one round number per fork needed");
        }
        if (roundsA == null || roundsB == null || a.length != b.length || a.length < MIN_PAIRED_ROUNDS) {
            return welch(a, b, confidence);
        }
        Map<Integer, Integer> indexB = new HashMap<>();
        for (int k = 0; k < roundsB.length; k++) {
            if (indexB.put(roundsB[k], k) != null) {
                return welch(a, b, confidence);
            }
        }
        Integer[] order = new Integer[a.length];
        for (int k = 0; k < a.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (x, y) -> Integer.compare(roundsA[x], roundsA[y]));
        double[] pa = new double[a.length];
        double[] pb = new double[a.length];
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            Integer j = indexB.remove(roundsA[i]);
            if (j == null) {
                // a fork of a without a partner, or a round repeated on side a
                return welch(a, b, confidence);
            }
            pa[k] = a[i];
            pb[k] = b[j];
        }
        return paired(pa, pb, confidence);
    }

    private static Estimate withT(double d, double se, double df, double confidence, int na, int nb, boolean paired) {
        double t = StudentT.quantile(1 - (1 - confidence) / 2, df);
        double p = Math.min(1, 2 * StudentT.cdf(-Math.abs(d) / se, df));
        Interval i = new Interval(Math.exp(d), Math.exp(d - t * se), Math.exp(d + t * se), confidence);
        return new Estimate(i, p, d, se, df, na, nb, paired);
    }

    private static Estimate exact(double d, double confidence, double df, int na, int nb, boolean paired) {
        double r = Math.exp(d);
        return new Estimate(new Interval(r, r, r, confidence), d == 0 ? 1 : 0, d, 0, df, na, nb, paired);
    }

    private static Estimate pointOnly(double d, double confidence, int na, int nb, boolean paired) {
        return new Estimate(Interval.pointOnly(Math.exp(d), confidence), Double.NaN, d, Double.NaN, Double.NaN, na,
                nb, paired);
    }

    private static void checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }

    private static double[] logs(double[] x, String side) {
        double[] l = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0) || !Double.isFinite(x[i])) {
                throw new IllegalArgumentException("fork means must be positive and finite, got " + x[i]
                        + " on side " + side + " at " + i);
            }
            l[i] = Math.log(x[i]);
        }
        return l;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Sample variance; exactly 0 when all values are equal (their mean may be off by an ulp). */
    private static double variance(double[] x) {
        if (Arrays.stream(x).allMatch(v -> v == x[0])) {
            return 0;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }
}
