package dev.msgtrans.testkit.components;

import dev.msgtrans.core.spi.BufferPool;
import dev.msgtrans.core.spi.Variant;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link BufferPool}: size classes, reuse (and its LIFO order), clearing, caps and drop counting from one thread;
 * and under an acquire/release storm, no buffer handed to two holders at once (tracked by identity) and no class above its cap.
 */
public final class BufferPoolConformance {

    private BufferPoolConformance() {
    }

    public static void contract(Variant v) {
        BufferPool pool = v.newBufferPool(new int[] {1024, 8192, 65536}, new int[] {2, 2, 1}, false);
        ByteBuffer b = pool.acquire(100);
        assertEquals(1024, b.capacity(), "the smallest class that fits");
        assertEquals(0, b.position());
        assertEquals(b.capacity(), b.limit());
        assertEquals(1, pool.misses(), "an empty cache is a miss");
        b.putInt(7).flip();
        pool.release(b);
        assertEquals(1, pool.cached(0));
        ByteBuffer again = pool.acquire(1024);
        assertSame(b, again, "a cached buffer is reused");
        assertEquals(0, again.position(), "acquired buffers are cleared");
        assertEquals(again.capacity(), again.limit(), "acquired buffers are cleared");
        assertEquals(0, pool.cached(0));
        assertEquals(1, pool.misses(), "a cache hit is not a miss");

        assertEquals(65536, pool.acquire(8193).capacity(), "8193 bytes need the 64 KiB class");
        ByteBuffer x = pool.acquire(1);
        ByteBuffer y = pool.acquire(1);
        pool.release(again);
        pool.release(x);
        pool.release(y);
        assertEquals(2, pool.cached(0), "a class never caches above its cap");
        assertEquals(1, pool.drops(), "a release into a full class is counted as a drop");

        ByteBuffer big = pool.acquire(100_000);
        assertTrue(big.capacity() >= 100_000, "larger than the largest class: a fresh buffer");
        pool.release(big);
        pool.release(ByteBuffer.allocate(500));
        assertEquals(2, pool.cached(0));
        assertEquals(0, pool.cached(1));
        assertEquals(0, pool.cached(2));
        assertEquals(1, pool.drops(), "buffers of no class size are ignored, not dropped");

        BufferPool direct = v.newBufferPool(new int[] {1024}, new int[] {1}, true);
        assertTrue(direct.acquire(10).isDirect(), "a direct pool hands out direct buffers");
        assertFalse(pool.acquire(10).isDirect(), "a heap pool hands out heap buffers");
    }

    /**
     * Reuse order, the same in every variant: LIFO, the most recently released buffer first (why LIFO:
     * {@code LockFreeBufferPool}). A pool that reuses in another order fails, so a variant cannot drift from the
     * others unnoticed.
     */
    public static void reuseOrder(Variant v) {
        BufferPool pool = v.newBufferPool(new int[] {1024}, new int[] {4}, false);
        ByteBuffer x = pool.acquire(1024);
        ByteBuffer y = pool.acquire(1024);
        ByteBuffer z = pool.acquire(1024);
        pool.release(x);
        pool.release(y);
        pool.release(z);
        assertSame(z, pool.acquire(1024), "LIFO: the last released is reused first");
        assertSame(y, pool.acquire(1024), "LIFO: then the one before");
        pool.release(z);
        assertSame(z, pool.acquire(1024), "LIFO: a buffer released again is on top again");
        assertSame(x, pool.acquire(1024), "LIFO: the first released comes last");
        assertEquals(3, pool.misses(), "only the first three acquires allocated");
    }

    /** Identity key: {@link ByteBuffer#equals} compares contents, and the check needs identity. */
    private static final class Ref {
        final ByteBuffer b;

        Ref(ByteBuffer b) {
            this.b = b;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ref r && r.b == b;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(b);
        }
    }

    /**
     * Threads acquire buffers of every class, hold up to three, stamp them with their id and check the stamp before
     * releasing. Small caps make releases hit full classes. A buffer in two holders' hands, a stamp overwritten, or a
     * class above its cap fails the check.
     */
    public static void noSharingAndCapped(Variant v, StressLoad load) {
        String check = "buffers-no-sharing-capped[" + v.alias() + "]";
        int[] sizes = {64, 512, 4096};
        int[] caps = {8, 4, 2};
        BufferPool pool = v.newBufferPool(sizes, caps, false);
        ConcurrentHashMap<Ref, Boolean> held = new ConcurrentHashMap<>();
        Contenders.run(check, load.threads(), load.deadlineNanos(), (i, race) -> {
            ArrayDeque<ByteBuffer> mine = new ArrayDeque<>();
            for (int n = 0; n < load.opsPerThread(); n++) {
                ByteBuffer b = pool.acquire(sizes[(n + i) % sizes.length]);
                if (held.putIfAbsent(new Ref(b), Boolean.TRUE) != null) {
                    throw race.fail("a buffer of " + b.capacity() + " bytes was handed to two holders at once");
                }
                b.putInt(0, i).putInt(4, n);
                mine.add(b);
                if (mine.size() > 3) {
                    giveBack(pool, held, mine.poll(), i, race);
                }
                if (n % 64 == 0) {
                    for (int c = 0; c < caps.length; c++) {
                        if (pool.cached(c) > caps[c]) {
                            throw race.fail("class " + c + " caches " + pool.cached(c) + " buffers, above its cap " + caps[c]);
                        }
                    }
                }
            }
            while (!mine.isEmpty()) {
                giveBack(pool, held, mine.poll(), i, race);
            }
        });
        assertTrue(held.isEmpty(), check + ": buffers still marked held");
        for (int c = 0; c < caps.length; c++) {
            assertTrue(pool.cached(c) <= caps[c], check + ": class " + c + " caches " + pool.cached(c) + " > cap " + caps[c]);
        }
    }

    private static void giveBack(BufferPool pool, ConcurrentHashMap<Ref, Boolean> held, ByteBuffer b, int owner, Contenders race) {
        if (b.getInt(0) != owner) {
            throw race.fail("thread " + owner + "'s buffer was written by thread " + b.getInt(0) + " while held");
        }
        held.remove(new Ref(b));
        pool.release(b);
    }
}
