package dev.msgtrans.testkit.components;

import dev.msgtrans.core.spi.OutboundQueue;
import dev.msgtrans.core.spi.Variant;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OutboundQueue}: bounded FIFO, drain limits and the wake-up coalescing protocol from one thread; and under
 * several writers and one I/O thread, conservation with per-writer order, one pending wake-up at most, and no item
 * stranded when the writers stop.
 */
public final class OutboundQueueConformance {

    private OutboundQueueConformance() {
    }

    public static void contract(Variant v) {
        OutboundQueue<Integer> q = v.newOutboundQueue(8);
        assertTrue(q.capacity() >= 8, "capacity() " + q.capacity() + " below the requested 8");
        assertEquals(0, q.drain(x -> { }, 10), "empty queue drains nothing");
        assertTrue(q.flushDone(), "flushDone on an empty, idle queue");
        int accepted = 0;
        while (accepted <= q.capacity() && q.offer(accepted)) {
            accepted++;
        }
        assertEquals(q.capacity(), accepted, "offers accepted before the queue reports full");
        assertTrue(q.requestFlush(), "the first requestFlush moves idle to scheduled");
        assertFalse(q.requestFlush(), "a second requestFlush while scheduled must not wake the I/O thread again");
        List<Integer> out = new ArrayList<>();
        assertEquals(3, q.drain(out::add, 3), "drain respects its limit");
        assertEquals(List.of(0, 1, 2), out, "FIFO");
        assertFalse(q.flushDone(), "flushDone with items left must keep the queue scheduled");
        assertFalse(q.requestFlush(), "still scheduled after a flushDone that returned false");
        assertEquals(accepted - 3, q.drain(out::add, Integer.MAX_VALUE));
        assertEquals(accepted, out.size());
        assertEquals(0, q.size());
        assertTrue(q.flushDone(), "flushDone on a drained queue returns it to idle");
        assertTrue(q.offer(99));
        assertTrue(q.requestFlush(), "idle again: the next writer must wake the I/O thread");
        oneCallContract(v);
    }

    /** {@code offerAndRequestFlush} does what {@code offer} then {@code requestFlush} do, in one call. */
    private static void oneCallContract(Variant v) {
        OutboundQueue<Integer> q = v.newOutboundQueue(3);
        assertEquals(OutboundQueue.Offer.WAKE, q.offerAndRequestFlush(0), "the first offer into an idle queue wakes");
        assertEquals(OutboundQueue.Offer.QUEUED, q.offerAndRequestFlush(1), "scheduled: queued without a wake-up");
        assertFalse(q.requestFlush(), "offerAndRequestFlush left the queue scheduled");
        assertTrue(q.offer(2));
        assertEquals(OutboundQueue.Offer.FULL, q.offerAndRequestFlush(3), "full at capacity() 3");
        assertEquals(3, q.size(), "a refused offer changes nothing");
        List<Integer> out = new ArrayList<>();
        assertEquals(3, q.drain(out::add, 10));
        assertEquals(List.of(0, 1, 2), out, "FIFO across both forms");
        assertTrue(q.flushDone(), "drained: back to idle");
        assertEquals(OutboundQueue.Offer.WAKE, q.offerAndRequestFlush(4), "idle again: the next writer wakes");
        assertEquals(OutboundQueue.Offer.QUEUED, q.offerAndRequestFlush(5));
        assertTrue(q.offer(6));
        assertEquals(OutboundQueue.Offer.FULL, q.offerAndRequestFlush(7), "full, even while scheduled");
        assertFalse(q.requestFlush(), "a refused offer does not clear the schedule");
    }

    /**
     * Writers offer sequenced items and wake the I/O thread only when requestFlush says so (even writers in two
     * steps, odd writers with {@code offerAndRequestFlush}, so the two forms race); the I/O thread drains in
     * small batches until flushDone. Every item is drained exactly once in per-writer order, no second wake-up is
     * ever pending, and once the writers stop and the last wake-up is served the queue is empty.
     */
    public static void coalescedWakeUps(Variant v, StressLoad load) {
        String check = "outbound-coalesced-wake-ups[" + v.alias() + "]";
        OutboundQueue<Long> q = v.newOutboundQueue(64);
        int writers = load.threads() - 1;
        int m = load.opsPerThread();
        Semaphore wakeUps = new Semaphore(0);
        AtomicInteger writing = new AtomicInteger(writers);
        Sequenced.Tracker tracker = new Sequenced.Tracker(writers);
        Contenders.run(check, load.threads(), load.deadlineNanos(), (i, race) -> {
            if (i < writers) {
                try {
                    for (int s = 0; s < m; s++) {
                        Long item = Sequenced.of(i, s);
                        boolean wake;
                        if (i % 2 == 0) {
                            while (!q.offer(item)) {
                                race.backOff();
                            }
                            wake = q.requestFlush();
                        } else {
                            OutboundQueue.Offer offered;
                            while ((offered = q.offerAndRequestFlush(item)) == OutboundQueue.Offer.FULL) {
                                race.backOff();
                            }
                            wake = offered == OutboundQueue.Offer.WAKE;
                        }
                        if (wake) {
                            wakeUps.release();
                            // Only a flushDone that returned true (after the I/O thread took the last permit) re-arms
                            // the flag, so more than one pending permit means two writers both won the wake-up.
                            if (wakeUps.availablePermits() > 1) {
                                throw race.fail("two wake-ups pending at once: requestFlush returned true twice without a flushDone in between");
                            }
                        }
                    }
                } finally {
                    writing.decrementAndGet();
                }
            } else {
                String[] error = {null};
                for (;;) {
                    if (!wakeUps.tryAcquire(1, TimeUnit.MILLISECONDS)) {
                        if (writing.get() > 0) {
                            race.backOff();
                            continue;
                        }
                        if (!wakeUps.tryAcquire()) {
                            return; // writers done and every wake-up served: anything still queued is stranded
                        }
                    }
                    do {
                        q.drain(item -> {
                            String e = tracker.accept(item);
                            if (e != null && error[0] == null) {
                                error[0] = e;
                            }
                        }, 16);
                        if (error[0] != null) {
                            throw race.fail(error[0]);
                        }
                    } while (!q.flushDone());
                }
            }
        });
        long offered = (long) writers * m;
        assertEquals(offered, tracker.received(), check + ": items drained; the rest were stranded (queued with no wake-up pending)");
        assertEquals(0, q.size(), check + ": items left queued after the last wake-up");
    }
}
