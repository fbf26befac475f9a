package dev.msgtrans.variants.lockfree;

import dev.msgtrans.core.spi.BufferPool;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link BufferPool} with one bounded MPMC ring of cached buffers per size class, each ring exactly as large as its
 * class's cap.
 * <p>
 * Why this structure: any thread acquires and any thread releases, so each class is an MPMC free list; a bounded
 * ring pre-allocates its slots (a linked free list would allocate a node per release, the thing a pool exists to
 * avoid) and its capacity is the cache's cap. The ring is D. Vyukov's bounded MPMC queue (the algorithm of JCTools'
 * {@code MpmcArrayQueue}: a sequence number per slot, one CAS on the consumer or the producer position per
 * operation), written here because JCTools rounds the capacity up to a power of two and the default caps (500, 200,
 * 50) are not: enforcing the exact cap on a JCTools ring took a reservation counter, i.e. two more atomic
 * read-modify-writes per acquire + release on a third shared cache line. This ring indexes by position modulo the
 * cap instead, so the cap is exact with one CAS per acquire and one per release.
 * <p>
 * Like {@code MpmcArrayQueue}, the ring is not strictly lock-free: an acquire that finds the next slot claimed by
 * a release that has not yet stored its buffer waits for it (two plain stores), and so does a release that finds
 * the next slot still being emptied by an acquire; a thread preempted in that window (routine with more threads
 * than cores) stalls the others on that class until it runs again. The alternatives cost more: a miss instead of
 * the wait brings a fresh buffer into circulation per miss (the class fills to its cap and then drops), and a drop
 * instead of the wait would count a drop below the cap. Reuse is FIFO, not LIFO: the most recently released (cache-warm) buffer is not the
 * next one handed out; a lock-free LIFO would need a node per release or a tagged index stack with its own
 * shared head.
 * <p>
 * Progress: acquire and release are lock-free but for the wait described above. Misses and drops are {@link LongAdder}s (statistics, summed on read, off the hit path). The pool
 * does not detect a buffer released twice (that would need an identity set on the hot path); releasing one twice
 * lets two callers share it.
 */
public final class LockFreeBufferPool implements BufferPool {

    private final int[] sizes;
    private final Ring[] cache;
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
        this.cache = new Ring[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            cache[i] = new Ring(classCaps[i]);
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
        if (buffer == null || buffer.isDirect() != direct) {
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
     * Vyukov's bounded MPMC ring of exactly {@code capacity} buffers. Slot {@code p % capacity} serves position
     * {@code p}; its sequence number says whose turn it is: {@code 2p} for the release that will fill it,
     * {@code 2p + 1} for the acquire that will empty it, {@code 2(p + capacity)} for the release of the next lap. A
     * release CASes the producer position from {@code p} to {@code p + 1}, stores the buffer, then publishes
     * {@code seq = 2p + 1} with a release store; an acquire CASes the consumer position, takes the buffer, then
     * publishes {@code seq = 2(p + capacity)}. The acquire/release pair on the sequence number orders the plain
     * slot accesses. The sequence counts in steps of two because the classic {@code p}/{@code p + 1} numbering
     * cannot tell "full at p" from "free for p + 1" when the capacity is 1 (JCTools needs at least 2, a cap may be
     * 1; jcstress {@code BufferPoolCap} caught it). Positions are longs and never wrap in practice.
     */
    private static final class Ring {
        private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
        /** Consumer and producer positions, 128 bytes apart and from the array's ends (no false sharing). */
        private static final int CONSUMER = 16;
        private static final int PRODUCER = 32;

        private final int capacity;
        private final ByteBuffer[] slots;
        private final long[] sequence;
        private final long[] positions = new long[48];

        Ring(int capacity) {
            this.capacity = capacity;
            this.slots = new ByteBuffer[capacity];
            this.sequence = new long[capacity];
            for (int i = 0; i < capacity; i++) {
                sequence[i] = 2L * i;
            }
        }

        boolean offer(ByteBuffer b) {
            if (capacity == 0) {
                return false;
            }
            long p = lvPosition(PRODUCER);
            for (;;) {
                int slot = (int) (p % capacity);
                long seq = (long) LONGS.getAcquire(sequence, slot);
                if (seq == 2 * p) {
                    if (LONGS.compareAndSet(positions, PRODUCER, p, p + 1)) {
                        slots[slot] = b;
                        LONGS.setRelease(sequence, slot, 2 * p + 1);
                        return true;
                    }
                    p = lvPosition(PRODUCER);
                } else if (seq < 2 * p) {
                    // The slot still holds the buffer of the previous lap: full, unless an acquire has taken that
                    // buffer's position and is emptying the slot right now; then wait for it to finish.
                    if (p - capacity >= lvPosition(CONSUMER)) {
                        return false;
                    }
                    Thread.onSpinWait();
                    p = lvPosition(PRODUCER);
                } else {
                    p = lvPosition(PRODUCER); // another release took p: catch up
                }
            }
        }

        ByteBuffer poll() {
            if (capacity == 0) {
                return null;
            }
            long p = lvPosition(CONSUMER);
            for (;;) {
                int slot = (int) (p % capacity);
                long seq = (long) LONGS.getAcquire(sequence, slot);
                if (seq == 2 * p + 1) {
                    if (LONGS.compareAndSet(positions, CONSUMER, p, p + 1)) {
                        ByteBuffer b = slots[slot];
                        slots[slot] = null;
                        LONGS.setRelease(sequence, slot, 2 * (p + capacity));
                        return b;
                    }
                    p = lvPosition(CONSUMER);
                } else if (seq < 2 * p + 1) {
                    // Empty, unless a release has taken this position and not yet stored its buffer; then wait
                    // for it. (Returning a miss instead was tried: every miss brings a new buffer into
                    // circulation, so while a releaser is preempted the others miss on every acquire and fill the
                    // class to its cap with fresh buffers, then drop them.)
                    if (p >= lvPosition(PRODUCER)) {
                        return null;
                    }
                    Thread.onSpinWait();
                    p = lvPosition(CONSUMER);
                } else {
                    p = lvPosition(CONSUMER); // another acquire took p: catch up
                }
            }
        }

        int size() {
            // JCTools' size(): take the producer position between two equal reads of the consumer position, so
            // p - c is the size at the instant p was read. Reading c then p alone can count a release that came
            // after an acquire the read missed, a size the ring never had (lincheck found it: 2 in a class of 1).
            long after = lvPosition(CONSUMER);
            while (true) {
                long before = after;
                long p = lvPosition(PRODUCER);
                after = lvPosition(CONSUMER);
                if (before == after) {
                    return (int) Math.max(0, Math.min(capacity, p - after));
                }
            }
        }

        private long lvPosition(int which) {
            return (long) LONGS.getVolatile(positions, which);
        }
    }
}
