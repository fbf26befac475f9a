package dev.msgtrans.harness.requests;

import dev.msgtrans.core.spi.RequestTracker;
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
import org.openjdk.jmh.infra.ThreadParams;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Phase 3.2: the life of one request in the tracker: {@code nextMessageId}, {@code register} and, as its response
 * arrives, {@code complete}, all in one operation on one thread.
 * <p>
 * Keys are unique per thread (thread index in the high 32 bits, the tracker's message id in the low ones, as the
 * engine composes session and message id), so threads contend on the table and the id counter but never on an
 * entry. Deadlines are far in the future: expiry is not measured here. {@code register} allocates the
 * {@link CompletableFuture} the API returns; {@code -prof gc} shows what a variant allocates beyond it. At the end
 * of the run nothing may be pending.
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar RequestTrackerBenchmark -p variant=lockfree -t 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RequestTrackerBenchmark {

    @Param({"mutex", "rwlock", "lockfree"})
    public String variant;

    private RequestTracker<Object> tracker;
    private Object response;
    private long deadline;

    @Setup(Level.Trial)
    public void setUp() {
        tracker = Variants.get(variant).newRequestTracker();
        response = new Object();
        deadline = System.nanoTime() + TimeUnit.DAYS.toNanos(1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (tracker.pending() != 0) {
            throw new IllegalStateException(variant + " tracker left " + tracker.pending() + " entries behind");
        }
    }

    /** The thread's session-like high bits. */
    @State(Scope.Thread)
    public static class Session {
        long high;

        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            high = (long) (threads.getThreadIndex() + 1) << 32;
        }
    }

    @Benchmark
    public CompletableFuture<Object> registerComplete(Session session) {
        long key = session.high | Integer.toUnsignedLong(tracker.nextMessageId());
        CompletableFuture<Object> f = tracker.register(key, deadline);
        if (!tracker.complete(key, response)) {
            throw new IllegalStateException(variant + " tracker refused to complete its own pending key " + key);
        }
        return f;
    }
}
