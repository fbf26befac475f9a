package dev.msgtrans.variants.mutex;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MutexBufferPoolTest {

    private final MutexBufferPool pool = new MutexBufferPool(new int[]{16, 64}, new int[]{2, 1}, false);

    @Test
    void acquirePicksTheSmallestFittingClassAndCountsMisses() {
        assertEquals(16, pool.acquire(1).capacity());
        assertEquals(16, pool.acquire(16).capacity());
        assertEquals(64, pool.acquire(17).capacity());
        assertEquals(3, pool.misses());
    }

    @Test
    void releasedBuffersAreReusedClearedUpToTheCapThenDropped() {
        ByteBuffer a = pool.acquire(10);
        ByteBuffer b = pool.acquire(10);
        ByteBuffer c = pool.acquire(10);
        a.put((byte) 1).limit(5);
        pool.release(a);
        pool.release(b);
        pool.release(c);
        assertEquals(2, pool.cached(0), "never above the cap");
        assertEquals(1, pool.drops());
        ByteBuffer again = pool.acquire(10);
        assertSame(b, again, "last in, first out");
        ByteBuffer reused = pool.acquire(10);
        assertSame(a, reused);
        assertEquals(0, reused.position(), "cleared");
        assertEquals(16, reused.limit(), "cleared");
        assertEquals(3, pool.misses());
    }

    @Test
    void oversizedAndForeignBuffersAreNotPooled() {
        ByteBuffer big = pool.acquire(1000);
        assertEquals(1000, big.capacity());
        assertEquals(1, pool.misses());
        pool.release(big);
        pool.release(ByteBuffer.allocate(20));
        pool.release(ByteBuffer.allocateDirect(16));
        pool.release(ByteBuffer.allocate(16).asReadOnlyBuffer());
        assertEquals(0, pool.cached(0));
        assertEquals(0, pool.cached(1));
        assertEquals(0, pool.drops());
    }

    @Test
    void theDirectFlagChoosesTheKindOfBuffer() {
        MutexBufferPool direct = new MutexBufferPool(new int[]{16}, new int[]{1}, true);
        assertTrue(direct.acquire(8).isDirect());
        assertTrue(direct.acquire(100).isDirect());
        assertFalse(pool.acquire(8).isDirect());
    }

    @Test
    void invalidClassesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MutexBufferPool(new int[]{64, 16}, new int[]{1, 1}, false));
        assertThrows(IllegalArgumentException.class, () -> new MutexBufferPool(new int[]{16}, new int[]{1, 1}, false));
    }
}
