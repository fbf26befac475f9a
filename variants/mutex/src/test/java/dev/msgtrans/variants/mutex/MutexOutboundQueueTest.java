package dev.msgtrans.variants.mutex;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MutexOutboundQueueTest {

    @Test
    void aBurstFromTwoWritersCostsExactlyOneWakeUpUntilFlushDone() throws Exception {
        int perWriter = 10_000;
        MutexOutboundQueue<Integer> q = new MutexOutboundQueue<>(2 * perWriter);
        AtomicInteger wakeUps = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(2);
        Thread[] writers = new Thread[2];
        for (int w = 0; w < 2; w++) {
            int parity = w;
            writers[w] = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < perWriter; i++) {
                    if (q.offer(2 * i + parity) && q.requestFlush()) {
                        wakeUps.incrementAndGet();
                    }
                }
            });
            writers[w].start();
        }
        for (Thread t : writers) {
            t.join();
        }
        assertEquals(1, wakeUps.get());

        List<Integer> drained = new ArrayList<>();
        do {
            q.drain(drained::add, 1000);
        } while (!q.flushDone());
        assertEquals(2 * perWriter, drained.size());
        int[] last = {-1, -1};
        for (int x : drained) {
            assertTrue(x > last[x & 1], "per-writer order");
            last[x & 1] = x;
        }
        assertTrue(q.offer(-1));
        assertTrue(q.requestFlush(), "idle again after flushDone: the next offer wakes");
    }

    @Test
    void flushDoneReportsItemsThatArrivedAfterTheDrain() {
        MutexOutboundQueue<String> q = new MutexOutboundQueue<>(4);
        q.offer("a");
        assertTrue(q.requestFlush());
        List<String> out = new ArrayList<>();
        assertEquals(1, q.drain(out::add, 10));
        q.offer("b");
        assertFalse(q.requestFlush(), "still scheduled");
        assertFalse(q.flushDone(), "b is queued: the I/O thread must drain again");
        assertEquals(1, q.drain(out::add, 10));
        assertTrue(q.flushDone());
        assertEquals(List.of("a", "b"), out);
    }

    @Test
    void offerRefusesBeyondCapacityAndDrainHonoursItsLimit() {
        MutexOutboundQueue<Integer> q = new MutexOutboundQueue<>(3);
        assertTrue(q.offer(1));
        assertTrue(q.offer(2));
        assertTrue(q.offer(3));
        assertFalse(q.offer(4));
        List<Integer> out = new ArrayList<>();
        assertEquals(2, q.drain(out::add, 2));
        assertEquals(1, q.size());
        assertEquals(1, q.drain(out::add, 2));
        assertEquals(List.of(1, 2, 3), out);
    }
}
