package dev.msgtrans.variants.lockfree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msgtrans.core.spi.BufferPool;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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

    /** The two stacks hand nodes back and forth: fill, drain, refill in any pattern keeps LIFO order and the cap. */
    @Test
    void reuseIsLifoThroughRepeatedFillAndDrain() {
        LockFreeBufferPool p = new LockFreeBufferPool(new int[] {64}, new int[] {3}, false);
        List<ByteBuffer> bufs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            bufs.add(ByteBuffer.allocate(64));
        }
        for (int round = 0; round < 5; round++) {
            for (ByteBuffer b : bufs) {
                p.release(b); // the fourth is dropped
            }
            assertEquals(3, p.cached(0));
            assertSame(bufs.get(2), p.acquire(64));
            p.release(bufs.get(3)); // room for one again: cached on top
            assertSame(bufs.get(3), p.acquire(64));
            assertSame(bufs.get(1), p.acquire(64));
            assertSame(bufs.get(0), p.acquire(64));
            assertEquals(0, p.cached(0));
        }
        assertEquals(5, p.drops());
        assertEquals(0, p.misses());
        ByteBuffer readOnly = ByteBuffer.allocate(64).asReadOnlyBuffer();
        p.release(readOnly);
        assertEquals(0, p.cached(0), "a read-only buffer is not pooled (it could not be written into)");
    }

    /**
     * Acquire/release pairs from more threads than cores, on a tiny class: the tagged tops must survive pops and
     * pushes of the same nodes racing (the ABA case), no buffer is held twice, and the counts add up.
     */
    @Test
    void churnKeepsOwnershipAndCountsExact() {
        int cap = 2;
        LockFreeBufferPool p = new LockFreeBufferPool(new int[] {64}, new int[] {cap}, false);
        Set<ByteBuffer> held = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        AtomicBoolean shared = new AtomicBoolean();
        AtomicLong acquires = new AtomicLong();
        AtomicLong releases = new AtomicLong();
        Concurrently.run(4, t -> {
            for (int i = 0; i < 20_000; i++) {
                ByteBuffer a = p.acquire(64);
                ByteBuffer b = p.acquire(64);
                acquires.addAndGet(2);
                if (!held.add(a) || !held.add(b)) {
                    shared.set(true);
                }
                held.remove(a);
                held.remove(b);
                p.release(i % 2 == 0 ? a : b);
                p.release(i % 2 == 0 ? b : a);
                releases.addAndGet(2);
            }
        });
        assertFalse(shared.get(), "a buffer was handed to two holders at once");
        long hits = acquires.get() - p.misses();
        assertEquals(releases.get() - p.drops() - hits, p.cached(0));
        assertTrue(p.cached(0) <= cap);
    }
}
