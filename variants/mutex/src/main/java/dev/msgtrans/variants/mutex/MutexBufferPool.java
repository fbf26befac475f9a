package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.BufferPool;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Phase 3.1, mutex strategy: one {@link ArrayDeque} stack per size class, each behind its own
 * {@link ReentrantLock}, so threads working in different classes never contend.
 * <p>
 * Threading contract: as {@link BufferPool}. A class's lock is held only to push or pop one buffer; allocation of a
 * missed buffer happens outside it.
 * <p>
 * Reuse order: LIFO, the most recently released buffer first, the one most likely still in the CPU caches; the
 * same order as every variant's pool (the lock-free pool keeps a lock-free stack per class for it, see
 * {@code LockFreeBufferPool}), so that the variants differ only in how they synchronise.
 * <p>
 * Released buffers are pooled only when their capacity equals a class size and their kind (heap or
 * direct) matches the pool's; others, and read-only buffers, are ignored. A request above the largest class is
 * allocated fresh and counted as a miss. Releasing the same buffer twice is the caller's error and is not detected
 * (detection would cost a scan of the class under its lock). Statistics use {@link LongAdder}: they are counters,
 * not synchronization.
 */
public final class MutexBufferPool implements BufferPool {

    private static final class SizeClass {
        final int size;
        final int cap;
        final ReentrantLock lock = new ReentrantLock();
        final ArrayDeque<ByteBuffer> stack; // guarded by lock

        SizeClass(int size, int cap) {
            this.size = size;
            this.cap = cap;
            this.stack = new ArrayDeque<>(Math.min(cap, 64));
        }
    }

    private final SizeClass[] classes;
    private final boolean direct;
    private final LongAdder misses = new LongAdder();
    private final LongAdder drops = new LongAdder();

    public MutexBufferPool(int[] classSizes, int[] classCaps, boolean direct) {
        Objects.requireNonNull(classSizes, "classSizes");
        Objects.requireNonNull(classCaps, "classCaps");
        if (classSizes.length == 0 || classSizes.length != classCaps.length) {
            throw new IllegalArgumentException("need one cap per size class, got " + classSizes.length + " sizes and "
                    + classCaps.length + " caps");
        }
        classes = new SizeClass[classSizes.length];
        for (int i = 0; i < classSizes.length; i++) {
            if (classSizes[i] <= 0 || (i > 0 && classSizes[i] <= classSizes[i - 1]) || classCaps[i] < 0) {
                throw new IllegalArgumentException("class sizes must be positive and ascending, caps >= 0; class " + i
                        + " has size " + classSizes[i] + " and cap " + classCaps[i]);
            }
            classes[i] = new SizeClass(classSizes[i], classCaps[i]);
        }
        this.direct = direct;
    }

    @Override
    public ByteBuffer acquire(int minCapacity) {
        if (minCapacity < 0) {
            throw new IllegalArgumentException("minCapacity must be >= 0, was " + minCapacity);
        }
        for (SizeClass c : classes) {
            if (c.size >= minCapacity) {
                ByteBuffer b;
                c.lock.lock();
                try {
                    b = c.stack.pollFirst();
                } finally {
                    c.lock.unlock();
                }
                if (b == null) {
                    misses.increment();
                    return allocate(c.size);
                }
                return b.clear();
            }
        }
        misses.increment();
        return allocate(minCapacity);
    }

    private ByteBuffer allocate(int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    @Override
    public void release(ByteBuffer buffer) {
        Objects.requireNonNull(buffer, "buffer");
        if (buffer.isDirect() != direct || buffer.isReadOnly()) {
            return;
        }
        SizeClass c = classOf(buffer.capacity());
        if (c == null) {
            return;
        }
        c.lock.lock();
        try {
            if (c.stack.size() < c.cap) {
                c.stack.addFirst(buffer);
                return;
            }
        } finally {
            c.lock.unlock();
        }
        drops.increment();
    }

    private SizeClass classOf(int capacity) {
        for (SizeClass c : classes) {
            if (c.size == capacity) {
                return c;
            }
        }
        return null;
    }

    @Override
    public int cached(int sizeClass) {
        SizeClass c = classes[sizeClass];
        c.lock.lock();
        try {
            return c.stack.size();
        } finally {
            c.lock.unlock();
        }
    }

    @Override
    public long misses() {
        return misses.sum();
    }

    @Override
    public long drops() {
        return drops.sum();
    }
}
