package dev.msgtrans.guide.switching;

import org.HdrHistogram.Histogram;

import java.util.Objects;

/**
 * What one group (the canary or the control) did in one reporting window: the round trips of the requests it
 * issued, the CPU its process used, and its counters. Cut by {@link CanaryWindows}; compared by
 * {@link CanaryComparison}. Immutable once made (the histogram is the caller's and must not be written to after).
 *
 * @param index      the window's number on a clock both groups share (e.g. minutes since the epoch), so that the
 *                   canary's and the control's windows that covered the same traffic are compared in pairs
 * @param roundTrips request round trips in nanoseconds
 * @param cpuNanos   CPU time the process used in the window, all threads; negative when not measured
 * @param stats      the transport's counters over the window
 */
public record CanaryWindow(int index, Histogram roundTrips, long cpuNanos, StatsDelta stats) {

    public CanaryWindow {
        Objects.requireNonNull(roundTrips, "roundTrips");
        Objects.requireNonNull(stats, "stats");
    }

    /** CPU nanoseconds per packet received, or NaN when the CPU was not measured or no packet arrived. */
    public double cpuPerPacket() {
        long packets = stats.get("packetsReceived");
        return cpuNanos < 0 || packets == 0 ? Double.NaN : (double) cpuNanos / packets;
    }
}
