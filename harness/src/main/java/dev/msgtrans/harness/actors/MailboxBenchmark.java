package dev.msgtrans.harness.actors;

import dev.msgtrans.core.spi.Mailbox;
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

/**
 * Phase 2: one actor mailbox, P producers offering and its one consumer polling, per variant.
 * <p>
 * Asymmetric {@code @Group} (JMH sample 15): {@code offer} runs on P threads (default 2, change with
 * {@code -tg P,1}; counts go in the alphabetical order of the methods), {@code poll} on one thread, as the
 * {@link Mailbox} contract allows (more than one polling thread is refused). Neither side waits: a full
 * mailbox makes {@code offer} return {@code false}, an empty one makes {@code poll} return {@code null}. So the
 * primary score counts attempts; read the auxiliary counters: {@code offered} and {@code polled} are the messages
 * that really moved per second, {@code offerFailed} (full) and {@code pollEmpty} (empty) show which side was
 * waiting on the other. Counters cover JMH's measurement window only ({@link MeasurementWindow}). Each group of
 * threads has its own mailbox ({@code Scope.Group}). Give every thread a core (P + 1 &lt;= cores): with fewer,
 * producer and consumer take turns on the CPU and the figures measure the scheduler's time slices.
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar MailboxBenchmark -p variant=lockfree
 * java -jar harness/target/benchmarks.jar MailboxBenchmark -p variant=mutex -tg 4,1
 * </pre>
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MailboxBenchmark {

    /** rwlock's mailbox is a locked queue (a read-write lock has no natural form for a queue); measured anyway. */
    @Param({"mutex", "rwlock", "lockfree"})
    public String variant;

    @Param({"1024"})
    public int capacity;

    private Mailbox<Object> mailbox;
    private Object message;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        GroupTopology.requireOne(params, "poll", "a mailbox is polled only by the thread running its actor");
        mailbox = Variants.get(variant).newMailbox(capacity);
        message = new Object();
    }

    /** Producer-side counters, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class OfferCounters {
        public long offered;
        public long offerFailed;

        @Setup(Level.Iteration)
        public void reset() {
            offered = 0;
            offerFailed = 0;
        }
    }

    /** Consumer-side counters, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class PollCounters {
        public long polled;
        public long pollEmpty;

        @Setup(Level.Iteration)
        public void reset() {
            polled = 0;
            pollEmpty = 0;
        }
    }

    @Benchmark
    @Group("mpsc")
    @GroupThreads(2)
    public boolean offer(OfferCounters counters, Control control) {
        boolean ok = mailbox.offer(message);
        if (MeasurementWindow.open(control)) {
            if (ok) {
                counters.offered++;
            } else {
                counters.offerFailed++;
            }
        }
        return ok;
    }

    @Benchmark
    @Group("mpsc")
    @GroupThreads(1)
    public Object poll(PollCounters counters, Control control) {
        Object m = mailbox.poll();
        if (MeasurementWindow.open(control)) {
            if (m == null) {
                counters.pollEmpty++;
            } else {
                counters.polled++;
            }
        }
        return m;
    }
}
