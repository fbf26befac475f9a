package dev.msgtrans.harness.latency;

import org.HdrHistogram.Histogram;

/**
 * The histograms of one lane (one client connection's share of the schedule): per measured window, the
 * coordinated-omission-corrected latency (response time minus intended send time, or minus the actual send time
 * for a request sent ahead of its time, so that no latency is understated), the service time (response
 * time minus actual send time) and the sender's lag (actual minus intended send time), all in nanoseconds.
 * Requests are binned by their intended send time, so window {@code w} holds exactly the requests the schedule
 * meant to send in it; successful responses are also counted by the window they arrived in (the achieved rate).
 * <p>
 * Threading contract: {@link #complete} is called from whichever thread completes a response future (for Netty
 * the lane's event loop, for our transport its client threads); {@link #close} and the getters from the
 * generator's thread. Every method is {@code synchronized}: completions of one lane rarely come from two threads
 * at once, so the monitor is almost always uncontended (tens of nanoseconds, far below what is measured), and it
 * makes {@link #close} a clean cut: nothing is recorded after it returns. One lock per lane, not one for all.
 */
final class LaneRecorder {

    /** How a request ended. */
    enum Outcome { OK, TIMEOUT, ERROR }

    private final long measureStart;
    private final long windowNanos;
    private final Histogram[] latency;
    private final Histogram[] service;
    private final Histogram[] lag;
    private final long[] arrivals;
    private long finished;
    private long warmup;
    private long errors;
    private long timeouts;
    private boolean closed;

    LaneRecorder(long measureStart, long windowNanos, int windows) {
        this.measureStart = measureStart;
        this.windowNanos = windowNanos;
        this.latency = histograms(windows);
        this.service = histograms(windows);
        this.lag = histograms(windows);
        this.arrivals = new long[windows];
    }

    private static Histogram[] histograms(int n) {
        Histogram[] h = new Histogram[n];
        for (int i = 0; i < n; i++) {
            // auto-resizing, 3 significant digits: 0.1% resolution at any latency, small when latencies are small
            h[i] = new Histogram(3);
        }
        return h;
    }

    /**
     * Records one finished request. A timeout is recorded at the time it was given up (a lower bound of its
     * latency), so timeouts stay in the tail instead of vanishing from it; an error is only counted.
     */
    synchronized void complete(long intended, long sent, long done, Outcome outcome) {
        if (closed) {
            return;
        }
        finished++;
        int w = (int) Math.floorDiv(intended - measureStart, windowNanos);
        if (w < 0) {
            warmup++;
            return;
        }
        if (w >= latency.length) {
            w = latency.length - 1; // the schedule ends at the last window's end; guards rounding only
        }
        switch (outcome) {
            case ERROR -> {
                errors++;
                return;
            }
            case TIMEOUT -> timeouts++;
            case OK -> {
                int a = (int) Math.floorDiv(done - measureStart, windowNanos);
                if (a >= 0 && a < arrivals.length) {
                    arrivals[a]++;
                }
            }
            default -> throw new AssertionError(outcome);
        }
        // from the intended time; a request the sender let go a little early counts from its actual send
        latency[w].recordValue(Math.max(0, done - Math.min(intended, sent)));
        service[w].recordValue(Math.max(0, done - sent));
        lag[w].recordValue(Math.max(0, sent - intended));
    }

    /** Stops recording; late completions are ignored from here on. */
    synchronized void close() {
        closed = true;
    }

    /** Requests finished in any way, warm-up included. */
    synchronized long finished() {
        return finished;
    }

    /** Adds this lane's data into the run's totals (call after {@link #close}). */
    synchronized void addTo(LatencyMeasurement m) {
        for (int w = 0; w < latency.length; w++) {
            m.latency()[w].add(latency[w]);
            m.service()[w].add(service[w]);
            m.lag()[w].add(lag[w]);
            m.arrivals()[w] += arrivals[w];
        }
        m.count(warmup, errors, timeouts);
    }
}
