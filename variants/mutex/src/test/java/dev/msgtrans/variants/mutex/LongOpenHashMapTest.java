package dev.msgtrans.variants.mutex;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LongOpenHashMapTest {

    /** The map's home slot, recomputed here so that tests can build collisions on purpose. */
    private static int home(long key, int capacity) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(capacity)));
    }

    /** {@code n} distinct keys whose home slot is {@code slot} in a table of {@code capacity}. */
    private static long[] keysAt(int slot, int capacity, int n) {
        long[] out = new long[n];
        int found = 0;
        for (long k = 1; found < n; k++) {
            if (home(k, capacity) == slot) {
                out[found++] = k;
            }
        }
        return out;
    }

    /** Checks every mapping of {@code model} is found and the sizes agree, and every probe run is intact. */
    private static void assertSameAs(Map<Long, String> model, LongOpenHashMap<String> m) {
        assertEquals(model.size(), m.size());
        for (Map.Entry<Long, String> e : model.entrySet()) {
            assertEquals(e.getValue(), m.get(e.getKey()), "key " + e.getKey());
        }
        Map<Long, String> seen = new HashMap<>();
        m.forEach((k, v) -> assertNull(seen.put(k, v), "key " + k + " iterated twice"));
        assertEquals(model, seen);
    }

    @Test
    void putGetRemoveFollowMapSemantics() {
        LongOpenHashMap<String> m = new LongOpenHashMap<>();
        assertTrue(m.isEmpty());
        assertNull(m.put(1, "a"));
        assertEquals("a", m.put(1, "b"));
        assertEquals("b", m.get(1));
        assertTrue(m.containsKey(1));
        assertNull(m.get(2));
        assertFalse(m.containsKey(2));
        assertEquals(1, m.size());
        assertEquals("b", m.remove(1));
        assertNull(m.remove(1));
        assertEquals(0, m.size());
        assertTrue(m.isEmpty());
    }

    @Test
    void zeroNegativeAndExtremeKeysAreOrdinaryKeys() {
        LongOpenHashMap<String> m = new LongOpenHashMap<>();
        long[] ks = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, (7L << 32) | 3};
        for (long k : ks) {
            assertNull(m.put(k, "v" + k));
        }
        for (long k : ks) {
            assertEquals("v" + k, m.get(k));
        }
        assertEquals("v0", m.remove(0));
        assertNull(m.get(0));
        assertEquals(ks.length - 1, m.size());
    }

    @Test
    void putIfAbsentKeepsTheFirstValue() {
        LongOpenHashMap<String> m = new LongOpenHashMap<>();
        assertNull(m.putIfAbsent(7, "first"));
        assertEquals("first", m.putIfAbsent(7, "second"));
        assertEquals("first", m.get(7));
        assertEquals(1, m.size());
    }

    @Test
    void nullValuesAreRefused() {
        LongOpenHashMap<String> m = new LongOpenHashMap<>();
        assertThrows(NullPointerException.class, () -> m.put(1, null));
        assertThrows(NullPointerException.class, () -> m.putIfAbsent(1, null));
        assertEquals(0, m.size());
        assertThrows(IllegalArgumentException.class, () -> new LongOpenHashMap<String>(-1));
    }

    @Test
    void conditionalRemoveComparesByIdentityOrEquals() {
        LongOpenHashMap<String> m = new LongOpenHashMap<>();
        String x = new String("x");
        m.put(3, x);
        assertFalse(m.remove(3, "y"));
        assertFalse(m.remove(3, null));
        assertFalse(m.remove(4, "x"));
        assertEquals(1, m.size());
        assertTrue(m.remove(3, new String("x")), "an equal value is removed, as HashMap does");
        assertNull(m.get(3));
        m.put(3, x);
        assertTrue(m.remove(3, x), "the identical value is removed");
        assertEquals(0, m.size());
    }

    @Test
    void sizingKeepsTheTableAtMostHalfFull() {
        assertEquals(8, LongOpenHashMap.capacityFor(0));
        assertEquals(8, LongOpenHashMap.capacityFor(4));
        assertEquals(16, LongOpenHashMap.capacityFor(5));
        assertEquals(2048, LongOpenHashMap.capacityFor(1024));
        assertEquals(1 << 30, LongOpenHashMap.capacityFor(Integer.MAX_VALUE));
        LongOpenHashMap<String> m = new LongOpenHashMap<>(100);
        int capacity = m.capacity();
        assertEquals(256, capacity);
        for (int i = 0; i < 100; i++) {
            m.put(i, "v");
        }
        assertEquals(capacity, m.capacity(), "the expected size fits without a resize");
    }

    @Test
    void resizeKeepsEveryMappingAndNeverShrinks() {
        LongOpenHashMap<String> m = new LongOpenHashMap<>();
        Map<Long, String> model = new HashMap<>();
        assertEquals(8, m.capacity());
        for (long k = 0; k < 1000; k++) {
            long key = k * 31 - 500; // negative and positive keys
            m.put(key, "v" + key);
            model.put(key, "v" + key);
            assertTrue(m.size() <= m.capacity() / 2, "at most half full after " + m.size());
        }
        assertEquals(2048, m.capacity());
        assertSameAs(model, m);
        for (Long k : new ArrayList<>(model.keySet())) {
            assertEquals(model.remove(k), m.remove(k));
        }
        assertEquals(0, m.size());
        assertEquals(2048, m.capacity(), "no shrink after a peak");
        m.put(5, "again");
        assertEquals("again", m.get(5));
    }

    @Test
    void removingTheHeadOfACollisionRunKeepsTheRestReachable() {
        LongOpenHashMap<String> m = new LongOpenHashMap<>(); // 8 slots, holds 4
        long[] same = keysAt(2, 8, 3);
        for (long k : same) {
            m.put(k, "v" + k);
        }
        assertEquals("v" + same[0], m.remove(same[0]));
        assertEquals("v" + same[1], m.get(same[1]), "shifted back into the hole");
        assertEquals("v" + same[2], m.get(same[2]));
        assertEquals("v" + same[1], m.remove(same[1]));
        assertEquals("v" + same[2], m.get(same[2]));
        assertEquals(1, m.size());
    }

    @Test
    void backwardShiftLeavesEntriesThatAreAlreadyHome() {
        LongOpenHashMap<String> m = new LongOpenHashMap<>();
        long a = keysAt(2, 8, 1)[0];
        long[] b = keysAt(3, 8, 2); // b[0] sits home at 3, b[1] is pushed to 4
        long a2 = keysAt(2, 8, 2)[1]; // would have gone to 3 but finds it taken: lands at 5
        m.put(a, "a");
        m.put(b[0], "b0");
        m.put(b[1], "b1");
        m.put(a2, "a2");
        // Removing a (slot 2): b0 (home 3) and b1 (home 3) must not move to 2, a2 (home 2) must.
        assertEquals("a", m.remove(a));
        assertEquals("b0", m.get(b[0]));
        assertEquals("b1", m.get(b[1]));
        assertEquals("a2", m.get(a2));
        Map<Long, String> model = new HashMap<>(Map.of(b[0], "b0", b[1], "b1", a2, "a2"));
        assertSameAs(model, m);
    }

    @Test
    void probeRunsThatWrapAroundTheEndOfTheTable() {
        LongOpenHashMap<String> m = new LongOpenHashMap<>();
        long[] last = keysAt(7, 8, 3); // slot 7, then 0 and 1 after the wrap
        long first = keysAt(0, 8, 1)[0];
        for (long k : last) {
            m.put(k, "v" + k);
        }
        assertEquals(8, m.capacity());
        assertEquals("v" + last[0], m.remove(last[0]));
        assertEquals("v" + last[1], m.get(last[1]));
        assertEquals("v" + last[2], m.get(last[2]));
        m.put(first, "first");
        assertEquals("v" + last[1], m.remove(last[1]));
        assertEquals("v" + last[2], m.get(last[2]));
        assertEquals("first", m.get(first));
        assertEquals(2, m.size());
    }

    @Test
    void randomOperationsAgreeWithHashMap() {
        SplittableRandom rnd = new SplittableRandom(14);
        for (int round = 0; round < 20; round++) {
            LongOpenHashMap<String> m = new LongOpenHashMap<>(round % 3 == 0 ? 0 : 16);
            Map<Long, String> model = new HashMap<>();
            int range = 8 + rnd.nextInt(200); // small key ranges: dense runs and many collisions
            for (int op = 0; op < 5_000; op++) {
                long k = rnd.nextInt(range) - range / 4;
                String v = "v" + op;
                switch (rnd.nextInt(6)) {
                    case 0, 1 -> assertEquals(model.put(k, v), m.put(k, v));
                    case 2 -> assertEquals(model.putIfAbsent(k, v), m.putIfAbsent(k, v));
                    case 3, 4 -> assertEquals(model.remove(k), m.remove(k));
                    default -> {
                        String cur = model.get(k);
                        Object expected = cur != null && rnd.nextBoolean() ? cur : "other";
                        assertEquals(model.remove(k, expected), m.remove(k, expected));
                    }
                }
                assertEquals(model.size(), m.size());
            }
            assertSameAs(model, m);
        }
    }

    @Test
    void churnOfGrowingIdsKeepsTheTableSmall() {
        // Ids only grow and each is removed soon after: no tombstones, so the table stays at its first size.
        LongOpenHashMap<String> m = new LongOpenHashMap<>(16);
        int capacity = m.capacity();
        for (long id = 0; id < 100_000; id++) {
            m.put(id, "s");
            if (id >= 10) {
                assertEquals("s", m.remove(id - 10));
            }
        }
        assertEquals(10, m.size());
        assertEquals(capacity, m.capacity());
        for (long id = 100_000 - 10; id < 100_000; id++) {
            assertEquals("s", m.get(id));
        }
    }

    @Test
    void forEachVisitsEveryMappingOnceAndRefusesChangesDuringIt() {
        LongOpenHashMap<String> m = new LongOpenHashMap<>();
        Map<Long, String> model = new HashMap<>();
        for (long k = -20; k < 20; k++) {
            m.put(k, "v" + k);
            model.put(k, "v" + k);
        }
        assertSameAs(model, m);
        assertThrows(ConcurrentModificationException.class, () -> m.forEach((k, v) -> m.remove(k)));
        assertThrows(ConcurrentModificationException.class, () -> m.forEach((k, v) -> m.put(k + 1000, v)));
        LongOpenHashMap<String> other = new LongOpenHashMap<>();
        other.put(1, "one");
        other.forEach((k, v) -> other.put(k, "replaced")); // replacing a value is not a structural change
        assertEquals("replaced", other.get(1));
    }

    @Test
    void valuesToArrayIsASnapshotOfSizeLength() {
        LongOpenHashMap<String> m = new LongOpenHashMap<>();
        assertArrayEquals(new Object[0], m.valuesToArray());
        List<String> expected = new ArrayList<>();
        for (long k = 0; k < 50; k++) {
            m.put(k, "v" + k);
            expected.add("v" + k);
        }
        Object[] snapshot = m.valuesToArray();
        assertEquals(50, snapshot.length);
        List<Object> got = new ArrayList<>(List.of(snapshot));
        got.sort(null);
        expected.sort(null);
        assertEquals(expected, got);
        m.remove(0);
        assertEquals(50, snapshot.length, "the snapshot does not follow the map");
    }

    @Test
    void clearEmptiesButKeepsTheTable() {
        LongOpenHashMap<String> m = new LongOpenHashMap<>();
        for (long k = 0; k < 100; k++) {
            m.put(k, "v");
        }
        int capacity = m.capacity();
        String kept = "kept";
        m.clear();
        assertEquals(0, m.size());
        assertNull(m.get(5));
        assertEquals(capacity, m.capacity());
        m.put(5, kept);
        assertSame(kept, m.get(5));
    }
}
