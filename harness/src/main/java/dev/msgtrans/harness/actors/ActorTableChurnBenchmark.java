package dev.msgtrans.harness.actors;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.Variants;
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
import org.openjdk.jmh.infra.ThreadParams;

import java.util.concurrent.TimeUnit;

/**
 * Phase 2: actor-table churn, sessions connecting and disconnecting. One operation spawns an actor with a fresh id
 * and stops it again, against a table already holding {@code residents} live actors (the sessions that stay).
 * <p>
 * Ids are unique per thread (thread index in the high bits), so spawns never collide and the table stays at
 * {@code residents} plus at most one actor per thread. Stopping schedules the actor's {@code onStop} on the
 * {@code dispatch} variant's workers, held at {@code mutex} ({@code MutexDispatch}) for every actor variant, here
 * and in the matrices, so only the actor table changes between rows. The
 * {@code cow} row is the original's copy-on-write table, which copies a shard per spawn and per stop. A refused
 * spawn or stop would be a bug; it is counted in {@code refused} rather than hidden in the score.
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar ActorTableChurnBenchmark -p variant=cow -t 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ActorTableChurnBenchmark {

    private static final ActorSystem.Behavior<Object> IDLE = (id, m) -> { };

    @Param({"mutex", "rwlock", "lockfree", "cow"})
    public String variant;

    /** Variant whose {@link Dispatch} runs the actors' {@code onStop}. */
    @Param({"mutex"})
    public String dispatch;

    /** Actors that stay in the table for the whole run. */
    @Param({"1000"})
    public int residents;

    @Param({"2"})
    public int workers;

    private Dispatch pool;
    private ActorSystem<Object> system;
    private CountingBehavior[] residentBehaviors;

    @Setup(Level.Trial)
    public void setUp() {
        pool = Variants.get(dispatch).newDispatch("churn-bench", workers, 4096);
        system = Variants.get(variant).newActorSystem(pool, 16);
        residentBehaviors = new CountingBehavior[residents];
        for (int id = 1; id <= residents; id++) {
            residentBehaviors[id - 1] = new CountingBehavior();
            system.spawn(id, residentBehaviors[id - 1]);
        }
    }

    /** Closes the system and lets the residents' {@code onStop} run on the dispatch before closing it. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        system.close();
        for (CountingBehavior b : residentBehaviors) {
            if (!b.stopped.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(variant + " actor system did not stop a resident within 10 s of close()");
            }
        }
        pool.close();
    }

    /** Per-thread id sequence, disjoint from the residents and from the other threads. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Ids {
        public long refused;
        long next;

        @Setup(Level.Trial)
        public void start(ThreadParams threads) {
            next = (long) (threads.getThreadIndex() + 1) << 40;
        }

        @Setup(Level.Iteration)
        public void reset() {
            refused = 0;
        }
    }

    @Benchmark
    public boolean spawnAndStop(Ids ids) {
        long id = ids.next++;
        boolean ok = system.spawn(id, IDLE) & system.stop(id);
        if (!ok) {
            ids.refused++;
        }
        return ok;
    }
}
