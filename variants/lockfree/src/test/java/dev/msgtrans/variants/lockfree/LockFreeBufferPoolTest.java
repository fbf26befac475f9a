package dev.msgtrans.variants.lockfree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msgtrans.core.spi.BufferPool;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LockFreeBufferPoolTest {

    @Test
    void picksTheSmallestFittingClassAndServesLargerRequestsUnpooled() {
        LockFreeBufferPool p = new LockFreeBufferPool(BufferPool.DEFAULT_CLASS_SIZES, BufferPool.DEFAULT_CLASS_CAPS, false);
        assertEquals(1024, p.acquire(100).capacity());
        assertEquals(8192, p.acquire(1025).capacity());
        assertEquals(65536, p.acquire(65536).capacity());
        ByteBuffer big = p.acquire(100_000);
        assertEquals(100_000, big.capacity());
        assertEquals(4, p.misses());
        p.release(big);
        assertEquals(0, p.cached(0) + p.cached(1) + p.cached(2), "a buffer of no class is not pooled");
    }

    @Test
    void releasedBuffersAreReusedCleared() {
        LockFreeBufferPool p = new LockFreeBufferPool(new int[] {64}, new int[] {3}, false);
        ByteBuffer b = p.acquire(10);
        b.putInt(42).flip();
        p.release(b);
        assertEquals(1, p.cached(0));
        ByteBuffer again = p.acquire(64);
        assertSame(b, again);
        assertEquals(0, again.position());
        assertEquals(64, again.limit());
        assertEquals(1, p.misses());
    }

    @Test
    void capIsExactAndDropsAreCounted() {
        LockFreeBufferPool p = new LockFreeBufferPool(new int[] {64}, new int[] {3}, false);
        for (int i = 0; i < 5; i++) {
            p.release(ByteBuffer.allocate(64));
        }
        assertEquals(3, p.cached(0));
        assertEquals(2, p.drops());
    }

    /** A cap of 1 is the ring's edge case: "full at position p" must not read as "free for position p + 1". */
    @Test
    void capOfOneHoldsOneBuffer() {
        LockFreeBufferPool p = new LockFreeBufferPool(new int[] {64}, new int[] {1}, false);
        ByteBuffer first = ByteBuffer.allocate(64);
        p.release(first);
        p.release(ByteBuffer.allocate(64));
        assertEquals(1, p.cached(0));
        assertEquals(1, p.drops());
        assertSame(first, p.acquire(64));
        assertEquals(0, p.cached(0));
        p.release(first);
        assertEquals(1, p.cached(0));
        assertEquals(1, p.drops());
    }

    @Test
    void onlyBuffersOfThePoolsKindArePooled() {
        LockFreeBufferPool direct = new LockFreeBufferPool(new int[] {64}, new int[] {4}, true);
        assertTrue(direct.acquire(1).isDirect());
        direct.release(ByteBuffer.allocate(64));
        assertEquals(0, direct.cached(0));
        direct.release(ByteBuffer.allocateDirect(64));
        assertEquals(1, direct.cached(0));
    }

    /** Many releasers race into a class whose cap (50) is not a power of two: the cache never exceeds it. */
    @Test
    void capNeverExceededUnderConcurrentRelease() {
        int cap = 50;
        LockFreeBufferPool p = new LockFreeBufferPool(new int[] {128}, new int[] {cap}, false);
        int releasers = 3;
        int perThread = 2_000;
        AtomicBoolean over = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        Concurrently.run(releasers + 2, t -> {
            if (t < releasers) {
                for (int i = 0; i < perThread; i++) {
                    p.release(ByteBuffer.allocate(128));
                }
                done.set(true);
            } else if (t == releasers) {
                while (!done.get()) { // an acquirer keeps the class below its cap now and then
                    ByteBuffer b = p.acquire(128);
                    p.release(b);
                }
            } else {
                while (!done.get()) {
                    if (p.cached(0) > cap) {
                        over.set(true);
                    }
                }
            }
        });
        assertFalse(over.get(), "the cache held more than its cap");
        assertEquals(cap, p.cached(0));
        // Conservation: every release is cached, dropped, or later taken out again by a cache hit
        // (the acquirer's acquires = its releases, and its misses are the acquires that were not hits).
        assertEquals(releasers * perThread - cap + p.misses(), p.drops());
    }
}
