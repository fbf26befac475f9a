package dev.msgtrans.variants.lockfree;

import dev.msgtrans.core.spi.BufferPool;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link BufferPool} with one bounded lock-free LIFO cache of buffers per size class, each exactly as large as its
 * class's cap.
 * <p>
 * Reuse order: LIFO, the most recently released buffer first, the same order as every variant's pool
 * ({@code MutexBufferPool} keeps a stack under its lock). A buffer just released is the one most likely still in
 * the CPU caches, so the next packet writes into warm lines; a FIFO would cycle through the whole class (500 KiB of
 * 1 KiB buffers, 3.2 MiB of 64 KiB ones at the default caps) and hand out the coldest buffer every time.
 * <p>
 * Why this structure: any thread acquires and any thread releases, so each class is an MPMC free list, and it must
 * not allocate per operation (a node per release is the thing a pool exists to avoid). A Treiber stack of buffers
 * would allocate a node per release; instead each class owns {@code cap} preallocated nodes (indices into parallel
 * arrays) that move between two Treiber stacks: {@code full} holds the nodes that carry a cached buffer, {@code
 * free} the spare ones. A release pops a spare node, stores its buffer and pushes it on {@code full}; an acquire
 * pops from {@code full}, takes the buffer and pushes the node back on {@code free}. With {@code cap} nodes the
 * cache can never hold more than its cap, and the cap is exact whatever its value (no power-of-two rounding). The
 * price of LIFO without locks is two CASes per operation (a pop and a push, on two words), where a bounded FIFO ring
 * (Vyukov's, as in JCTools' {@code MpmcArrayQueue}) needs one; the mutex pool pays a lock acquisition and release.
 * <p>
 * Progress: an acquire never waits: an empty {@code full} stack is a miss. A release waits only when it finds no
 * spare node although the cache holds fewer buffers than its cap: an acquire has popped a node and not yet pushed
 * it back (a few instructions later it will), and counting the release as a drop then would drop below the cap. A
 * thread preempted between its two CASes holds back its one node only; every other acquire and release goes on.
 * Misses and drops are {@link LongAdder}s (statistics, summed on read, off the hit path). The pool does not detect
 * a buffer released twice (that would need an identity set on the hot path); releasing one twice lets two callers
 * share it.
 */
public final class LockFreeBufferPool implements BufferPool {

    private final int[] sizes;
    private final Stack[] cache;
    private final boolean direct;
    private final LongAdder misses = new LongAdder();
    private final LongAdder drops = new LongAdder();

    /**
     * @param classSizes ascending buffer sizes in bytes
     * @param classCaps  buffers cached per class (0 disables caching for a class)
     * @param direct     allocate direct buffers (and pool only direct ones) instead of heap buffers
     */
    public LockFreeBufferPool(int[] classSizes, int[] classCaps, boolean direct) {
        if (classSizes.length == 0 || classSizes.length != classCaps.length) {
            throw new IllegalArgumentException("need as many class caps as class sizes, and at least one class; got "
                    + classSizes.length + " sizes and " + classCaps.length + " caps");
        }
        for (int i = 0; i < classSizes.length; i++) {
            if (classSizes[i] <= 0 || (i > 0 && classSizes[i] <= classSizes[i - 1])) {
                throw new IllegalArgumentException("class sizes must be positive and ascending, got size "
                        + classSizes[i] + " at index " + i);
            }
            if (classCaps[i] < 0) {
                throw new IllegalArgumentException("class caps must be >= 0, got " + classCaps[i] + " at index " + i);
            }
        }
        this.sizes = classSizes.clone();
        this.direct = direct;
        this.cache = new Stack[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            cache[i] = new Stack(classCaps[i]);
        }
    }

    @Override
    public ByteBuffer acquire(int minCapacity) {
        if (minCapacity < 0) {
            throw new IllegalArgumentException("minCapacity must be >= 0, got " + minCapacity);
        }
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] >= minCapacity) {
                ByteBuffer b = cache[i].poll();
                if (b == null) {
                    misses.increment();
                    return allocate(sizes[i]);
                }
                return b.clear();
            }
        }
        misses.increment(); // larger than the largest class: unpooled
        return allocate(minCapacity);
    }

    @Override
    public void release(ByteBuffer buffer) {
        if (buffer == null || buffer.isDirect() != direct || buffer.isReadOnly()) {
            return;
        }
        int i = classOf(buffer.capacity());
        if (i < 0) {
            return;
        }
        if (!cache[i].offer(buffer)) {
            drops.increment();
        }
    }

    @Override
    public int cached(int sizeClass) {
        return cache[sizeClass].size();
    }

    @Override
    public long misses() {
        return misses.sum();
    }

    @Override
    public long drops() {
        return drops.sum();
    }

    private int classOf(int capacity) {
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] == capacity) {
                return i;
            }
        }
        return -1;
    }

    private ByteBuffer allocate(int size) {
        return direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
    }

    /**
     * A bounded LIFO of exactly {@code capacity} buffers on {@code capacity} preallocated nodes and two Treiber
     * stacks ({@code FULL}: nodes carrying a cached buffer; {@code FREE}: spare nodes). A node is an index into
     * {@code buffers}, {@code next} and {@code depth}; a reference to one is {@code index + 1}, so 0 is "none".
     * <p>
     * Each stack's top is one {@code long}, {@code tag << 32 | ref}, changed only by CAS. The tag counts the word's
     * changes: a pop reads the top node's successor, then CASes the top from that node to the successor; if in
     * between other threads popped that node and pushed it back (same node on top, different successor: the ABA
     * problem), the tag differs and the CAS fails. The tag wraps after 2^32 changes, which a thread would have to
     * sleep through between one read and its CAS.
     * <p>
     * A node's {@code next}, {@code depth} and {@code buffers} slots are written by the one thread that holds the
     * node (it popped it), before the CAS that pushes it publishes them; a reader reads them after a volatile read
     * of the top. {@code next} is read by a pop that may lose the race for the node; its CAS then fails, so a stale
     * value is never used. {@code depth} (1 at the bottom of {@code FULL}) makes the size one read: the depth of the
     * top node, validated by re-reading an unchanged top word (a seqlock read, as
     * {@link java.util.concurrent.locks.StampedLock#validate} does it). The cache's size therefore changes exactly
     * at the CASes on {@code FULL}, which are the linearization points of acquire and release; a drop is
     * linearized at the validated read that saw the cache at its cap.
     */
    private static final class Stack {
        private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
        private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
        /** The two top words, 128 bytes apart and from the array's ends (no false sharing). */
        private static final int FULL = 16;
        private static final int FREE = 32;

        private final int capacity;
        private final ByteBuffer[] buffers;
        private final int[] next;
        private final int[] depth;
        private final long[] tops = new long[48];

        Stack(int capacity) {
            this.capacity = capacity;
            this.buffers = new ByteBuffer[capacity];
            this.next = new int[capacity];
            this.depth = new int[capacity];
            for (int i = 0; i < capacity; i++) {
                next[i] = i; // node i rests on node i - 1, whose reference is i (node 0 on none)
            }
            LONGS.setRelease(tops, FREE, (long) capacity); // every node spare, node capacity - 1 on top
        }

        boolean offer(ByteBuffer b) {
            if (capacity == 0) {
                return false;
            }
            for (;;) {
                int i = pop(FREE);
                if (i >= 0) {
                    buffers[i] = b;
                    push(FULL, i);
                    return true;
                }
                if (size() >= capacity) {
                    return false; // the cache held its cap at that read: a drop
                }
                // No spare node, yet room in the cache: an acquire is between its pop and its push; wait for it.
                Thread.onSpinWait();
            }
        }

        ByteBuffer poll() {
            if (capacity == 0) {
                return null;
            }
            int i = pop(FULL);
            if (i < 0) {
                return null;
            }
            ByteBuffer b = buffers[i];
            buffers[i] = null;
            push(FREE, i);
            return b;
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
}
