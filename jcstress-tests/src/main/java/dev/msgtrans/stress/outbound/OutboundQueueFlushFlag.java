package dev.msgtrans.stress.outbound;

import dev.msgtrans.core.spi.OutboundQueue;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.stress.support.Aliases;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Property: the wake-up coalescing flag never strands an item.
 * <p>
 * Frame A is queued and the queue scheduled (its writer's {@code requestFlush} returned {@code true}). Actor 2 is
 * the woken I/O thread running its loop: drain, then {@code flushDone}, again until idle. Actor 1 is a writer that
 * queues frame B meanwhile with the engine's per-frame call, {@code offerAndRequestFlush} (for the mutex queue one
 * critical section for the frame and the flag; the two-step form is raced in {@code OutboundQueueConservation}). Either the loop drains B (and the writer is told not to
 * wake it), or the loop goes idle first and the writer is told to wake it ({@code WAKE}), and the
 * arbiter plays the I/O thread it would wake. What must never happen: B queued, the writer told someone else is
 * scheduled, and the loop gone idle without it. Afterwards the queue must be empty and idle (a further
 * {@code requestFlush} returns {@code true}); a flag left "scheduled" would strand the next frame.
 * <p>
 * Result: {@code r1} the writer's outcome (1 WAKE, 0 QUEUED; -1 FULL, its offer was refused); {@code r2}
 * frames the running loop drained; {@code r3} frames the woken loop drained (0 when not woken) ({@value #NEVER_IDLE}
 * if a loop never went idle); {@code r4} frames
 * left behind, plus 10 if the flag was left scheduled, or -9 if a call threw.
 * <p>
 * Run: {@code java -jar jcstress-tests/target/jcstress.jar -t OutboundQueueFlushFlag}
 */
@Description("OutboundQueue: a writer racing the I/O loop's flushDone; the frame is drained or its writer wakes the loop")
@Outcome(id = "0, 2, 0, 0", expect = ACCEPTABLE, desc = "the running loop drained B; no wake-up needed")
@Outcome(id = "1, 1, 1, 0", expect = ACCEPTABLE, desc = "the loop went idle first; the writer's wake-up drained B")
@Outcome(id = "1, 2, 0, 0", expect = ACCEPTABLE, desc = "the loop drained B, then the writer's wake-up found nothing (harmless)")
@Outcome(id = "0, 1, 0, .*", expect = FORBIDDEN, desc = "B stranded: queued, its writer not told to wake, the loop idle")
@Outcome(id = ".*, [1-9][0-9]", expect = FORBIDDEN, desc = "the flag was left scheduled with nobody draining")
@Outcome(expect = FORBIDDEN, desc = "a frame was lost or drained twice, or a call threw")
public abstract class OutboundQueueFlushFlag {

    static final int CAPACITY = 8;
    static final int THREW = -9;
    /**
     * Bound on the loop's rounds, so that a corrupted flag cannot hang the harness. It must be generous: a writer
     * preempted between claiming a slot and publishing its frame makes a correct loop spin (a relaxed drain sees
     * nothing, {@code flushDone} sees the claim and keeps the schedule) until the writer runs again.
     */
    static final int MAX_ROUNDS = 1 << 22;
    /** Rounds between two yields of a spinning loop, so that a preempted writer gets a CPU back. */
    static final int YIELD_EVERY = 64;
    /** {@code r2}/{@code r3} when the loop hit {@link #MAX_ROUNDS} without going idle. */
    static final int NEVER_IDLE = -2;

    private final OutboundQueue<String> queue;
    private final boolean primed;
    private volatile boolean threw;

    protected OutboundQueueFlushFlag(String alias) {
        queue = Variants.get(alias).newOutboundQueue(CAPACITY);
        primed = queue.offer("A") && queue.requestFlush();
    }

    protected final void writer(IIII_Result r) {
        try {
            switch (queue.offerAndRequestFlush("B")) {
                case WAKE:
                    r.r1 = 1;
                    break;
                case QUEUED:
                    r.r1 = 0;
                    break;
                default:
                    r.r1 = -1;
            }
        } catch (RuntimeException e) {
            threw = true;
        }
    }

    protected final void ioLoop(IIII_Result r) {
        try {
            r.r2 = runLoop();
        } catch (RuntimeException e) {
            threw = true;
        }
    }

    private int runLoop() {
        int[] drained = {0};
        for (int rounds = 1; ; rounds++) {
            queue.drain(frame -> drained[0]++, CAPACITY);
            if (queue.flushDone()) {
                return drained[0];
            }
            if (rounds == MAX_ROUNDS) {
                return NEVER_IDLE;
            }
            if (rounds % YIELD_EVERY == 0) {
                Thread.yield();
            }
        }
    }

    protected final void check(IIII_Result r) {
        if (threw || !primed) {
            r.r4 = THREW;
            return;
        }
        try {
            if (r.r1 == 1) {
                r.r3 = runLoop();
            }
            int left = queue.size();
            boolean idle = queue.requestFlush();
            r.r4 = left + (idle ? 0 : 10);
        } catch (RuntimeException e) {
            r.r4 = THREW;
        }
    }

    @JCStressTest
    @State
    public static class Mutex extends OutboundQueueFlushFlag {
        public Mutex() { super(Aliases.MUTEX); }
        @Actor public void actor1(IIII_Result r) { writer(r); }
        @Actor public void actor2(IIII_Result r) { ioLoop(r); }
        @Arbiter public void arbiter(IIII_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class RwLock extends OutboundQueueFlushFlag {
        public RwLock() { super(Aliases.RWLOCK); }
        @Actor public void actor1(IIII_Result r) { writer(r); }
        @Actor public void actor2(IIII_Result r) { ioLoop(r); }
        @Arbiter public void arbiter(IIII_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class LockFree extends OutboundQueueFlushFlag {
        public LockFree() { super(Aliases.LOCKFREE); }
        @Actor public void actor1(IIII_Result r) { writer(r); }
        @Actor public void actor2(IIII_Result r) { ioLoop(r); }
        @Arbiter public void arbiter(IIII_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class Cow extends OutboundQueueFlushFlag {
        public Cow() { super(Aliases.COW); }
        @Actor public void actor1(IIII_Result r) { writer(r); }
        @Actor public void actor2(IIII_Result r) { ioLoop(r); }
        @Arbiter public void arbiter(IIII_Result r) { check(r); }
    }

    /** The unsynchronized control: its plain flag and queue strand or lose frames; expected to be caught. */
    @JCStressTest
    @State
    public static class Broken extends OutboundQueueFlushFlag {
        public Broken() { super(Aliases.BROKEN); }
        @Actor public void actor1(IIII_Result r) { writer(r); }
        @Actor public void actor2(IIII_Result r) { ioLoop(r); }
        @Arbiter public void arbiter(IIII_Result r) { check(r); }
    }
}
