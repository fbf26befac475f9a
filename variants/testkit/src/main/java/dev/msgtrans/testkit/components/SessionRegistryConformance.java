package dev.msgtrans.testkit.components;

import dev.msgtrans.core.spi.SessionRegistry;
import dev.msgtrans.core.spi.Variant;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SessionRegistry}: its contract from one thread, and no lost write, one putIfAbsent winner, and a weakly consistent forEach under contention. */
public final class SessionRegistryConformance {

    private SessionRegistryConformance() {
    }

    /** Every operation's result from one thread, including forEach with an action that removes its own entry. */
    public static void contract(Variant v) {
        SessionRegistry<String> r = v.newSessionRegistry(16);
        assertNull(r.get(1));
        assertEquals(0, r.size());
        assertNull(r.put(1, "a"));
        assertEquals("a", r.put(1, "b"), "put returns the previous value");
        assertEquals("b", r.get(1));
        assertEquals("b", r.putIfAbsent(1, "c"), "putIfAbsent on a present key returns it");
        assertEquals("b", r.get(1), "putIfAbsent on a present key changes nothing");
        assertNull(r.putIfAbsent(2, "c"));
        assertEquals(2, r.size());
        assertFalse(r.remove(2, "x"), "remove(id, expected) with another value");
        assertEquals("c", r.get(2));
        assertTrue(r.remove(2, new String("c")), "remove(id, expected) with an equal value");
        assertNull(r.remove(2));
        assertEquals("b", r.remove(1));
        assertEquals(0, r.size());

        Set<String> expected = new HashSet<>();
        for (long id = 0; id < 100; id++) {
            r.put(id, "s" + id);
            expected.add("s" + id);
        }
        Set<String> seen = new HashSet<>();
        AtomicInteger removedDuringForEach = new AtomicInteger();
        r.forEach(s -> {
            assertTrue(seen.add(s), "forEach visited " + s + " twice");
            if (r.remove(Long.parseLong(s.substring(1))) != null) {
                removedDuringForEach.incrementAndGet();
            }
        });
        assertEquals(expected, seen, "forEach visits every mapping once");
        assertEquals(100, removedDuringForEach.get());
        assertEquals(0, r.size());
    }

    /** Threads write disjoint, interleaved keys at once; every write must be there after; then they remove them all. */
    public static void noLostWrite(Variant v, StressLoad load) {
        String check = "registry-no-lost-write[" + v.alias() + "]";
        SessionRegistry<Long> r = v.newSessionRegistry(16);
        int t = load.threads();
        int m = load.opsPerThread();
        long deadline = load.deadlineNanos();
        // Interleaved ownership (key % threads) puts neighbouring keys, hence the same shards and buckets, under
        // different writers.
        Contenders.run(check, t, deadline, (i, race) -> {
            for (long k = i; k < (long) t * m; k += t) {
                if (r.put(k, k) != null) {
                    throw race.fail("put of the fresh key " + k + " returned a previous value");
                }
            }
        });
        int missing = 0;
        long firstMissing = -1;
        for (long k = 0; k < (long) t * m; k++) {
            Long got = r.get(k);
            if (got == null || got != k) {
                missing++;
                firstMissing = firstMissing < 0 ? k : firstMissing;
            }
        }
        assertEquals(0, missing, check + ": writes lost (first missing key " + firstMissing + ")");
        assertEquals(t * m, r.size(), check + ": size after all puts");

        Contenders.run(check, t, deadline, (i, race) -> {
            for (long k = i; k < (long) t * m; k += t) {
                Long got = r.remove(k);
                if (got == null || got != k) {
                    throw race.fail("remove of key " + k + " returned " + got);
                }
            }
        });
        assertEquals(0, r.size(), check + ": size after all removes");
    }

    /** Threads race putIfAbsent over the same keys in the same order: exactly one winner per key, and every loser sees the winner's value. */
    public static void putIfAbsentOneWinner(Variant v, StressLoad load) {
        String check = "registry-putIfAbsent-one-winner[" + v.alias() + "]";
        SessionRegistry<Integer> r = v.newSessionRegistry(16);
        int t = load.threads();
        int m = load.opsPerThread();
        AtomicIntegerArray winners = new AtomicIntegerArray(m);
        int[][] seen = new int[t][m];
        Contenders.run(check, t, load.deadlineNanos(), (i, race) -> {
            Integer token = i;
            for (int k = 0; k < m; k++) {
                Integer prev = r.putIfAbsent(k, token);
                if (prev == null) {
                    winners.incrementAndGet(k);
                    seen[i][k] = i;
                } else {
                    seen[i][k] = prev;
                }
            }
        });
        for (int k = 0; k < m; k++) {
            assertEquals(1, winners.get(k), check + ": winners for key " + k);
            Integer value = r.get(k);
            for (int i = 0; i < t; i++) {
                assertEquals(value.intValue(), seen[i][k], check + ": thread " + i + " saw another value than the mapping of key " + k);
            }
        }
        assertEquals(m, r.size(), check + ": size");
    }

    /** forEach while other threads churn other keys: it sees every stable mapping every time, and never throws. */
    public static void forEachWeaklyConsistent(Variant v, StressLoad load) {
        String check = "registry-forEach-weakly-consistent[" + v.alias() + "]";
        SessionRegistry<Long> r = v.newSessionRegistry(16);
        int stable = Math.max(64, load.opsPerThread() / 10);
        for (long k = 0; k < stable; k++) {
            r.put(k, k);
        }
        int churners = load.threads() - 1;
        AtomicInteger churning = new AtomicInteger(churners);
        Contenders.run(check, load.threads(), load.deadlineNanos(), (i, race) -> {
            if (i < churners) {
                try {
                    for (long n = 0; n < load.opsPerThread(); n++) {
                        long k = stable + n * churners + i;
                        r.put(k, k);
                        r.remove(k);
                    }
                } finally {
                    churning.decrementAndGet();
                }
            } else {
                do {
                    long[] count = {0};
                    r.forEach(val -> {
                        if (val < stable) {
                            count[0]++;
                        }
                    });
                    if (count[0] != stable) {
                        throw race.fail("forEach saw " + count[0] + " of the " + stable + " mappings present throughout");
                    }
                } while (churning.get() > 0);
            }
        });
        assertEquals(stable, r.size(), check + ": size after the churn");
        for (long k = 0; k < stable; k++) {
            assertEquals(Long.valueOf(k), r.get(k), check + ": stable key " + k);
        }
    }
}
