package dev.msgtrans.variants.lockfree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msgtrans.core.spi.Tuning;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExactMpscGrowableQueueTest {

    private static final int INITIAL = Tuning.EVENT_BUFFER_INITIAL_SLOTS;

    @Test
    void holdsExactlyTheBoundWhetherOrNotItIsAPowerOfTwo() {
        for (int bound : new int[] {INITIAL + 1, 20, 31, 32, 33, 100, 1000, 1024}) {
            ExactMpscGrowableQueue<Integer> q = new ExactMpscGrowableQueue<>(INITIAL, bound);
            assertEquals(bound, q.capacity());
            int accepted = 0;
            while (q.offer(accepted)) {
                accepted++;
            }
            assertEquals(bound, accepted, "bound " + bound);
            assertEquals(bound, q.size());
            assertEquals(0, q.poll());
            assertTrue(q.offer(-1), "room for one after one poll, bound " + bound);
            assertFalse(q.offer(-2), "and for no more, bound " + bound);
            for (int i = 1; i < bound; i++) {
                assertEquals(i, q.poll(), "FIFO across the arrays it grew through");
            }
            assertEquals(-1, q.poll());
            assertNull(q.poll());
        }
    }

    @Test
    void keepsTheBoundWhileTheConsumerIsBehindInAnOlderArray() {
        int bound = 50;
        ExactMpscGrowableQueue<Integer> q = new ExactMpscGrowableQueue<>(INITIAL, bound);
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

    @Test
    void refusesAStartItCannotGrowFrom() {
        assertFalse(ExactMpscGrowableQueue.canGrow(16, 16));
        assertFalse(ExactMpscGrowableQueue.canGrow(12, 15));
        assertTrue(ExactMpscGrowableQueue.canGrow(16, 17));
        assertThrows(IllegalArgumentException.class, () -> new ExactMpscGrowableQueue<>(16, 16));
    }

    /** Producers race to fill an empty queue through every resize: exactly the bound is admitted, never more. */
    @Test
    void concurrentProducersAreAdmittedUpToTheBoundExactly() {
        int producers = 4;
        for (int round = 0; round < 200; round++) {
            int bound = INITIAL + 1 + round % 70;
            ExactMpscGrowableQueue<Integer> q = new ExactMpscGrowableQueue<>(INITIAL, bound);
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

    /** Producers retry while one consumer polls: every element arrives once, in each producer's order. */
    @Test
    void conservesEveryElementInProducerOrderWhileGrowing() {
        int producers = 3;
        int perProducer = 20_000;
        ExactMpscGrowableQueue<Long> q = new ExactMpscGrowableQueue<>(INITIAL, 100);
        long[] next = new long[producers];
        AtomicInteger received = new AtomicInteger();
        Concurrently.run(producers + 1, t -> {
            if (t < producers) {
                for (long s = 0; s < perProducer; s++) {
                    Long item = ((long) t << 32) | s;
                    while (!q.offer(item)) {
                        Thread.onSpinWait();
                    }
                }
            } else {
                int total = producers * perProducer;
                while (received.get() < total) {
                    Long item = q.poll();
                    if (item == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    int p = (int) (item >>> 32);
                    long s = item & 0xffff_ffffL;
                    assertEquals(next[p], s, "producer " + p);
                    next[p] = s + 1;
                    received.incrementAndGet();
                }
            }
        });
        assertNull(q.poll());
        for (int p = 0; p < producers; p++) {
            assertEquals(perProducer, next[p]);
        }
    }
}
