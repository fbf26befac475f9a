package dev.msgtrans.stress.actors;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.stress.support.Aliases;
import dev.msgtrans.stress.support.CallerRunsDispatch;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import java.util.concurrent.atomic.AtomicInteger;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Property: one actor never runs two messages at once.
 * <p>
 * Two actors tell one message each to the same actor, whose behavior counts how many of its invocations are
 * running (an atomic counter: above one is an overlap) and also bumps a plain field (a lost update is a second
 * witness of an overlap). The actor system runs on a {@link CallerRunsDispatch}, so the tellers' own threads run
 * the actor: the system's scheduling flag alone decides whether they may both enter the behavior. After both tells,
 * every message has run; the arbiter checks both were accepted and handled once, with no overlap.
 * <p>
 * Result: {@code r1}/{@code r2} the ordinal of each tell's {@link ActorSystem.Delivery} (0 ACCEPTED), -9 threw;
 * {@code r3} overlaps seen; {@code r4} plain-field count * 10 + {@code processed()}.
 * <p>
 * Run: {@code java -jar jcstress-tests/target/jcstress.jar -t ActorSerialExecution}
 */
@Description("ActorSystem: two tellers, the actor runs its messages one at a time and handles each once")
@Outcome(id = "0, 0, 0, 22", expect = ACCEPTABLE, desc = "both accepted, handled one after the other")
@Outcome(id = ".*, .*, [1-9][0-9]*, .*", expect = FORBIDDEN, desc = "the actor ran two messages at once")
@Outcome(expect = FORBIDDEN, desc = "a tell was refused or threw, or a message was lost or handled twice")
public abstract class ActorSerialExecution {

    static final long ACTOR = 1;
    static final int THREW = -9;

    private final ActorSystem<String> system;
    private final OverlapProbe probe = new OverlapProbe();

    protected ActorSerialExecution(String alias) {
        system = Variants.get(alias).newActorSystem(new CallerRunsDispatch(), 8);
        system.spawn(ACTOR, probe);
    }

    protected final void tell1(IIII_Result r) {
        r.r1 = tell("a");
    }

    protected final void tell2(IIII_Result r) {
        r.r2 = tell("b");
    }

    private int tell(String message) {
        try {
            return system.tell(ACTOR, message).ordinal();
        } catch (RuntimeException e) {
            return THREW;
        }
    }

    protected final void check(IIII_Result r) {
        r.r3 = probe.overlaps.get();
        r.r4 = probe.handled * 10 + (int) system.processed();
    }

    /** Counts overlapping invocations; {@code handled} is deliberately plain so overlaps also lose updates. */
    static final class OverlapProbe implements ActorSystem.Behavior<String> {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        int handled;

        @Override
        public void onMessage(long actorId, String message) {
            if (running.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            int h = handled;
            Thread.onSpinWait(); // widen the read-modify-write window a little
            handled = h + 1;
            running.decrementAndGet();
        }
    }

    @JCStressTest
    @State
    public static class Mutex extends ActorSerialExecution {
        public Mutex() { super(Aliases.MUTEX); }
        @Actor public void actor1(IIII_Result r) { tell1(r); }
        @Actor public void actor2(IIII_Result r) { tell2(r); }
        @Arbiter public void arbiter(IIII_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class RwLock extends ActorSerialExecution {
        public RwLock() { super(Aliases.RWLOCK); }
        @Actor public void actor1(IIII_Result r) { tell1(r); }
        @Actor public void actor2(IIII_Result r) { tell2(r); }
        @Arbiter public void arbiter(IIII_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class LockFree extends ActorSerialExecution {
        public LockFree() { super(Aliases.LOCKFREE); }
        @Actor public void actor1(IIII_Result r) { tell1(r); }
        @Actor public void actor2(IIII_Result r) { tell2(r); }
        @Arbiter public void arbiter(IIII_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class Cow extends ActorSerialExecution {
        public Cow() { super(Aliases.COW); }
        @Actor public void actor1(IIII_Result r) { tell1(r); }
        @Actor public void actor2(IIII_Result r) { tell2(r); }
        @Arbiter public void arbiter(IIII_Result r) { check(r); }
    }

    /** The unsynchronized control: without a scheduling flag both tellers run the actor; expected to be caught. */
    @JCStressTest
    @State
    public static class Broken extends ActorSerialExecution {
        public Broken() { super(Aliases.BROKEN); }
        @Actor public void actor1(IIII_Result r) { tell1(r); }
        @Actor public void actor2(IIII_Result r) { tell2(r); }
        @Arbiter public void arbiter(IIII_Result r) { check(r); }
    }
}
