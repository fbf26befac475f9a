package dev.msgtrans.variants.lockfree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msgtrans.core.spi.Tuning;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoundedGrowableMpscQueueTest {

    /** Every bound, power of two or not, below, at and above the start slots: exact, and again after a wrap. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 100, 1000, 1023, 1024, 1025, 4096})
    void boundIsExactAtAnyCapacity(int bound) {
        BoundedGrowableMpscQueue<Integer> q = new BoundedGrowableMpscQueue<>(bound, Tuning.MAILBOX_INITIAL_SLOTS);
        assertEquals(bound, q.capacity());
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < bound; i++) {
                assertTrue(q.offer(i), "offer " + i + " of " + bound + " refused below the bound");
            }
            assertFalse(q.offer(-1), "offer beyond the bound " + bound);
            assertEquals(bound, q.size());
            assertTrue(q.arraySlots() <= Math.max(4, Integer.highestOneBit(2 * bound - 1)),
                    "grew past the bound's power of two: " + q.arraySlots());
            assertEquals(0, q.poll());
            assertTrue(q.offer(bound), "room again after a poll");
            assertFalse(q.offer(-1));
            int[] next = {1};
            int n = q.drain(x -> assertEquals(next[0]++, x), Integer.MAX_VALUE);
            assertEquals(bound, n);
            assertTrue(q.isEmpty());
            assertNull(q.poll());
        }
    }

    @Test
    void startsAtTheTuningSlotsAndGrowsOnDemand() {
        BoundedGrowableMpscQueue<Integer> q = new BoundedGrowableMpscQueue<>(1024, Tuning.MAILBOX_INITIAL_SLOTS);
        assertEquals(Tuning.MAILBOX_INITIAL_SLOTS, q.arraySlots(), "starts at the shared initial slots");
        for (int i = 0; i < 100; i++) {
            assertTrue(q.offer(i));
        }
        // Arrays are linked, not copied: 15 + 31 + 63 slots (one each links the next) hold the 100 until drained.
        assertEquals(64, q.arraySlots(), "grew by doubling, only as far as 100 items need");
        for (int i = 0; i < 100; i++) {
            assertEquals(i, q.poll(), "FIFO across the linked arrays");
        }
    }

    @Test
    void aBoundBelowTheStartSlotsStartsBelowIt() {
        assertEquals(4, new BoundedGrowableMpscQueue<>(5, 16).arraySlots());
        assertEquals(2, new BoundedGrowableMpscQueue<>(1, 16).arraySlots());
        assertEquals(8, new BoundedGrowableMpscQueue<>(16, 16).arraySlots(), "JCTools needs room to grow once");
    }

    @Test
    void theVariantsQueuesStartAtTheirTuningSlots() {
        assertEquals(Tuning.MAILBOX_INITIAL_SLOTS, new LockFreeMailbox<>(1024).arraySlots());
        assertEquals(Tuning.OUTBOUND_INITIAL_SLOTS, new LockFreeOutboundQueue<>(4096).arraySlots());
    }

    /** The consumer lags in an array the producers have left behind: the bound still counts what it has not taken. */
    @Test
    void keepsTheBoundWhileTheConsumerIsBehindInAnOlderArray() {
        int bound = 50;
        BoundedGrowableMpscQueue<Integer> q = new BoundedGrowableMpscQueue<>(bound, Tuning.EVENT_BUFFER_INITIAL_SLOTS);
        int next = 0;
        int expect = 0;
        for (int round = 0; round < 200; round++) {
            while (q.offer(next)) {
                next++;
            }
            assertEquals(bound, next - expect, "held after filling, round " + round);
            for (int i = 0; i < 1 + round % 7; i++) {
                assertEquals(expect++, q.poll());
            }
        }
    }

    /**
     * Producers race to fill an empty queue through every resize, small bounds included: exactly the bound is
     * admitted, never more.
     */
    @Test
    void concurrentProducersAreAdmittedUpToTheBoundExactly() {
        int producers = 4;
        for (int round = 0; round < 200; round++) {
            int bound = 1 + round % 70;
            BoundedGrowableMpscQueue<Integer> q =
                    new BoundedGrowableMpscQueue<>(bound, Tuning.EVENT_BUFFER_INITIAL_SLOTS);
            AtomicInteger accepted = new AtomicInteger();
            Concurrently.run(producers, t -> {
                int mine = 0;
                for (int i = 0; i < bound; i++) {
                    if (q.offer(i)) {
                        mine++;
                    }
                }
                accepted.addAndGet(mine);
            });
            assertEquals(bound, accepted.get(), "bound " + bound + ", round " + round);
            assertEquals(bound, q.size());
        }
    }

    /** Producers fill and the consumer drains across many growths and wraps: the bound is never exceeded. */
    @Test
    void boundHoldsUnderThreeProducers() {
        int producers = 3;
        int perProducer = 20_000;
        BoundedGrowableMpscQueue<long[]> q = new BoundedGrowableMpscQueue<>(37, 4);
        AtomicBoolean bad = new AtomicBoolean();
        Concurrently.run(producers + 1, t -> {
            if (t < producers) {
                for (int i = 0; i < perProducer; i++) {
                    long[] m = {t, i};
                    while (!q.offer(m)) {
                        Thread.yield();
                    }
                }
            } else {
                int[] next = new int[producers];
                int got = 0;
                while (got < producers * perProducer) {
                    long[] m = q.poll();
                    if (m == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    // poll took one: at most bound - 1 can be left, whatever the producers did meanwhile
                    long claimed = q.currentProducerIndex() - q.currentConsumerIndex();
                    if (claimed > q.capacity() || m[1] != next[(int) m[0]]++) {
                        bad.set(true);
                    }
                    got++;
                }
            }
        });
        assertFalse(bad.get(), "a producer's items were reordered, or the bound was exceeded");
        assertTrue(q.isEmpty());
    }
}
