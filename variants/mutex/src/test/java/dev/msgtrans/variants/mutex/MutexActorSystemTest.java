package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.ActorSystem.Delivery;
import dev.msgtrans.core.spi.Tuning;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MutexActorSystemTest {

    /** Records messages and stops; the manual dispatch runs it on the test thread. */
    private static class Recorder implements ActorSystem.Behavior<Integer> {
        final List<Integer> messages = new ArrayList<>();
        int stops;

        @Override
        public void onMessage(long actorId, Integer message) {
            messages.add(message);
        }

        @Override
        public void onStop(long actorId) {
            stops++;
        }
    }

    @Test
    void runsSeriallyAndKeepsEachSendersOrderUnderConcurrentProducers() throws Exception {
        int producers = 4;
        int perProducer = 2_000;
        MutexDispatch dispatch = new MutexDispatch("actor-test", 2, 64);
        MutexActorSystem<long[]> system = new MutexActorSystem<>(dispatch, producers * perProducer);
        try {
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            int[] next = new int[producers]; // only touched by the actor: serial execution makes that safe
            AtomicInteger outOfOrder = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(producers * perProducer);
            system.spawn(1, (id, m) -> {
                if (inside.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                int p = (int) m[0];
                if (m[1] != next[p]) {
                    outOfOrder.incrementAndGet();
                }
                next[p] = (int) m[1] + 1;
                inside.decrementAndGet();
                done.countDown();
            });
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                long producer = p;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        assertEquals(Delivery.ACCEPTED, system.tell(1, new long[]{producer, i}));
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            assertTrue(done.await(60, TimeUnit.SECONDS), "every message handled");
            assertEquals(0, overlaps.get(), "the actor ran on two threads at once");
            assertEquals(0, outOfOrder.get(), "a sender's order was broken");
            system.close();
            dispatch.close(); // joins the workers: the counter is bumped after the behavior returns
            assertEquals(producers * perProducer, system.processed());
            assertEquals(0, system.dropped());
        } finally {
            system.close();
            dispatch.close();
        }
    }

    @Test
    void fullMailboxRefusesAndCounts() {
        ManualDispatch d = new ManualDispatch();
        MutexActorSystem<Integer> system = new MutexActorSystem<>(d, 2);
        system.spawn(1, new Recorder());
        assertEquals(Delivery.ACCEPTED, system.tell(1, 1));
        assertEquals(Delivery.ACCEPTED, system.tell(1, 2));
        assertEquals(Delivery.MAILBOX_FULL, system.tell(1, 3));
        assertEquals(Delivery.NO_SUCH_ACTOR, system.tell(2, 1));
        assertEquals(1, system.dropped());
        assertEquals(1, d.queued(), "two tells to an idle actor schedule one run");
    }

    @Test
    void aRunHandlesAtMostOneBatchThenReschedules() {
        ManualDispatch d = new ManualDispatch();
        MutexActorSystem<Integer> system = new MutexActorSystem<>(d, 100);
        Recorder r = new Recorder();
        system.spawn(1, r);
        for (int i = 0; i < 40; i++) {
            system.tell(1, i);
        }
        d.runOne();
        assertEquals(Tuning.ACTOR_BATCH, r.messages.size());
        assertEquals(1, d.queued(), "the actor re-dispatched itself for the rest");
        d.runAll();
        assertEquals(40, r.messages.size());
        assertEquals(0, d.queued(), "idle actor is not scheduled");
    }

    @Test
    void stopDiscardsQueuedMessagesAndRunsOnStopOnce() {
        ManualDispatch d = new ManualDispatch();
        MutexActorSystem<Integer> system = new MutexActorSystem<>(d, 10);
        Recorder r = new Recorder();
        system.spawn(1, r);
        system.tell(1, 1);
        system.tell(1, 2);
        assertTrue(system.stop(1));
        assertFalse(system.stop(1));
        assertEquals(Delivery.NO_SUCH_ACTOR, system.tell(1, 3));
        d.runAll();
        assertEquals(List.of(), r.messages);
        assertEquals(1, r.stops);
        assertEquals(2, system.dropped());
        assertEquals(0, system.size());
    }

    @Test
    void stopDuringARunFinishesTheCurrentMessageOnly() {
        ManualDispatch d = new ManualDispatch();
        MutexActorSystem<Integer> system = new MutexActorSystem<>(d, 10);
        Recorder r = new Recorder() {
            @Override
            public void onMessage(long actorId, Integer message) {
                super.onMessage(actorId, message);
                system.stop(actorId);
            }
        };
        system.spawn(1, r);
        for (int i = 0; i < 5; i++) {
            system.tell(1, i);
        }
        d.runAll();
        assertEquals(List.of(0), r.messages);
        assertEquals(1, r.stops, "onStop after the message in progress");
        assertEquals(1, system.processed());
        assertEquals(4, system.dropped());
    }

    @Test
    void aThrowingBehaviorIsReportedAndTheActorCarriesOn() {
        ManualDispatch d = new ManualDispatch();
        MutexActorSystem<Integer> system = new MutexActorSystem<>(d, 10);
        List<Throwable> reported = new ArrayList<>();
        Thread.UncaughtExceptionHandler saved = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
        try {
            List<Integer> seen = new ArrayList<>();
            system.spawn(1, (id, m) -> {
                seen.add(m);
                if (m == 1) {
                    throw new IllegalStateException("boom");
                }
            });
            system.tell(1, 1);
            system.tell(1, 2);
            d.runAll();
            assertEquals(List.of(1, 2), seen);
            assertEquals(1, reported.size());
            assertEquals(Delivery.ACCEPTED, system.tell(1, 3));
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(saved);
        }
    }

    @Test
    void broadcastReachesEveryLiveActorAndCloseStopsThemAll() {
        ManualDispatch d = new ManualDispatch();
        MutexActorSystem<Integer> system = new MutexActorSystem<>(d, 10);
        Recorder[] rs = new Recorder[3];
        for (int i = 0; i < rs.length; i++) {
            rs[i] = new Recorder();
            assertTrue(system.spawn(i, rs[i]));
        }
        assertFalse(system.spawn(0, new Recorder()), "duplicate id");
        assertEquals(3, system.broadcast(7));
        system.stop(2);
        assertEquals(2, system.broadcast(8), "the snapshot is rebuilt after a stop");
        d.runAll();
        system.close();
        assertEquals(Delivery.CLOSED, system.tell(0, 9));
        assertEquals(0, system.broadcast(9));
        assertFalse(system.spawn(5, new Recorder()));
        d.runAll();
        assertEquals(List.of(7, 8), rs[0].messages);
        assertEquals(List.of(), rs[2].messages, "stopped before its run: the queued 7 was discarded");
        assertEquals(1, system.dropped());
        for (Recorder r : rs) {
            assertEquals(1, r.stops);
        }
    }
}
