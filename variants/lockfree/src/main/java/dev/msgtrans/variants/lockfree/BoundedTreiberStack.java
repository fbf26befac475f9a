package dev.msgtrans.variants.lockfree;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The one lock-free LIFO of the variant, under {@link LockFreeBufferPool} (each size class's cache) and the LIFO
 * order of {@link LockFreeConnectionPool} (its idle list): a bounded MPMC stack of exactly {@code capacity} elements
 * that allocates nothing per operation.
 * <p>
 * Why this structure: a Treiber stack of elements would allocate a node per push (a node per release is the thing a
 * pool exists to avoid). Instead the stack owns {@code capacity} preallocated nodes (indices into parallel arrays)
 * that move between two Treiber stacks: {@code FULL} holds the nodes that carry an element, {@code FREE} the spare
 * ones. An offer pops a spare node, stores its element and pushes it on {@code FULL}; a poll pops from {@code FULL},
 * takes the element and pushes the node back on {@code FREE}. With {@code capacity} nodes the stack can never hold
 * more than its capacity, and the bound is exact whatever its value (no power-of-two rounding). The price of LIFO
 * without locks is two CASes per operation (a pop and a push, on two words), where a bounded FIFO ring (Vyukov's,
 * as in JCTools' {@code MpmcArrayQueue}) needs one.
 * <p>
 * A node is an index into {@code elements}, {@code next} and {@code depth}; a reference to one is {@code index + 1},
 * so 0 is "none". Each stack's top is one {@code long}, {@code tag << 32 | ref}, changed only by CAS. The tag counts
 * the word's changes: a pop reads the top node's successor, then CASes the top from that node to the successor; if
 * in between other threads popped that node and pushed it back (same node on top, different successor: the ABA
 * problem), the tag differs and the CAS fails. The tag wraps after 2^32 changes, which a thread would have to sleep
 * through between one read and its CAS.
 * <p>
 * A node's {@code next}, {@code depth} and {@code elements} slots are written by the one thread that holds the node
 * (it popped it), before the CAS that pushes it publishes them; a reader reads them after a volatile read of the
 * top. {@code next} is read by a pop that may lose the race for the node; its CAS then fails, so a stale value is
 * never used. {@code depth} (1 at the bottom of {@code FULL}) makes the size one read: the depth of the top node,
 * validated by re-reading an unchanged top word (a seqlock read, as
 * {@link java.util.concurrent.locks.StampedLock#validate} does it). The size therefore changes exactly at the CASes
 * on {@code FULL}, which are the linearization points of {@link #poll} and {@link #offer}; a refused offer is
 * linearized at the validated read that saw the stack at its capacity.
 * <p>
 * Progress: a poll never waits: an empty {@code FULL} stack returns {@code null}. An offer waits only when it finds
 * no spare node although the stack holds fewer elements than its capacity: a poll has popped a node and not yet
 * pushed it back (a few instructions later it will), and refusing the offer then would refuse below the capacity.
 * A thread preempted between its two CASes holds back its one node only; every other offer and poll goes on.
 * Every method may be called from any thread.
 *
 * @param <E> element type
 */
final class BoundedTreiberStack<E> {

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
    /** The two top words, 128 bytes apart and from the array's ends (no false sharing). */
    private static final int FULL = 16;
    private static final int FREE = 32;

    private final int capacity;
    private final Object[] elements;
    private final int[] next;
    private final int[] depth;
    private final long[] tops = new long[48];

    /** @param capacity the exact bound, {@code >= 0} (0: every offer is refused) */
    BoundedTreiberStack(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
        this.elements = new Object[capacity];
        this.next = new int[capacity];
        this.depth = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            next[i] = i; // node i rests on node i - 1, whose reference is i (node 0 on none)
        }
        LONGS.setRelease(tops, FREE, (long) capacity); // every node spare, node capacity - 1 on top
    }

    int capacity() {
        return capacity;
    }

    /** Pushes {@code e} (not null) on top. @return false when the stack held its capacity */
    boolean offer(E e) {
        if (capacity == 0) {
            return false;
        }
        for (;;) {
            int i = pop(FREE);
            if (i >= 0) {
                elements[i] = e;
                push(FULL, i);
                return true;
            }
            if (size() >= capacity) {
                return false; // the stack held its capacity at that read
            }
            // No spare node, yet room in the stack: a poll is between its pop and its push; wait for it.
            Thread.onSpinWait();
        }
    }

    /** @return the most recently offered element, or {@code null} when the stack is empty */
    @SuppressWarnings("unchecked")
    E poll() {
        if (capacity == 0) {
            return null;
        }
        int i = pop(FULL);
        if (i < 0) {
            return null;
        }
        E e = (E) elements[i];
        elements[i] = null;
        push(FREE, i);
        return e;
    }

    int size() {
        for (;;) {
            long top = (long) LONGS.getVolatile(tops, FULL);
            int ref = (int) top;
            if (ref == 0) {
                return 0;
            }
            // Acquire: the re-read below cannot be satisfied before this read (StampedLock's validate fence).
            int d = (int) INTS.getAcquire(depth, ref - 1);
            if ((long) LONGS.getVolatile(tops, FULL) == top) {
                return d;
            }
        }
    }

    /** @return the popped node's index, or -1 when the stack is empty */
    private int pop(int stack) {
        for (;;) {
            long top = (long) LONGS.getVolatile(tops, stack);
            int ref = (int) top;
            if (ref == 0) {
                return -1;
            }
            int successor = next[ref - 1]; // possibly stale: then the tag has moved and the CAS fails
            if (LONGS.compareAndSet(tops, stack, top, retag(top, successor))) {
                return ref - 1;
            }
        }
    }

    /** Pushes node {@code i}, which the caller holds. */
    private void push(int stack, int i) {
        for (;;) {
            long top = (long) LONGS.getVolatile(tops, stack);
            int ref = (int) top;
            next[i] = ref;
            if (stack == FULL) {
                depth[i] = ref == 0 ? 1 : depth[ref - 1] + 1; // valid if the CAS succeeds: that node stayed on top
            }
            if (LONGS.compareAndSet(tops, stack, top, retag(top, i + 1))) {
                return;
            }
        }
    }

    /** The next top word: the tag advanced by one (wrapping at 2^32), the given node on top. */
    private static long retag(long top, int ref) {
        return (((top >>> 32) + 1) << 32) | ref;
    }
}
