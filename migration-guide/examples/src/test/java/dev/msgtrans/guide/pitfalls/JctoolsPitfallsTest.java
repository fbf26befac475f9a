package dev.msgtrans.guide.pitfalls;

import org.jctools.maps.NonBlockingHashMapLong;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.MpscArrayQueue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JCTools behaviours the guide warns about, pinned to the version the project uses (4.0.5). If a JCTools
 * upgrade changes one, its test fails here, and the guide's pitfall section and the workaround can be revisited.
 */
class JctoolsPitfallsTest {

    // tag::nbhml-remove-pitfall[]
    @Test
    void nonBlockingHashMapLongRemoveOfAnEqualValueRemovesItButReturnsFalse() {
        NonBlockingHashMapLong<String> map = new NonBlockingHashMapLong<>();
        map.put(1L, "alice");
        boolean reported = map.remove(1L, new String("alice")); // equal, not identical
        assertFalse(reported, "JCTools 4.0.5 compares its result with ==");
        assertNull(map.get(1L), "... although the mapping is gone");
    }
    // end::nbhml-remove-pitfall[]

    @Test
    void identicalValueRemovalReportsTruthfully() {
        NonBlockingHashMapLong<String> map = new NonBlockingHashMapLong<>();
        String alice = new String("alice");
        map.put(1L, alice);
        assertTrue(map.remove(1L, alice), "the workaround's removal, by the object read from the map");
    }

    // tag::capacity-rounding[]
    @Test
    void boundedQueuesRoundTheirCapacityUpToAPowerOfTwo() {
        MpmcArrayQueue<Integer> ring = new MpmcArrayQueue<>(500);
        assertEquals(512, ring.capacity());
        int accepted = 0;
        while (ring.offer(accepted)) {
            accepted++;
        }
        assertEquals(512, accepted, "a cap of 500 that holds 512");
        assertEquals(1024, new MpscArrayQueue<Integer>(1000).capacity());
    }
    // end::capacity-rounding[]

    @Test
    void exactMpscQueueRefusesAtTheRequestedCapacity() {
        ExactCapacityMpscQueue<Integer> q = new ExactCapacityMpscQueue<>(1000);
        assertEquals(1024, q.ringCapacity());
        for (int i = 0; i < 1000; i++) {
            assertTrue(q.offer(i));
        }
        assertFalse(q.offer(1000));
        assertEquals(0, q.poll());
        assertTrue(q.offer(1000), "room again after one poll");
        ExactCapacityMpscQueue<Integer> one = new ExactCapacityMpscQueue<>(1);
        assertTrue(one.offer(1));
        assertFalse(one.offer(2), "a capacity of 1 on a ring of 2");
    }

    @Test
    void exactMpmcQueueNeverStoresMoreThanItsCapacityUnderContention() throws InterruptedException {
        int capacity = 50; // the 64 KiB buffer class's cap: not a power of two
        ExactCapacityMpmcQueue<Integer> q = new ExactCapacityMpmcQueue<>(capacity);
        assertEquals(64, q.ringCapacity());
        int threads = 4;
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> offerers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * 100;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 100; i++) {
                    if (q.offer(base + i)) {
                        accepted.incrementAndGet();
                    }
                }
            });
            th.start();
            offerers.add(th);
        }
        start.countDown();
        for (Thread th : offerers) {
            th.join();
        }
        assertEquals(capacity, accepted.get(), "exactly the cap was accepted, the rest refused");
        int polled = 0;
        while (q.poll() != null) {
            polled++;
        }
        assertEquals(capacity, polled);
        assertEquals(0, q.size());
    }
}
