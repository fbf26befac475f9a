package dev.msgtrans.variants.lockfree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LockFreeSessionRegistryTest {

    @Test
    void mapOperations() {
        LockFreeSessionRegistry<String> r = new LockFreeSessionRegistry<>(4);
        assertNull(r.putIfAbsent(0, "zero"));
        assertEquals("zero", r.putIfAbsent(0, "other"));
        assertNull(r.put(1L << 40, "big"));
        assertEquals("big", r.put(1L << 40, "bigger"));
        assertEquals("bigger", r.get(1L << 40));
        assertEquals(2, r.size());
        assertFalse(r.remove(0, "other"));
        assertTrue(r.remove(0, "zero"));
        assertNull(r.get(0));
        assertEquals("bigger", r.remove(1L << 40));
        assertNull(r.remove(1L << 40));
        assertEquals(0, r.size());
    }

    /** JCTools 4.0.5's remove(long, Object) reports false for an equal-but-not-identical value; we must not. */
    @Test
    void conditionalRemoveMatchesByEqualsAndSaysSo() {
        LockFreeSessionRegistry<String> r = new LockFreeSessionRegistry<>(4);
        r.put(5, new String("session"));
        assertFalse(r.remove(5, "other"));
        assertTrue(r.remove(5, new String("session")));
        assertNull(r.get(5));
        assertFalse(r.remove(5, "session"));
    }

    @Test
    void forEachSeesEveryMapping() {
        LockFreeSessionRegistry<Long> r = new LockFreeSessionRegistry<>(16);
        for (long i = 0; i < 1000; i++) {
            r.put(i * 7919, i);
        }
        Set<Long> seen = new HashSet<>();
        r.forEach(seen::add);
        assertEquals(1000, seen.size());
    }

    /** The original's copy-on-write map silently dropped writes after 100 failed CASes; nothing may be lost here. */
    @Test
    void noLostWriteUnderConcurrentWritersAndIteratingReaders() {
        LockFreeSessionRegistry<Long> r = new LockFreeSessionRegistry<>(16);
        int writers = 4;
        int perWriter = 5_000;
        AtomicBoolean done = new AtomicBoolean();
        Concurrently.run(writers + 1, t -> {
            if (t < writers) {
                try {
                    for (long i = 0; i < perWriter; i++) {
                        long id = i * writers + t;
                        assertNull(r.putIfAbsent(id, id));
                        if (i % 3 == 0) {
                            assertTrue(r.remove(id, id));
                            assertNull(r.put(id, id));
                        }
                    }
                } finally {
                    done.set(true);
                }
            } else {
                while (!done.get()) {
                    r.forEach(v -> {
                        if (v == null) {
                            throw new AssertionError("null value during iteration");
                        }
                    });
                }
            }
        });
        assertEquals(writers * perWriter, r.size());
        for (long id = 0; id < writers * perWriter; id++) {
            assertEquals(id, r.get(id));
        }
    }
}
