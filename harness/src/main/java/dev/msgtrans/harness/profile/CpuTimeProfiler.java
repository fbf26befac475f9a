package dev.msgtrans.harness.profile;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * CPU time of the benchmark's JVM per operation and the cores it kept busy, per iteration: what a throughput figure
 * hides. A spinning consumer can raise the operations per second and burn a whole core doing so; two variants with
 * the same score can cost very different CPU. Measured as the process's CPU time (every thread: the benchmark's,
 * the JIT's, the collector's, JMH's own) over the iteration, divided by all the iteration's operations (as
 * {@code -prof gc} normalises allocation) and by its wall time.
 * <p>
 * Results: {@code cpu.time.norm} (ns of CPU per operation) and {@code cpu.utilization} (CPU seconds per wall
 * second: 2.0 is two cores kept busy). Needs {@code com.sun.management.OperatingSystemMXBean} (HotSpot and its
 * derivatives); elsewhere it reports nothing. Not thread-safe: JMH calls one profiler instance from one thread.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    /** CPU nanoseconds per operation. */
    public static final String NORM = "cpu.time.norm";
    /** CPU time over wall time: cores kept busy. */
    public static final String UTILIZATION = "cpu.utilization";

    private final com.sun.management.OperatingSystemMXBean os;
    private long cpuStart;
    private long wallStart;

    public CpuTimeProfiler() {
        java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        os = bean instanceof com.sun.management.OperatingSystemMXBean sun ? sun : null;
    }

    @Override
    public String getDescription() {
        return "process CPU time per operation and cores kept busy";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        wallStart = System.nanoTime();
        cpuStart = os == null ? -1 : os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long cpuEnd = os == null ? -1 : os.getProcessCpuTime();
        long wall = System.nanoTime() - wallStart;
        List<Result> out = new ArrayList<>(2);
        if (cpuStart < 0 || cpuEnd < 0 || wall <= 0) {
            return out; // no CPU clock here: nothing rather than a wrong figure
        }
        double cpu = cpuEnd - cpuStart;
        long ops = result.getMetadata().getAllOps();
        if (ops > 0) {
            out.add(new ScalarResult(NORM, cpu / ops, "ns/op", AggregationPolicy.AVG));
        }
        out.add(new ScalarResult(UTILIZATION, cpu / wall, "cores", AggregationPolicy.AVG));
        return out;
    }
}
