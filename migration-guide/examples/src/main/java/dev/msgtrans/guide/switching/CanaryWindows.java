package dev.msgtrans.guide.switching;

import dev.msgtrans.core.TransportStats;
import dev.msgtrans.hdrhistogram.HdrRoundTrips;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.function.Supplier;

/**
 * Cuts one group's {@link CanaryWindow}s on one host: at each {@link #cut}, the round trips
 * {@link HdrRoundTrips} recorded since the previous cut, the process's CPU time since then, and the counters'
 * difference. Run one on every canary and control instance, cut on the same wall-clock schedule everywhere (for
 * example at each minute), and ship the windows to wherever {@link CanaryComparison} runs.
 * <p>
 * Not thread-safe: one thread cuts.
 */
public final class CanaryWindows {

    private final Supplier<TransportStats> stats;
    private final HdrRoundTrips roundTrips;
    private final com.sun.management.OperatingSystemMXBean cpu;
    private TransportStats lastStats;
    private long lastCpu;

    /**
     * @param stats      the server's or client's {@code stats()}
     * @param roundTrips the recorder its builder was given ({@code Transport.Builder.roundTrips})
     */
    public CanaryWindows(Supplier<TransportStats> stats, HdrRoundTrips roundTrips) {
        this.stats = stats;
        this.roundTrips = roundTrips;
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        this.cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun : null;
        roundTrips.interval(); // what came before the first window is not in it
        this.lastStats = stats.get();
        this.lastCpu = processCpu();
    }

    /** @param index the window's number on the clock every group shares */
    public CanaryWindow cut(int index) {
        TransportStats now = stats.get();
        long cpuNow = processCpu();
        CanaryWindow w = new CanaryWindow(index, roundTrips.interval(),
                cpuNow < 0 || lastCpu < 0 ? -1 : cpuNow - lastCpu, StatsDelta.between(lastStats, now));
        lastStats = now;
        lastCpu = cpuNow;
        return w;
    }

    /** Nanoseconds, or -1 where the JVM does not report process CPU time. */
    private long processCpu() {
        return cpu == null ? -1 : cpu.getProcessCpuTime();
    }
}
