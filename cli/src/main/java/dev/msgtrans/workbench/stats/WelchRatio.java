package dev.msgtrans.workbench.stats;

import java.util.Arrays;

/**
 * Welch's t interval on log scores, turned into a ratio: {@code exp(mean(log b) - mean(log a))} with a two-sided
 * interval from Welch's unequal-variance t statistic (Welch-Satterthwaite degrees of freedom). Stateless.
 * <p>
 * Why logs: throughput is a rate, its noise is multiplicative, and a ratio's interval is symmetric on the log scale.
 * Why the replicate is chosen here: iterations inside one fork are correlated, forks are independent. So when both
 * sides have at least two forks, each fork's mean is one replicate, which is what makes two runs of the same code
 * look the same however the machine's load drifted between forks; with a single fork per side only the iterations
 * are left, and the interval then ignores run-to-run variance (the practical threshold has to absorb it). With few
 * replicates the t quantile is large: the interval is honest about how little two or three forks can show.
 */
public final class WelchRatio {

    private WelchRatio() {
    }

    /** Which samples served as replicates. */
    public enum Replicates { FORK_MEANS, ITERATIONS }

    /** The interval and what it was computed from. */
    public record Result(Interval interval, Replicates replicates, int na, int nb) {
    }

    /**
     * {@code b / a} (geometric means) with its Welch interval.
     *
     * @param a          denominator samples, per fork
     * @param b          numerator samples, per fork
     * @param confidence two-sided coverage in (0, 1)
     */
    public static Result ratio(double[][] a, double[][] b, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        boolean byFork = forks(a) >= 2 && forks(b) >= 2;
        double[] la = logs(a, byFork);
        double[] lb = logs(b, byFork);
        Replicates rep = byFork ? Replicates.FORK_MEANS : Replicates.ITERATIONS;
        if (la.length == 0 || lb.length == 0) {
            return new Result(Interval.pointOnly(Double.NaN, confidence), rep, la.length, lb.length);
        }
        double ma = mean(la);
        double mb = mean(lb);
        double estimate = Math.exp(mb - ma);
        if (la.length < 2 || lb.length < 2) {
            return new Result(Interval.pointOnly(estimate, confidence), rep, la.length, lb.length);
        }
        double va = variance(la, ma) / la.length;
        double vb = variance(lb, mb) / lb.length;
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            // identical replicates on both sides (a run against itself): no uncertainty to speak of
            return new Result(new Interval(estimate, estimate, estimate, confidence), rep, la.length, lb.length);
        }
        double df = (va + vb) * (va + vb) / (va * va / (la.length - 1) + vb * vb / (lb.length - 1));
        double t = StudentT.quantile(1 - (1 - confidence) / 2, df);
        double d = mb - ma;
        return new Result(new Interval(estimate, Math.exp(d - t * se), Math.exp(d + t * se), confidence), rep,
                la.length, lb.length);
    }

    private static int forks(double[][] x) {
        return (int) Arrays.stream(x).filter(f -> f.length > 0).count();
    }

    private static double[] logs(double[][] x, boolean byFork) {
        if (byFork) {
            return Arrays.stream(x).filter(f -> f.length > 0).mapToDouble(f -> Math.log(mean(f))).toArray();
        }
        return Arrays.stream(x).flatMapToDouble(Arrays::stream).map(Math::log).toArray();
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }
}
