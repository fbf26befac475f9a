package dev.msgtrans.variants.lockfree;

import dev.msgtrans.core.spi.BufferPool;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.MpmcArrayQueue;

/**
 * {@link BufferPool} with one JCTools {@link MpmcArrayQueue} of cached buffers per size class.
 * <p>
 * Why this structure: any thread acquires and any thread releases, so each class is an MPMC free list; a bounded
 * ring pre-allocates its slots (a linked free list would allocate a node per release, the thing a pool exists to
 * avoid) and its capacity is the cache's cap. JCTools rounds the ring up to a power of two, so when a cap is not one
 * (the defaults 500, 200, 50 are not) a per-class reservation counter enforces the cap exactly: a release reserves a
 * place with a CAS that fails at the cap (the buffer is then dropped and counted), an acquire that polls a buffer
 * gives its place back. The ring always has room for a reserved release, so the offer cannot fail. Classes whose cap
 * is a power of two use the ring alone. Reuse is FIFO, not LIFO: the most recently released (cache-warm) buffer
 * is not the next one handed out; a lock-free LIFO (a Treiber stack) would allocate a node per release instead.
 * <p>
 * Progress: acquire and release are lock-free (one CAS on the ring, plus one on the counter for non-power-of-two
 * caps). Misses and drops are {@link LongAdder}s (statistics, summed on read). The pool does not detect a buffer
 * released twice (that would need an identity set on the hot path); releasing one twice lets two callers share it.
 */
public final class LockFreeBufferPool implements BufferPool {

    private final int[] sizes;
    private final int[] caps;
    private final MpmcArrayQueue<ByteBuffer>[] cache;
    /** Per class: reserved places, or {@code null} when the ring's capacity equals the cap. */
    private final AtomicInteger[] reserved;
    private final boolean direct;
    private final LongAdder misses = new LongAdder();
    private final LongAdder drops = new LongAdder();

    /**
     * @param classSizes ascending buffer sizes in bytes
     * @param classCaps  buffers cached per class (0 disables caching for a class)
     * @param direct     allocate direct buffers (and pool only direct ones) instead of heap buffers
     */
    @SuppressWarnings({"unchecked", "rawtypes"}) // generic array creation
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
        this.caps = classCaps.clone();
        this.direct = direct;
        this.cache = new MpmcArrayQueue[sizes.length];
        this.reserved = new AtomicInteger[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            cache[i] = new MpmcArrayQueue<>(Math.max(2, caps[i]));
            reserved[i] = cache[i].capacity() == caps[i] ? null : new AtomicInteger();
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
                if (reserved[i] != null) {
                    reserved[i].decrementAndGet(); // after the poll: the ring never holds more than reserved
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
        AtomicInteger r = reserved[i];
        if (r != null) {
            int n;
            do {
                n = r.get();
                if (n >= caps[i]) {
                    drops.increment();
                    return;
                }
            } while (!r.compareAndSet(n, n + 1));
        }
        if (!cache[i].offer(buffer)) {
            if (r != null) {
                r.decrementAndGet(); // cannot happen with a reservation; kept so the count stays exact regardless
            }
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
