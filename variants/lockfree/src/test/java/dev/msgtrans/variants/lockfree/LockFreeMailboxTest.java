package dev.msgtrans.variants.lockfree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LockFreeMailboxTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 8, 100})
    void capacityIsEnforcedExactlyEvenWhenNotAPowerOfTwo(int capacity) {
        LockFreeMailbox<Integer> box = new LockFreeMailbox<>(capacity);
        assertEquals(capacity, box.capacity());
        for (int i = 0; i < capacity; i++) {
            assertTrue(box.offer(i), "offer " + i);
        }
        assertFalse(box.offer(-1), "offer beyond the requested capacity");
        assertEquals(capacity, box.size());
        assertEquals(0, box.poll());
        assertTrue(box.offer(capacity), "room again after a poll");
        assertFalse(box.offer(-1));
    }

    @Test
    void fifoAndEmptyIsNull() {
        LockFreeMailbox<String> box = new LockFreeMailbox<>(4);
        assertNull(box.poll());
        assertTrue(box.isEmpty());
        box.offer("a");
        box.offer("b");
        assertEquals("a", box.poll());
        assertEquals("b", box.poll());
        assertNull(box.poll());
    }

    @Test
    void rejectsNonPositiveCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new LockFreeMailbox<>(0));
    }

    @Test
    void perProducerOrderWithThreeProducersAndOneConsumer() {
        int producers = 3;
        int perProducer = 20_000;
        LockFreeMailbox<long[]> box = new LockFreeMailbox<>(100); // small and not a power of two: full is frequent
        AtomicBoolean bad = new AtomicBoolean();
        Concurrently.run(producers + 1, t -> {
            if (t < producers) {
                for (int i = 0; i < perProducer; i++) {
                    long[] m = {t, i};
                    while (!box.offer(m)) {
                        Thread.yield();
                    }
                }
            } else {
                int[] next = new int[producers];
                int got = 0;
                while (got < producers * perProducer) {
                    long[] m = box.poll();
                    if (m == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    if (box.size() > box.capacity()) {
                        bad.set(true);
                    }
                    if (m[1] != next[(int) m[0]]++) {
                        bad.set(true);
                    }
                    got++;
                }
            }
        });
        assertFalse(bad.get(), "a producer's messages were reordered, or the bound was exceeded");
        assertNull(box.poll());
    }
}
