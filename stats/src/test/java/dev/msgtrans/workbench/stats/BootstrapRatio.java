package dev.msgtrans.workbench.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The report's interval method before forks became the replicate, kept here (test scope) so that
 * {@code ForkRatioTest} can show how it fails: with one fork it resamples correlated iterations and its "99%"
 * intervals miss the true ratio far more often than 1% of the time.
 * <p>
 * Percentile bootstrap confidence interval for the ratio of two means, {@code mean(b) / mean(a)}, from per-fork
 * per-iteration samples. Thread-safe: every call draws from its own generator seeded with the instance's seed, so
 * the same data always give the same interval.
 * <p>
 * Why this structure: JMH iterations inside one fork are correlated (same JIT decisions, same heap layout), forks
 * are not. So when a side has two or more forks the resampling is hierarchical: draw forks with replacement, then
 * iterations with replacement inside each drawn fork; the interval then carries the fork-to-fork variance that a
 * flat resampling of all iterations would hide. With one fork only the iterations can be resampled, and the
 * interval says nothing about run-to-run variance: the report says so. With fewer than two samples on a side there
 * is no interval ({@link Interval#pointOnly}).
 * <p>
 * The ratio of means rather than the mean of ratios: the two runs' iterations are not paired.
 */
public final class BootstrapRatio {

    /** Default number of resamples: enough for stable 0.5% / 99.5% quantiles. */
    public static final int DEFAULT_RESAMPLES = 10_000;

    /** Default seed; any fixed value makes reports reproducible. */
    public static final long DEFAULT_SEED = 0x5EEDL;

    private final int resamples;
    private final long seed;

    public BootstrapRatio(int resamples, long seed) {
        if (resamples < 100) {
            throw new IllegalArgumentException("need at least 100 resamples, got " + resamples);
        }
        this.resamples = resamples;
        this.seed = seed;
    }

    public BootstrapRatio() {
        this(DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /**
     * {@code mean(b) / mean(a)} with its percentile-bootstrap interval.
     *
     * @param a          denominator samples, per fork (each fork's iterations)
     * @param b          numerator samples, per fork
     * @param confidence two-sided coverage in (0, 1), e.g. 0.99
     */
    public Interval ratioOfMeans(double[][] a, double[][] b, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        double ma = mean(a);
        double mb = mean(b);
        double estimate = mb / ma;
        if (count(a) < 2 || count(b) < 2 || !Double.isFinite(estimate)) {
            return Interval.pointOnly(estimate, confidence);
        }
        a = nonEmpty(a);
        b = nonEmpty(b);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] ratios = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            ratios[i] = resampleMean(b, rnd) / resampleMean(a, rnd);
        }
        Arrays.sort(ratios);
        double alpha = (1 - confidence) / 2;
        return new Interval(estimate, quantile(ratios, alpha), quantile(ratios, 1 - alpha), confidence);
    }

    /** Mean of all samples of all forks (JMH's score is the same pooled mean). */
    public static double mean(double[][] forks) {
        double sum = 0;
        int n = 0;
        for (double[] f : forks) {
            for (double v : f) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static int count(double[][] forks) {
        int n = 0;
        for (double[] f : forks) {
            n += f.length;
        }
        return n;
    }

    private static double[][] nonEmpty(double[][] forks) {
        return Arrays.stream(forks).filter(f -> f.length > 0).toArray(double[][]::new);
    }

    private static double resampleMean(double[][] nonEmpty, SplittableRandom rnd) {
        double sum = 0;
        int n = 0;
        if (nonEmpty.length >= 2) {
            for (int k = 0; k < nonEmpty.length; k++) {
                double[] fork = nonEmpty[rnd.nextInt(nonEmpty.length)];
                for (int j = 0; j < fork.length; j++) {
                    sum += fork[rnd.nextInt(fork.length)];
                    n++;
                }
            }
        } else {
            double[] only = nonEmpty[0];
            for (int j = 0; j < only.length; j++) {
                sum += only[rnd.nextInt(only.length)];
                n++;
            }
        }
        return sum / n;
    }

    /** Linear interpolation between order statistics (type 7, as R's default). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
