package dev.msgtrans.harness.outbound;

import dev.msgtrans.core.spi.OutboundQueue;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.harness.GroupTopology;
import dev.msgtrans.harness.MeasurementWindow;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Control;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Phase 3.3: one connection's write queue, P writer threads and the one I/O thread, following the protocol in the
 * {@link OutboundQueue} javadoc:
 *
 * <pre>
 *   writer (P threads):  if (q.offerAndRequestFlush(frame) == WAKE) wake the I/O thread
 *   I/O thread (1):      when woken: do { q.drain(sink, drainLimit); } while (!q.flushDone());
 * </pre>
 *
 * The writer makes the engine's per-frame call ({@code offerAndRequestFlush}: one lock acquisition for the mutex
 * queue, offer then the flag's test-before-CAS for the lock-free one). The selector wake-up is modelled by a volatile flag the I/O thread checks; no thread blocks, so an I/O-thread
 * operation that finds no wake-up is counted in {@code idle} and returns. Writers default to 2 threads
 * ({@code -tg 1,P} changes it: counts go in the alphabetical order of the methods, {@code flush} then
 * {@code write}; more than one I/O thread is refused). Scores: the primary score counts attempts on both sides; compare variants by the
 * auxiliary counters, per second: {@code offered} and {@code offerFailed} (queue full) on the writer side,
 * {@code wakeups} (the offer returned WAKE: the cost the coalescing saves is {@code offered - wakeups}),
 * {@code drained} items and {@code flushes} (complete drain cycles) on the I/O side; all over JMH's measurement
 * window only ({@link MeasurementWindow}). Give every thread a core (P + 1 &lt;= cores): with fewer, writers and
 * the I/O thread take turns on the CPU and the figures measure the scheduler's time slices.
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar OutboundQueueBenchmark -p variant=lockfree -tg 1,3
 * </pre>
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OutboundQueueBenchmark {

    @Param({"mutex", "lockfree"})
    public String variant;

    /** Queue bound in frames (the engine's default per-session outbound capacity). */
    @Param({"4096"})
    public int capacity;

    /** Frames per drain call, i.e. the gathering write's batch. */
    @Param({"64"})
    public int drainLimit;

    private OutboundQueue<Object> queue;
    private Object frame;
    /** The modelled selector wake-up: set by the writer whose requestFlush returned true. */
    private volatile boolean woken;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        GroupTopology.requireOne(params, "flush", "drain and flushDone belong to the connection's one I/O thread");
        queue = Variants.get(variant).newOutboundQueue(capacity);
        frame = new Object();
        woken = false;
    }

    /** Writer-side counters, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class WriterCounters {
        public long offered;
        public long offerFailed;
        public long wakeups;

        @Setup(Level.Iteration)
        public void reset() {
            offered = 0;
            offerFailed = 0;
            wakeups = 0;
        }
    }

    /** I/O-thread counters, reported per second; also the drain sink, so counting costs no extra call. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class IoCounters implements Consumer<Object> {
        /** Drain sink outside the measurement window: drains, counts nothing. */
        static final Consumer<Object> DISCARD = item -> { };

        public long drained;
        Consumer<Object> sink = this;
        public long flushes;
        public long idle;

        @Setup(Level.Iteration)
        public void reset() {
            drained = 0;
            flushes = 0;
            idle = 0;
        }

        @Override
        public void accept(Object item) {
            drained++;
        }
    }

    @Benchmark
    @Group("connection")
    @GroupThreads(2)
    public boolean write(WriterCounters c, Control control) {
        boolean counting = MeasurementWindow.open(control);
        OutboundQueue.Offer offered = queue.offerAndRequestFlush(frame);
        if (offered == OutboundQueue.Offer.FULL) {
            if (counting) {
                c.offerFailed++;
            }
            return false;
        }
        boolean wake = offered == OutboundQueue.Offer.WAKE;
        if (wake) {
            woken = true;
        }
        if (counting) {
            c.offered++;
            if (wake) {
                c.wakeups++;
            }
        }
        return true;
    }

    @Benchmark
    @Group("connection")
    @GroupThreads(1)
    public int flush(IoCounters c, Control control) {
        boolean counting = MeasurementWindow.open(control);
        if (!woken) {
            if (counting) {
                c.idle++;
            }
            return 0;
        }
        // cleared before draining: no writer can be woken again until flushDone() returns the queue to idle
        woken = false;
        c.sink = counting ? c : IoCounters.DISCARD;
        int n = 0;
        do {
            n += queue.drain(c.sink, drainLimit);
        } while (!queue.flushDone());
        if (counting) {
            c.flushes++;
        }
        return n;
    }
}
