package dev.msgtrans.variants.lockfree;

import dev.msgtrans.core.spi.BufferPool;
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
 * not allocate per operation (a node per release is the thing a pool exists to avoid): a
 * {@link BoundedTreiberStack} of exactly the class's cap, which moves preallocated nodes between two Treiber stacks
 * with tagged tops (no ABA), so the cap is exact whatever its value. The price of LIFO without locks is two CASes
 * per operation, where a bounded FIFO ring (Vyukov's, as in JCTools' {@code MpmcArrayQueue}) needs one; the mutex
 * pool pays a lock acquisition and release.
 * <p>
 * Progress: an acquire never waits: an empty stack is a miss. A release waits only when it finds no
 * spare node although the cache holds fewer buffers than its cap: an acquire has popped a node and not yet pushed
 * it back (a few instructions later it will), and counting the release as a drop then would drop below the cap. A
 * thread preempted between its two CASes holds back its one node only; every other acquire and release goes on.
 * Misses and drops are {@link LongAdder}s (statistics, summed on read, off the hit path). The pool does not detect
 * a buffer released twice (that would need an identity set on the hot path); releasing one twice lets two callers
 * share it.
 */
public final class LockFreeBufferPool implements BufferPool {

    private final int[] sizes;
    private final BoundedTreiberStack<ByteBuffer>[] cache;
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
        @SuppressWarnings("unchecked")
        BoundedTreiberStack<ByteBuffer>[] stacks = new BoundedTreiberStack[sizes.length];
        this.cache = stacks;
        for (int i = 0; i < sizes.length; i++) {
            cache[i] = new BoundedTreiberStack<>(classCaps[i]);
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
}
