package dev.msgtrans.variants.mutex;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MutexSessionRegistryTest {

    private final MutexSessionRegistry<String> r = new MutexSessionRegistry<>(4);

    @Test
    void putGetRemoveFollowMapSemantics() {
        assertNull(r.put(1, "a"));
        assertEquals("a", r.put(1, "b"));
        assertEquals("b", r.get(1));
        assertNull(r.get(2));
        assertEquals(1, r.size());
        assertEquals("b", r.remove(1));
        assertNull(r.remove(1));
        assertEquals(0, r.size());
    }

    @Test
    void putIfAbsentKeepsTheFirstValue() {
        assertNull(r.putIfAbsent(7, "first"));
        assertEquals("first", r.putIfAbsent(7, "second"));
        assertEquals("first", r.get(7));
    }

    @Test
    void conditionalRemoveOnlyRemovesTheExpectedValue() {
        r.put(3, "x");
        assertFalse(r.remove(3, "y"));
        assertEquals("x", r.get(3));
        assertTrue(r.remove(3, new String("x")), "equal but not identical must match");
        assertNull(r.get(3));
    }

    @Test
    void forEachRunsOnASnapshotSoTheActionMayChangeTheRegistry() {
        for (long i = 0; i < 100; i++) {
            r.put(i, "s" + i);
        }
        List<String> seen = new ArrayList<>();
        r.forEach(v -> {
            seen.add(v);
            r.remove(Long.parseLong(v.substring(1)));
            r.put(1000 + seen.size(), "new");
        });
        assertEquals(100, seen.size());
        assertEquals(100, r.size());
        assertNull(r.get(0));
    }

    @Test
    void nullValuesAreRefused() {
        assertThrows(NullPointerException.class, () -> r.put(1, null));
        assertThrows(NullPointerException.class, () -> r.putIfAbsent(1, null));
    }
}
