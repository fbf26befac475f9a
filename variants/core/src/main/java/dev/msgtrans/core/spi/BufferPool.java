package dev.msgtrans.core.spi;

import java.nio.ByteBuffer;

/**
 * Phase 3.1: reusable byte buffers in size classes (default 1 KiB, 8 KiB, 64 KiB with caps of 500, 200, 50 cached
 * buffers, the original's figures).
 * <p>
 * Threading contract: every method from any thread. A buffer is handed out to one caller at a time; the cache of a
 * class never holds more than its cap (a release into a full class drops the buffer and counts it); a request larger
 * than the largest class gets a fresh unpooled buffer. Acquired buffers are cleared (position 0, limit = capacity).
 */
public interface BufferPool {

    int[] DEFAULT_CLASS_SIZES = {1024, 8 * 1024, 64 * 1024};
    int[] DEFAULT_CLASS_CAPS = {500, 200, 50};

    /** @return a cleared buffer with at least {@code minCapacity} bytes */
    ByteBuffer acquire(int minCapacity);

    /** Gives a buffer back; buffers whose capacity is not a class size are ignored (not pooled). */
    void release(ByteBuffer buffer);

    /** Buffers cached now in class {@code sizeClass} (0-based). */
    int cached(int sizeClass);

    /** Acquires served by allocation instead of the cache. */
    long misses();

    /** Releases dropped because the class was at its cap. */
    long drops();
}
