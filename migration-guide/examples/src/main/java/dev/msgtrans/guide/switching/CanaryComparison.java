package dev.msgtrans.guide.switching;

import dev.msgtrans.workbench.stats.ForkRatio;
import dev.msgtrans.workbench.stats.Interval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Decides a canary against its control from their {@link CanaryWindow}s: latency percentiles and CPU per packet with
 * the workbench's own statistics, the counters with {@link CanaryCheck}, each metric against an explicit abort
 * threshold. Immutable; thread-safe.
 * <p>
 * The replicate is the window, as the JVM fork is in the workbench's compare: each window gives one value per metric
 * and group (its p99, say), and {@link ForkRatio} turns them into the ratio canary / control with an interval,
 * paired by window index when both groups have at least {@link ForkRatio#MIN_PAIRED_ROUNDS} windows in common (the
 * same minutes saw the same traffic peaks, which then cancel), Welch otherwise. The intervals are Bonferroni-wide
 * over the metrics (each at {@code 1 - alpha / metrics}), so that one verdict over several metrics keeps its error
 * rate. Windows are not independent (traffic has a daily shape, a JIT settles once): compare windows long enough to
 * hold thousands of requests, over a whole traffic cycle, and read an interval from few windows as the smoke test it is.
 * <p>
 * For each metric (above 1 is worse for every one of them):
 * <ul>
 *   <li>{@link MetricOutcome#OVER_THRESHOLD}: the whole interval lies above the metric's {@code abortAbove};</li>
 *   <li>{@link MetricOutcome#WITHIN_THRESHOLD}: the whole interval lies at or below it;</li>
 *   <li>{@link MetricOutcome#UNDECIDED}: neither, or too few windows with enough samples for an interval.</li>
 * </ul>
 * The verdict: {@link Action#ABORT} when a counter fails {@link CanaryCheck} or a metric is over its threshold;
 * {@link Action#PROMOTE} when every metric is within its threshold over at least {@code minWindows} windows a group;
 * {@link Action#CONTINUE} (keep the canary running, collect more windows) otherwise.
 *
 * @param metrics    what is compared, each with its abort threshold
 * @param alpha      the error rate of the whole verdict, e.g. 0.05
 * @param minWindows windows per group before a canary can be promoted
 * @param counters   the counter rule, over all windows summed
 */
public record CanaryComparison(List<Metric> metrics, double alpha, int minWindows, CanaryCheck counters) {

    /** What the verdict says to do. */
    public enum Action { ABORT, CONTINUE, PROMOTE }

    /** Where a metric's interval lies against its threshold. */
    public enum MetricOutcome { OVER_THRESHOLD, UNDECIDED, WITHIN_THRESHOLD }

    /**
     * One compared quantity: a value per window, larger is worse.
     *
     * @param name       for the verdict, e.g. {@code p99 round trip}
     * @param value      the window's value; NaN when the window cannot give one (too few samples, CPU not measured)
     * @param abortAbove the ratio canary / control above which the canary is aborted, e.g. 1.10 for +10%
     */
    public record Metric(String name, ToDoubleFunction<CanaryWindow> value, double abortAbove) {

        public Metric {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (!(abortAbove >= 1)) {
                throw new IllegalArgumentException(name + ": abortAbove must be >= 1 (a ratio canary / control),"
                        + " was " + abortAbove);
            }
        }

        /**
         * The round trip at {@code percentile} (e.g. 99.0), from windows with at least {@code 10 / (1 - q)} round
         * trips (a p99 from fewer than 1,000 samples is one of its few largest values, not a percentile).
         */
        public static Metric roundTrip(double percentile, double abortAbove) {
            double q = percentile / 100;
            long minSamples = (long) Math.ceil(10 / (1 - q));
            return new Metric(String.format(Locale.ROOT, "p%s round trip", trim(percentile)), w ->
                    w.roundTrips().getTotalCount() < minSamples ? Double.NaN
                            : w.roundTrips().getValueAtPercentile(percentile), abortAbove);
        }

        /** CPU time per packet received, from windows where the CPU was measured and packets arrived. */
        public static Metric cpuPerPacket(double abortAbove) {
            return new Metric("CPU per packet", CanaryWindow::cpuPerPacket, abortAbove);
        }

        private static String trim(double percentile) {
            return percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
        }
    }

    /**
     * One metric's result.
     *
     * @param ratio   canary / control with its interval (no bounds with fewer than two usable windows a group)
     * @param windows usable windows: control, canary
     */
    public record MetricResult(Metric metric, Interval ratio, MetricOutcome outcome, int controlWindows,
                               int canaryWindows) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: canary/control %.3f [%.3f, %.3f] at %.1f%%, abort above %.2f, "
                            + "%s (%d/%d windows)", metric.name(), ratio.estimate(), ratio.lower(), ratio.upper(),
                    ratio.confidence() * 100, metric.abortAbove(), outcome, controlWindows, canaryWindows);
        }
    }

    /** The verdict, with every metric's result and every counter that failed, for the deployment's log. */
    public record Verdict(Action action, List<MetricResult> metrics, List<CanaryCheck.Finding> counterFindings) {
    }

    public CanaryComparison {
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(counters, "counters");
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("no metric to compare");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        if (minWindows < 2) {
            throw new IllegalArgumentException("minWindows must be >= 2 (one window has no interval), was "
                    + minWindows);
        }
    }

    // tag::defaults[]
    /**
     * A starting point to tune: abort on +10% median, +20% p99, +50% p99.9 round trip or +10% CPU per packet,
     * 5% error rate, at least 10 windows a group before promoting, counters as {@link CanaryCheck} with one extra
     * event per ten thousand packets.
     */
    public static CanaryComparison defaults() {
        return new CanaryComparison(List.of(
                Metric.roundTrip(50, 1.10),
                Metric.roundTrip(99, 1.20),
                Metric.roundTrip(99.9, 1.50),
                Metric.cpuPerPacket(1.10)),
                0.05, 10, new CanaryCheck(1e-4, 0));
    }
    // end::defaults[]

    public Verdict compare(List<CanaryWindow> control, List<CanaryWindow> canary) {
        double confidence = 1 - alpha / metrics.size();
        List<MetricResult> results = new ArrayList<>();
        for (Metric m : metrics) {
            results.add(judge(m, control, canary, confidence));
        }
        List<CanaryCheck.Finding> findings = control.isEmpty() || canary.isEmpty() ? List.of()
                : counters.compare(sum(control), sum(canary));
        Action action;
        if (!findings.isEmpty() || results.stream().anyMatch(r -> r.outcome() == MetricOutcome.OVER_THRESHOLD)) {
            action = Action.ABORT;
        } else if (control.size() >= minWindows && canary.size() >= minWindows
                && results.stream().allMatch(r -> r.outcome() == MetricOutcome.WITHIN_THRESHOLD)) {
            action = Action.PROMOTE;
        } else {
            action = Action.CONTINUE;
        }
        return new Verdict(action, results, findings);
    }

    private static MetricResult judge(Metric m, List<CanaryWindow> control, List<CanaryWindow> canary,
                                      double confidence) {
        Values a = Values.of(m, control);
        Values b = Values.of(m, canary);
        if (a.values.length == 0 || b.values.length == 0) {
            return new MetricResult(m, Interval.pointOnly(Double.NaN, confidence), MetricOutcome.UNDECIDED,
                    a.values.length, b.values.length);
        }
        Interval ratio = ForkRatio.of(a.values, a.indexes, b.values, b.indexes, confidence).interval();
        MetricOutcome outcome = !ratio.hasBounds() ? MetricOutcome.UNDECIDED
                : ratio.lower() > m.abortAbove() ? MetricOutcome.OVER_THRESHOLD
                : ratio.upper() <= m.abortAbove() ? MetricOutcome.WITHIN_THRESHOLD
                : MetricOutcome.UNDECIDED;
        return new MetricResult(m, ratio, outcome, a.values.length, b.values.length);
    }

    private static StatsDelta sum(List<CanaryWindow> windows) {
        StatsDelta total = windows.get(0).stats();
        for (int i = 1; i < windows.size(); i++) {
            total = total.then(windows.get(i).stats());
        }
        return total;
    }

    /** A group's usable values of one metric (positive and finite), with their window indexes. */
    private record Values(double[] values, int[] indexes) {
        static Values of(Metric m, List<CanaryWindow> windows) {
            double[] values = new double[windows.size()];
            int[] indexes = new int[windows.size()];
            int n = 0;
            for (CanaryWindow w : windows) {
                double v = m.value().applyAsDouble(w);
                if (v > 0 && Double.isFinite(v)) {
                    values[n] = v;
                    indexes[n++] = w.index();
                }
            }
            return new Values(Arrays.copyOf(values, n), Arrays.copyOf(indexes, n));
        }
    }
}
