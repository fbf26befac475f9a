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
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Property: outbound queue conservation and per-writer order under two writers.
 * <p>
 * Writer 1 offers 1 then 2 in two steps ({@code offer}, then {@code requestFlush}), writer 2 offers 3 then 4 with
 * the one-call form ({@code offerAndRequestFlush}, the engine's per-frame path), into an empty queue of capacity 8,
 * so each form races the other. The arbiter, as the I/O thread, drains: it must get all
 * four exactly once, 1 before 2 and 3 before 4, and leave the queue empty.
 * <p>
 * Result: {@code r1} the drained items as decimal digits in drain order (-9 if a call threw); {@code r2}
 * {@code size()} after the drain.
 * <p>
 * Run: {@code java -jar jcstress-tests/target/jcstress.jar -t OutboundQueueConservation}
 */
@Description("OutboundQueue: two writers, the I/O thread drains everything exactly once, in each writer's order")
@Outcome(id = "1234, 0", expect = ACCEPTABLE, desc = "writer 1's frames, then writer 2's")
@Outcome(id = "1324, 0", expect = ACCEPTABLE, desc = "interleaved, each writer's order kept")
@Outcome(id = "1342, 0", expect = ACCEPTABLE, desc = "interleaved, each writer's order kept")
@Outcome(id = "3124, 0", expect = ACCEPTABLE, desc = "interleaved, each writer's order kept")
@Outcome(id = "3142, 0", expect = ACCEPTABLE, desc = "interleaved, each writer's order kept")
@Outcome(id = "3412, 0", expect = ACCEPTABLE, desc = "writer 2's frames, then writer 1's")
@Outcome(id = "[0-9]{0,3}, .*", expect = FORBIDDEN, desc = "a frame was lost (or an offer refused below capacity)")
@Outcome(id = "[0-9]{5,}, .*", expect = FORBIDDEN, desc = "a frame was drained twice")
@Outcome(expect = FORBIDDEN, desc = "a writer's order was broken, size is wrong, or a call threw")
public abstract class OutboundQueueConservation {

    static final int CAPACITY = 8;
    static final int THREW = -9;

    private final OutboundQueue<Integer> queue;
    private volatile boolean threw;

    protected OutboundQueueConservation(String alias) {
        queue = Variants.get(alias).newOutboundQueue(CAPACITY);
    }

    protected final void write(int first, int second) {
        try {
            if (queue.offer(first)) {
                queue.requestFlush();
            }
            if (queue.offer(second)) {
                queue.requestFlush();
            }
        } catch (RuntimeException e) {
            threw = true;
        }
    }

    protected final void writeOneCall(int first, int second) {
        try {
            queue.offerAndRequestFlush(first);
            queue.offerAndRequestFlush(second);
        } catch (RuntimeException e) {
            threw = true;
        }
    }

    protected final void drain(II_Result r) {
        try {
            int[] digits = {0};
            int rounds = 0;
            // the I/O thread's loop, bounded so that a corrupted queue cannot hang the harness
            do {
                queue.drain(item -> digits[0] = digits[0] * 10 + item, 2 * CAPACITY);
            } while (!queue.flushDone() && ++rounds < 2 * CAPACITY);
            r.r1 = threw ? THREW : digits[0];
            r.r2 = queue.size();
        } catch (RuntimeException e) {
            r.r1 = THREW;
        }
    }

    @JCStressTest
    @State
    public static class Mutex extends OutboundQueueConservation {
        public Mutex() { super(Aliases.MUTEX); }
        @Actor public void actor1() { write(1, 2); }
        @Actor public void actor2() { writeOneCall(3, 4); }
        @Arbiter public void arbiter(II_Result r) { drain(r); }
    }

    @JCStressTest
    @State
    public static class RwLock extends OutboundQueueConservation {
        public RwLock() { super(Aliases.RWLOCK); }
        @Actor public void actor1() { write(1, 2); }
        @Actor public void actor2() { writeOneCall(3, 4); }
        @Arbiter public void arbiter(II_Result r) { drain(r); }
    }

    @JCStressTest
    @State
    public static class LockFree extends OutboundQueueConservation {
        public LockFree() { super(Aliases.LOCKFREE); }
        @Actor public void actor1() { write(1, 2); }
        @Actor public void actor2() { writeOneCall(3, 4); }
        @Arbiter public void arbiter(II_Result r) { drain(r); }
    }

    @JCStressTest
    @State
    public static class Cow extends OutboundQueueConservation {
        public Cow() { super(Aliases.COW); }
        @Actor public void actor1() { write(1, 2); }
        @Actor public void actor2() { writeOneCall(3, 4); }
        @Arbiter public void arbiter(II_Result r) { drain(r); }
    }

    /** The unsynchronized control: racing offers overwrite one slot; expected to be caught. */
    @JCStressTest
    @State
    public static class Broken extends OutboundQueueConservation {
        public Broken() { super(Aliases.BROKEN); }
        @Actor public void actor1() { write(1, 2); }
        @Actor public void actor2() { writeOneCall(3, 4); }
        @Arbiter public void arbiter(II_Result r) { drain(r); }
    }
}
