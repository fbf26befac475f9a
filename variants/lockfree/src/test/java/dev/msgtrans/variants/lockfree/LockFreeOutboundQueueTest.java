package dev.msgtrans.variants.lockfree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LockFreeOutboundQueueTest {

    @Test
    void aBurstOfOffersCostsOneWakeUp() {
        LockFreeOutboundQueue<Integer> q = new LockFreeOutboundQueue<>(64);
        int wakeUps = 0;
        for (int i = 0; i < 50; i++) {
            assertTrue(q.offer(i));
            if (q.requestFlush()) {
                wakeUps++;
            }
        }
        assertEquals(1, wakeUps);
        List<Integer> out = new ArrayList<>();
        assertEquals(32, q.drain(out::add, 32));
        assertEquals(18, q.drain(out::add, 32));
        assertTrue(q.flushDone(), "idle after everything was drained");
        for (int i = 0; i < 50; i++) {
            assertEquals(i, out.get(i));
        }
        assertTrue(q.offer(99));
        assertTrue(q.requestFlush(), "idle again, so the next offer wakes the I/O thread");
    }

    @Test
    void flushDoneReportsItemsThatArrivedDuringTheDrain() {
        LockFreeOutboundQueue<String> q = new LockFreeOutboundQueue<>(8);
        q.offer("a");
        assertTrue(q.requestFlush());
        q.drain(x -> { }, 8);
        q.offer("b");
        assertFalse(q.requestFlush(), "still scheduled: the I/O thread has not called flushDone yet");
        assertFalse(q.flushDone(), "b is queued, so the I/O thread must drain again");
        assertFalse(q.requestFlush(), "flushDone took the schedule back");
        assertEquals(1, q.drain(x -> { }, 8));
        assertTrue(q.flushDone());
    }

    @Test
    void capacityIsExact() {
        LockFreeOutboundQueue<Integer> q = new LockFreeOutboundQueue<>(3);
        assertTrue(q.offer(1) && q.offer(2) && q.offer(3));
        assertFalse(q.offer(4));
        assertEquals(3, q.capacity());
        assertEquals(3, q.size());
    }

    /**
     * The engine's protocol, with the I/O thread's wake-up as a semaphore: every offered item is drained exactly
     * once and in order, however flushDone interleaves with the writers; a stranded item would leave the I/O
     * thread waiting for a wake-up that never comes.
     */
    @Test
    void noItemIsStrandedWhenFlushDoneRacesOffers() {
        for (int round = 0; round < 200; round++) {
            LockFreeOutboundQueue<int[]> q = new LockFreeOutboundQueue<>(16);
            Semaphore wake = new Semaphore(0);
            int writers = 2;
            int perWriter = 500;
            AtomicInteger wakeUps = new AtomicInteger();
            int[] next = new int[writers];
            int[] drained = new int[1];
            boolean[] disorder = new boolean[1];
            Concurrently.run(writers + 1, t -> {
                if (t < writers) {
                    for (int i = 0; i < perWriter; i++) {
                        int[] item = {t, i};
                        while (!q.offer(item)) {
                            Thread.yield();
                        }
                        if (q.requestFlush()) {
                            wakeUps.incrementAndGet();
                            wake.release();
                        }
                    }
                } else {
                    while (drained[0] < writers * perWriter) {
                        if (!wake.tryAcquire(Concurrently.LIVENESS_SECONDS, TimeUnit.SECONDS)) {
                            throw new AssertionError("stranded: " + q.size() + " items queued, nobody scheduled");
                        }
                        do {
                            q.drain(item -> {
                                if (item[1] != next[item[0]]++) {
                                    disorder[0] = true;
                                }
                                drained[0]++;
                            }, 8);
                        } while (!q.flushDone());
                    }
                }
            });
            assertFalse(disorder[0], "a writer's items were reordered");
            assertEquals(writers * perWriter, drained[0]);
            assertTrue(wakeUps.get() <= writers * perWriter);
            assertTrue(q.offer(new int[] {0, 0}));
            assertTrue(q.requestFlush(), "the queue ended idle");
        }
    }
}
