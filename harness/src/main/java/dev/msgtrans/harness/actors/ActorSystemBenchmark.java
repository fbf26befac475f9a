package dev.msgtrans.harness.actors;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.harness.MeasurementWindow;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.Control;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Phase 2: {@code tell} throughput to M actors executed by a real {@link Dispatch}, per variant.
 * <p>
 * Each benchmark thread tells the actors in turn (thread i starts at actor i, so threads spread over the actors);
 * the measured operation is one {@code tell}. The actors run on {@code workers} dispatch threads created by the
 * {@code dispatch} variant. It is held at {@code mutex} (the mutex variant's {@code MutexDispatch}, an
 * {@code ArrayBlockingQueue} hand-off) for every actor variant, here and in the matrices, so that only the actor
 * system changes between rows (as in the {@code phase2} preset, where the lock-free actors still run on the mutex
 * dispatch); pass {@code -p dispatch=lockfree} to see them on the lock-free hand-off, a phase-3.2 question. Every
 * actor system runs {@link dev.msgtrans.core.spi.Tuning#ACTOR_BATCH} messages per run, so the number of dispatch
 * hand-offs per message is the same on every row.
 * <p>
 * Back-pressure is part of the result: a tell to a full mailbox returns {@code MAILBOX_FULL} at once, so when the
 * tellers outrun the workers the primary score counts refusals too. The auxiliary counters split it:
 * {@code accepted} (messages that will be handled, per second) and {@code mailboxFull} (refused, per second).
 * Compare variants by {@code accepted}. Counters cover JMH's measurement window only ({@link MeasurementWindow}).
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar ActorSystemBenchmark -p variant=lockfree -p actors=16 -t 2
 * java -jar harness/target/benchmarks.jar ActorSystemBenchmark -p variant=mutex -p dispatch=lockfree
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ActorSystemBenchmark {

    @Param({"mutex", "rwlock", "lockfree", "cow"})
    public String variant;

    /** Variant whose {@link Dispatch} runs the actors. */
    @Param({"mutex"})
    public String dispatch;

    @Param({"1", "16"})
    public int actors;

    @Param({"2"})
    public int workers;

    @Param({"1024"})
    public int mailboxCapacity;

    private Dispatch pool;
    private ActorSystem<Object> system;
    private List<CountingBehavior> behaviors;
    private Object message;

    @Setup(Level.Trial)
    public void setUp() {
        pool = Variants.get(dispatch).newDispatch("actor-bench", workers, Math.max(1024, actors));
        system = Variants.get(variant).newActorSystem(pool, mailboxCapacity);
        behaviors = new ArrayList<>();
        for (int id = 1; id <= actors; id++) {
            CountingBehavior b = new CountingBehavior();
            behaviors.add(b);
            if (!system.spawn(id, b)) {
                throw new IllegalStateException("spawn(" + id + ") refused on an empty " + variant + " actor system");
            }
        }
        message = new Object();
    }

    /**
     * Closes the system, waits for every actor's {@code onStop} (it runs on the dispatch, so the dispatch must
     * outlive it), closes the dispatch, then checks that the behaviors saw exactly what the system says it handed
     * them.
     */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        system.close();
        long handled = 0;
        for (CountingBehavior b : behaviors) {
            if (!b.stopped.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(variant + " actor system did not stop an actor within 10 s of close()");
            }
            handled += b.handled;
        }
        pool.close();
        if (handled != system.processed()) {
            throw new IllegalStateException(variant + " actor system reports " + system.processed()
                    + " messages processed, its behaviors handled " + handled);
        }
    }

    /** Per-thread cursor over the actors, and the tell outcomes reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Teller {
        public long accepted;
        public long mailboxFull;
        int next;

        @Setup(Level.Trial)
        public void start(ThreadParams threads, ActorSystemBenchmark bench) {
            next = threads.getThreadIndex() % bench.actors;
        }

        @Setup(Level.Iteration)
        public void reset() {
            accepted = 0;
            mailboxFull = 0;
        }
    }

    @Benchmark
    public ActorSystem.Delivery tell(Teller teller, Control control) {
        int i = teller.next;
        teller.next = i + 1 == actors ? 0 : i + 1;
        ActorSystem.Delivery d = system.tell(1 + i, message);
        if (d == ActorSystem.Delivery.ACCEPTED) {
            if (MeasurementWindow.open(control)) {
                teller.accepted++;
            }
        } else if (d == ActorSystem.Delivery.MAILBOX_FULL) {
            if (MeasurementWindow.open(control)) {
                teller.mailboxFull++;
            }
        } else {
            throw new IllegalStateException("tell to a live actor of a live " + variant + " system returned " + d);
        }
        return d;
    }
}
