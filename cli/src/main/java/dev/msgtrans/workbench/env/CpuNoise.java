package dev.msgtrans.workbench.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Machine-wide counters that reveal a disturbed measurement, sampled around each fork: CPU steal (time the hypervisor
 * gave this VM's virtual CPUs to someone else, from {@code /proc/stat}) and CPU pressure (time during which at least
 * one runnable task waited for a CPU, from the kernel's pressure-stall information, {@code /proc/pressure/cpu}).
 * Steal is the neighbours; pressure includes the benchmark's own threads when they outnumber the cores, so read it
 * beside the thread count. Linux only: elsewhere, or on a kernel without PSI, a figure is NaN. Immutable.
 *
 * @param nanos       {@link System#nanoTime()} when sampled
 * @param totalTicks  every CPU tick of the aggregate {@code cpu} line
 * @param stealTicks  its steal ticks
 * @param pressureUs  PSI's cumulative "some" stall time, microseconds (-1 when unknown)
 */
public record CpuNoise(long nanos, long totalTicks, long stealTicks, long pressureUs) {

    private static final Path STAT = Path.of("/proc/stat");
    private static final Path PRESSURE = Path.of("/proc/pressure/cpu");

    /** Samples the counters now; what cannot be read is marked unknown, which {@link #since} turns into NaN. */
    public static CpuNoise sample() {
        long total = 0;
        long steal = 0;
        long pressure = -1;
        try {
            for (String line : Files.readAllLines(STAT)) {
                if (line.startsWith("cpu ")) {
                    String[] f = line.trim().split("\\s+");
                    // user nice system idle iowait irq softirq steal [guest guest_nice: already inside user/nice]
                    for (int i = 1; i < Math.min(f.length, 9); i++) {
                        total += Long.parseLong(f[i]);
                    }
                    steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            total = 0;
        }
        try {
            for (String line : Files.readAllLines(PRESSURE)) {
                if (line.startsWith("some ")) {
                    // some avg10=.. avg60=.. avg300=.. total=<microseconds>
                    for (String f : line.split("\\s+")) {
                        if (f.startsWith("total=")) {
                            pressure = Long.parseLong(f.substring("total=".length()));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            pressure = -1;
        }
        return new CpuNoise(System.nanoTime(), total, steal, pressure);
    }

    /**
     * The interval from {@code before} to this sample.
     *
     * @return steal as a percentage of all CPU time, and CPU pressure as a percentage of wall time
     */
    public Interval since(CpuNoise before) {
        double wall = (nanos - before.nanos) / 1e9;
        long ticks = totalTicks - before.totalTicks;
        double steal = ticks > 0 && before.totalTicks > 0 ? 100.0 * (stealTicks - before.stealTicks) / ticks : Double.NaN;
        double pressure = pressureUs >= 0 && before.pressureUs >= 0 && wall > 0
                ? 100.0 * (pressureUs - before.pressureUs) / 1e6 / wall : Double.NaN;
        return new Interval(steal, pressure);
    }

    /**
     * What happened between two samples.
     *
     * @param stealPercent    CPU steal, percent of all CPU time (NaN when unknown)
     * @param pressurePercent share of wall time some runnable task waited for a CPU, percent (NaN when unknown)
     */
    public record Interval(double stealPercent, double pressurePercent) {
    }
}
