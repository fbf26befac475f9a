package dev.msgtrans.variants.cow;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The original's bug was a write dropped after 100 failed CASes; these tests aim every thread at one shard so
 * CASes fail all the time, and count what survives.
 */
class CowShardedMapTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 2_000;

    /** Keys that all fall into shard 0, the most contended shard possible. */
    private static long[] sameShardKeys(int n) {
        long[] keys = new long[n];
        int found = 0;
        for (long k = 0; found < n; k++) {
            if (CowShardedMap.shardOf(k) == 0) {
                keys[found++] = k;
            }
        }
        return keys;
    }

    /** Starts every task at once and rethrows the first failure. */
    private static void race(int threads, IntTask task) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    task.run(id);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "cow-test-" + t);
            th.start();
            ts.add(th);
        }
        start.countDown();
        for (Thread th : ts) {
            th.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a racing thread failed", failure.get());
        }
    }

    @FunctionalInterface
    private interface IntTask {
        void run(int threadId) throws Exception;
    }

    @Test
    void sequentialSemantics() {
        CowShardedMap<String> m = new CowShardedMap<>();
        assertNull(m.put(1, "a"));
        assertEquals("a", m.put(1, "b"));
        assertEquals("b", m.putIfAbsent(1, "c"));
        assertNull(m.putIfAbsent(2, "c"));
        assertFalse(m.remove(2, "x"));
        assertTrue(m.remove(2, "c"));
        assertNull(m.remove(2));
        assertEquals(1, m.size());
        assertEquals("b", m.remove(1));
        assertEquals(0, m.size());
    }

    @Test
    void concurrentPutsToOneShardLoseNothing() throws InterruptedException {
        long[] keys = sameShardKeys(THREADS * PER_THREAD);
        CowShardedMap<Long> m = new CowShardedMap<>();
        // Interleaved key ownership: every thread writes into the same shard at the same time, each its own keys.
        race(THREADS, t -> {
            for (int i = t; i < keys.length; i += THREADS) {
                assertNull(m.put(keys[i], (long) t));
            }
        });
        assertEquals(keys.length, m.size());
        for (int i = 0; i < keys.length; i++) {
            assertEquals(Long.valueOf(i % THREADS), m.get(keys[i]), "key " + keys[i]);
        }
    }

    @Test
    void putIfAbsentHasExactlyOneWinnerPerKey() throws InterruptedException {
        long[] keys = sameShardKeys(PER_THREAD);
        CowShardedMap<Integer> m = new CowShardedMap<>();
        AtomicIntegerArray winners = new AtomicIntegerArray(keys.length);
        AtomicIntegerArray winner = new AtomicIntegerArray(keys.length);
        race(THREADS, t -> {
            for (int i = 0; i < keys.length; i++) {
                Integer seen = m.putIfAbsent(keys[i], t);
                if (seen == null) {
                    winners.incrementAndGet(i);
                    winner.set(i, t);
                }
            }
        });
        for (int i = 0; i < keys.length; i++) {
            assertEquals(1, winners.get(i), "winners of key " + keys[i]);
            assertEquals(winner.get(i), m.get(keys[i]));
        }
    }

    @Test
    void removeRacingGetAndRemoveGivesEachValueOnce() throws InterruptedException {
        long[] keys = sameShardKeys(PER_THREAD);
        CowShardedMap<Long> m = new CowShardedMap<>();
        for (long k : keys) {
            m.put(k, k);
        }
        AtomicIntegerArray removedBy = new AtomicIntegerArray(keys.length);
        // Two removers and two readers on the same keys: a reader sees the value or null, never anything else,
        // and each value is returned by exactly one remove.
        race(THREADS, t -> {
            for (int i = 0; i < keys.length; i++) {
                if (t < 2) {
                    Long v = m.remove(keys[i]);
                    if (v != null) {
                        assertEquals(keys[i], v.longValue());
                        removedBy.incrementAndGet(i);
                    }
                } else {
                    Long v = m.get(keys[i]);
                    assertTrue(v == null || v == keys[i], "get saw a foreign value " + v);
                }
            }
        });
        for (int i = 0; i < keys.length; i++) {
            assertEquals(1, removedBy.get(i), "removes returning key " + keys[i]);
            assertNull(m.get(keys[i]));
        }
        assertEquals(0, m.size());
    }

    @Test
    void forEachSeesEveryStableKeyWhileOthersChurn() throws InterruptedException {
        long[] keys = sameShardKeys(2 * PER_THREAD);
        CowShardedMap<Long> m = new CowShardedMap<>();
        int stable = PER_THREAD;
        for (int i = 0; i < stable; i++) {
            m.put(keys[i], keys[i]);
        }
        race(2, t -> {
            if (t == 0) {
                for (int i = stable; i < keys.length; i++) {
                    m.put(keys[i], keys[i]);
                    m.remove(keys[i]);
                }
            } else {
                for (int round = 0; round < 50; round++) {
                    int[] seen = {0};
                    m.forEach(v -> {
                        if (v <= keys[stable - 1]) {
                            seen[0]++;
                        }
                    });
                    assertEquals(stable, seen[0], "stable keys seen by forEach");
                }
            }
        });
    }
}
