package dev.msgtrans.lincheck;

import dev.msgtrans.core.spi.OutboundQueue;
import dev.msgtrans.core.spi.Variants;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link OutboundQueue} under lincheck: {@code offer} and {@code offerAndRequestFlush} from any thread, and the I/O
 * thread's flush round from one thread (a non-parallel group): drain, then {@code flushDone}, again until it reports idle. Checked against a FIFO
 * ({@link Model}) whose flush round takes everything queued.
 * <p>
 * Why the round and not a single {@code drain}: the contract promises that the round ends only when nothing is
 * queued, not that one {@code drain} sees everything. The lock-free queue's {@code drain} is relaxed (it stops at a
 * slot a writer has claimed but not yet filled, so a completed offer behind an in-flight one can be missed) and
 * takes a batch element by element; neither is linearizable as a single operation, and neither matters to the
 * transport, because {@code flushDone} sees the claim and keeps the queue scheduled. The capacity is larger than any
 * scenario's offers, because a round that frees room while it runs cannot be placed at one point either; "full"
 * and the wake-up flag are left to the jcstress properties {@code OutboundQueueConservation} and
 * {@code OutboundQueueFlushFlag}.
 */
@Param(name = "frame", gen = IntGen.class, conf = "1:4")
public abstract class OutboundQueueSubject {

    static final int CAPACITY = 16;

    private final OutboundQueue<Integer> queue;

    protected OutboundQueueSubject(String alias) {
        queue = Variants.get(alias).newOutboundQueue(CAPACITY);
    }

    /** The component under test, so that bindings sharing one implementation are checked once. */
    public final Object component() {
        return queue;
    }

    @Operation
    public boolean offer(@Param(name = "frame") int frame) {
        return queue.offer(frame);
    }

    /**
     * The writer protocol's one call, as the engine makes it for every frame: queued or not (a lock takes one
     * acquisition for both steps, so the offer inside it must still be linearizable with the flush rounds). Which
     * writer must wake the I/O thread is the jcstress property {@code OutboundQueueFlushFlag}.
     */
    @Operation
    public boolean offerAndRequestFlush(@Param(name = "frame") int frame) {
        return queue.offerAndRequestFlush(frame) != OutboundQueue.Offer.FULL;
    }

    /** The I/O thread's loop: {@code do drain while (!flushDone())}. */
    @Operation(nonParallelGroup = "io")
    public List<Integer> flushRound() {
        List<Integer> out = new ArrayList<>();
        do {
            queue.drain(out::add, CAPACITY);
        } while (!queue.flushDone());
        return out;
    }

    /** The sequential specification: a FIFO; a flush round takes everything. */
    public static final class Model {
        private final ArrayDeque<Integer> queue = new ArrayDeque<>();

        public boolean offer(int frame) {
            return queue.size() < CAPACITY && queue.add(frame);
        }

        public boolean offerAndRequestFlush(int frame) {
            return offer(frame);
        }

        public List<Integer> flushRound() {
            List<Integer> out = new ArrayList<>(queue);
            queue.clear();
            return out;
        }
    }

    public static class Mutex extends OutboundQueueSubject {
        public Mutex() { super("mutex"); }
    }

    public static class RwLock extends OutboundQueueSubject {
        public RwLock() { super("rwlock"); }
    }

    public static class LockFree extends OutboundQueueSubject {
        public LockFree() { super("lockfree"); }
    }

    public static class Cow extends OutboundQueueSubject {
        public Cow() { super("cow"); }
    }

    /** The unsynchronized control. */
    public static class Broken extends OutboundQueueSubject {
        public Broken() { super("broken"); }
    }
}
