package dev.msgtrans.guide.switching;

import dev.msgtrans.core.TransportStats;
import dev.msgtrans.guide.switching.CanaryComparison.Action;
import dev.msgtrans.guide.switching.CanaryComparison.MetricOutcome;
import dev.msgtrans.guide.switching.CanaryComparison.MetricResult;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The canary rule on windows whose truth is known: round trips drawn from a log-normal around 1 ms, each window
 * scaled by a traffic factor both groups share (as the same minute's peak hits every instance), the canary's scaled
 * again by the effect under test; CPU per packet likewise.
 */
class CanaryComparisonTest {

    private static final int SAMPLES = 20_000; // enough for a p99.9 in every window
    private final CanaryComparison rule = CanaryComparison.defaults();

    /** Both groups' windows: {@code windows} of them, the canary's latency times {@code latency}, CPU times {@code cpu}. */
    private static List<List<CanaryWindow>> groups(int windows, double latency, double cpu, long seed) {
        Random r = new Random(seed);
        List<CanaryWindow> control = new ArrayList<>();
        List<CanaryWindow> canary = new ArrayList<>();
        for (int k = 0; k < windows; k++) {
            double traffic = Math.exp(0.3 * r.nextGaussian()); // the minute's load, shared
            control.add(window(k, traffic, 1.0, r, 0));
            canary.add(window(k, traffic * latency, cpu, r, 0));
        }
        return List.of(control, canary);
    }

    private static CanaryWindow window(int index, double scale, double cpuScale, Random r, long eventsDropped) {
        Histogram h = new Histogram(3);
        for (int i = 0; i < SAMPLES; i++) {
            h.recordValue((long) (1_000_000 * scale * Math.exp(0.5 * r.nextGaussian())));
        }
        long packets = 100_000;
        long cpu = (long) (packets * 20_000 * cpuScale * Math.exp(0.02 * r.nextGaussian()));
        return new CanaryWindow(index, h, cpu, stats(packets, eventsDropped));
    }

    /** A window's counters: packets received and events dropped, the rest zero. */
    private static StatsDelta stats(long packets, long eventsDropped) {
        TransportStats zero = new TransportStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0);
        TransportStats after = new TransportStats(0, 0, 0, packets, packets, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                eventsDropped, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        return StatsDelta.between(zero, after);
    }

    private static MetricResult result(CanaryComparison.Verdict v, String metric) {
        return v.metrics().stream().filter(m -> m.metric().name().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    void aCanaryLikeItsControlIsPromotedOverEnoughWindows() {
        List<List<CanaryWindow>> g = groups(12, 1.0, 1.0, 1);
        CanaryComparison.Verdict v = rule.compare(g.get(0), g.get(1));
        assertEquals(Action.PROMOTE, v.action(), v.toString());
        for (MetricResult m : v.metrics()) {
            assertEquals(MetricOutcome.WITHIN_THRESHOLD, m.outcome(), m.toString());
            assertTrue(m.ratio().lower() < 1 && m.ratio().upper() > 1 || Math.abs(m.ratio().estimate() - 1) < 0.05,
                    "equal groups: " + m);
            assertEquals(12, m.controlWindows());
        }
        // the Bonferroni width: 1 - 0.05 / 4 metrics
        assertEquals(0.9875, v.metrics().get(0).ratio().confidence(), 1e-12);
    }

    @Test
    void theSameCanaryOverTooFewWindowsIsNotPromotedYet() {
        List<List<CanaryWindow>> g = groups(5, 1.0, 1.0, 2);
        assertEquals(Action.CONTINUE, rule.compare(g.get(0), g.get(1)).action());
    }

    @Test
    void aCanaryClearlySlowerThanItsThresholdIsAbortedAndTheMetricNamed() {
        List<List<CanaryWindow>> g = groups(6, 1.6, 1.0, 3);
        CanaryComparison.Verdict v = rule.compare(g.get(0), g.get(1));
        assertEquals(Action.ABORT, v.action());
        MetricResult p99 = result(v, "p99 round trip");
        assertEquals(MetricOutcome.OVER_THRESHOLD, p99.outcome(), p99.toString());
        assertTrue(p99.ratio().lower() > 1.2 && p99.ratio().estimate() > 1.5, p99.toString());
        assertEquals(MetricOutcome.WITHIN_THRESHOLD, result(v, "CPU per packet").outcome());
    }

    @Test
    void moreCpuPerPacketAbortsEvenWithEqualLatency() {
        List<List<CanaryWindow>> g = groups(6, 1.0, 1.3, 4);
        CanaryComparison.Verdict v = rule.compare(g.get(0), g.get(1));
        assertEquals(Action.ABORT, v.action());
        assertEquals(MetricOutcome.OVER_THRESHOLD, result(v, "CPU per packet").outcome());
        assertEquals(MetricOutcome.WITHIN_THRESHOLD, result(v, "p50 round trip").outcome());
    }

    @Test
    void aSlowdownNearTheThresholdFromFewNoisyWindowsIsUndecided() {
        // +15% against a +10% median threshold, three windows: the interval straddles 1.10
        List<List<CanaryWindow>> g = new ArrayList<>(groups(3, 1.15, 1.0, 5));
        Random r = new Random(6);
        List<CanaryWindow> noisyCanary = new ArrayList<>();
        for (CanaryWindow w : g.get(1)) {
            noisyCanary.add(window(w.index(), 1.15 * Math.exp(0.3 * r.nextGaussian()), 1.0, r, 0));
        }
        CanaryComparison.Verdict v = rule.compare(g.get(0), noisyCanary);
        assertEquals(Action.CONTINUE, v.action(), v.toString());
        assertEquals(MetricOutcome.UNDECIDED, result(v, "p50 round trip").outcome());
    }

    @Test
    void aCounterTheControlNeverShowsAbortsWhateverTheLatency() {
        List<List<CanaryWindow>> g = groups(12, 1.0, 1.0, 7);
        List<CanaryWindow> canary = new ArrayList<>(g.get(1));
        CanaryWindow last = canary.remove(canary.size() - 1);
        canary.add(new CanaryWindow(last.index(), last.roundTrips(), last.cpuNanos(), stats(100_000, 3)));
        CanaryComparison.Verdict v = rule.compare(g.get(0), canary);
        assertEquals(Action.ABORT, v.action());
        assertEquals(List.of("eventsDropped"), v.counterFindings().stream().map(CanaryCheck.Finding::counter).toList());
    }

    @Test
    void windowsTooSmallForAPercentileLeaveItUndecided() {
        Random r = new Random(8);
        List<CanaryWindow> control = new ArrayList<>();
        List<CanaryWindow> canary = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            for (List<CanaryWindow> side : List.of(control, canary)) {
                Histogram h = new Histogram(3);
                for (int i = 0; i < 500; i++) { // a median, but no p99 (needs 1,000) or p99.9 (10,000)
                    h.recordValue((long) (1_000_000 * Math.exp(0.5 * r.nextGaussian())));
                }
                side.add(new CanaryWindow(k, h, 2_000_000_000L, stats(100_000, 0)));
            }
        }
        CanaryComparison.Verdict v = rule.compare(control, canary);
        assertEquals(Action.CONTINUE, v.action());
        assertEquals(MetricOutcome.UNDECIDED, result(v, "p99 round trip").outcome());
        assertEquals(0, result(v, "p99.9 round trip").controlWindows());
        assertEquals(12, result(v, "p50 round trip").controlWindows());
    }

    @Test
    void thresholdsAreRatiosOfAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> CanaryComparison.Metric.roundTrip(99, 0.9));
    }
}
