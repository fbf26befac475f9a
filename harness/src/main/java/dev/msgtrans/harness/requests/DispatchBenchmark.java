package dev.msgtrans.harness.requests;

import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.Variant;
import dev.msgtrans.core.spi.Variants;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Phase 3.2: {@code execute} throughput from the benchmark threads (standing in for I/O threads) to
 * {@code workers} worker threads.
 * <p>
 * The task is preallocated and burns {@code taskTokens} of {@link Blackhole#consumeCPU} (0: pure hand-off cost).
 * {@code execute} never drops: when the queue is full the caller waits for room, so in steady state the score is
 * bounded by what the workers drain, and it is the real hand-off rate, not a count of refusals. On a machine with
 * fewer cores than benchmark threads plus workers, the figure includes the scheduler's cost of that
 * oversubscription; read it with the environment fingerprint.
 * <p>
 * {@code idle} is the workers' idle policy, a factor of its own and the same for every variant: {@code default}
 * (the transport's default for this JVM, {@code TransportConfig.DEFAULT_DISPATCH_SPINS/YIELDS}) or
 * {@code SPINS/YIELDS}, e.g. {@code 0/0} (block at once) or {@code 100/0}; see {@code IdleStrategy#of}.
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar DispatchBenchmark -p variant=lockfree -t 2
 * java -jar harness/target/benchmarks.jar DispatchBenchmark -p variant=mutex,lockfree -p idle=0/0,100/0 -t 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DispatchBenchmark {

    @Param({"mutex", "lockfree"})
    public String variant;

    @Param({"2"})
    public int workers;

    @Param({"1024"})
    public int queueCapacity;

    /** Work per task, in {@link Blackhole#consumeCPU} tokens. */
    @Param({"0"})
    public long taskTokens;

    /** Idle policy of the workers: {@code default} or {@code SPINS/YIELDS}. */
    @Param({"default"})
    public String idle;

    private Dispatch dispatch;
    private Runnable task;

    @Setup(Level.Trial)
    public void setUp() {
        dispatch = newDispatch(Variants.get(variant), idle, workers, queueCapacity);
        long tokens = taskTokens;
        task = tokens == 0 ? () -> { } : () -> Blackhole.consumeCPU(tokens);
    }

    static Dispatch newDispatch(Variant v, String idle, int workers, int queueCapacity) {
        if ("default".equals(idle)) {
            return v.newDispatch("dispatch-bench", workers, queueCapacity);
        }
        String[] parts = idle.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("idle must be 'default' or SPINS/YIELDS (e.g. 0/0, 100/0), was '"
                    + idle + "'");
        }
        return v.newDispatch("dispatch-bench", workers, queueCapacity, Integer.parseInt(parts[0].trim()),
                Integer.parseInt(parts[1].trim()));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dispatch.close();
    }

    @Benchmark
    public void execute() {
        dispatch.execute(task);
    }
}
