package dev.msgtrans.testkit.broken;

import dev.msgtrans.core.spi.BufferPool;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * CONTROL, deliberately unsafe: one {@link ArrayDeque} per size class, a cap checked then acted on, plain counters.
 * Correct from one thread; concurrently, one cached buffer can be handed to two callers, and releases racing the cap
 * check push a class above its cap.
 */
final class BrokenBufferPool implements BufferPool {

    private final int[] sizes;
    private final int[] caps;
    private final boolean direct;
    private final List<ArrayDeque<ByteBuffer>> cache;
    private long misses;
    private long drops;

    BrokenBufferPool(int[] classSizes, int[] classCaps, boolean direct) {
        if (classSizes.length == 0 || classSizes.length != classCaps.length) {
            throw new IllegalArgumentException("need one cap per size class, got " + classSizes.length + " sizes and "
                    + classCaps.length + " caps");
        }
        this.sizes = classSizes.clone();
        this.caps = classCaps.clone();
        this.direct = direct;
        this.cache = new ArrayList<>(sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            cache.add(new ArrayDeque<>());
        }
    }

    @Override
    public ByteBuffer acquire(int minCapacity) {
        for (int c = 0; c < sizes.length; c++) {
            if (minCapacity <= sizes[c]) {
                ByteBuffer b = cache.get(c).poll();
                if (b == null) {
                    misses++;
                    return allocate(sizes[c]);
                }
                return b.clear();
            }
        }
        misses++;
        return allocate(minCapacity);
    }

    @Override
    public void release(ByteBuffer buffer) {
        for (int c = 0; c < sizes.length; c++) {
            if (buffer.capacity() == sizes[c] && buffer.isDirect() == direct) {
                if (cache.get(c).size() >= caps[c]) {
                    drops++;
                } else {
                    cache.get(c).push(buffer);
                }
                return;
            }
        }
    }

    @Override
    public int cached(int sizeClass) {
        return cache.get(sizeClass).size();
    }

    @Override
    public long misses() {
        return misses;
    }

    @Override
    public long drops() {
        return drops;
    }

    private ByteBuffer allocate(int size) {
        return direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
    }
}
