package dev.msgtrans.variants.lockfree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msgtrans.core.spi.ActorSystem.Behavior;
import dev.msgtrans.core.spi.ActorSystem.Delivery;
import dev.msgtrans.core.spi.Tuning;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LockFreeActorSystemTest {

    private final LockFreeDispatch dispatch = new LockFreeDispatch("lf-actors-test", 2, 4096);

    @AfterEach
    void closeDispatch() {
        dispatch.close();
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(Concurrently.LIVENESS_SECONDS, TimeUnit.SECONDS), "timed out waiting for actors");
    }

    @Test
    void spawnTellStopContract() throws Exception {
        LockFreeActorSystem<String> sys = new LockFreeActorSystem<>(dispatch, 8);
        CountDownLatch got = new CountDownLatch(2);
        CountDownLatch stopped = new CountDownLatch(1);
        Behavior<String> b = new Behavior<>() {
            @Override
            public void onMessage(long id, String m) {
                got.countDown();
            }

            @Override
            public void onStop(long id) {
                stopped.countDown();
            }
        };
        assertTrue(sys.spawn(1, b));
        assertFalse(sys.spawn(1, b), "an actor with this id exists");
        assertEquals(Delivery.NO_SUCH_ACTOR, sys.tell(2, "x"));
        assertEquals(Delivery.ACCEPTED, sys.tell(1, "a"));
        assertEquals(1, sys.broadcast("b"));
        await(got);
        assertTrue(sys.stop(1));
        assertFalse(sys.stop(1));
        await(stopped);
        assertEquals(Delivery.NO_SUCH_ACTOR, sys.tell(1, "late"));
        assertEquals(0, sys.size());
        Concurrently.await("processed counted", () -> sys.processed() == 2);
        sys.close();
        assertEquals(Delivery.CLOSED, sys.tell(1, "x"));
        assertThrows(IllegalStateException.class, () -> sys.spawn(3, b));
    }

    @Test
    void fullMailboxRefusesAndCounts() throws Exception {
        LockFreeActorSystem<Integer> sys = new LockFreeActorSystem<>(dispatch, 3);
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        sys.spawn(1, (id, m) -> {
            if (m == 0) {
                inFirst.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        sys.tell(1, 0);
        await(inFirst); // the actor is busy with message 0; its mailbox is empty
        for (int i = 1; i <= 3; i++) {
            assertEquals(Delivery.ACCEPTED, sys.tell(1, i));
        }
        assertEquals(Delivery.MAILBOX_FULL, sys.tell(1, 4));
        assertEquals(1, sys.dropped());
        release.countDown();
        Concurrently.await("all accepted messages processed", () -> sys.processed() == 4);
        sys.close();
    }

    /** An actor never runs on two threads, and each producer's messages arrive in order, with 3 producers. */
    @Test
    void oneRunAtATimeAndPerProducerOrder() {
        LockFreeActorSystem<long[]> sys = new LockFreeActorSystem<>(dispatch, 256);
        int actors = 4;
        int producers = 3;
        int perProducer = 5_000;
        AtomicInteger[] running = new AtomicInteger[actors];
        int[][] next = new int[actors][producers];
        AtomicBoolean overlap = new AtomicBoolean();
        AtomicBoolean disorder = new AtomicBoolean();
        for (int a = 0; a < actors; a++) {
            running[a] = new AtomicInteger();
            int actor = a;
            sys.spawn(a, (id, m) -> {
                if (running[actor].incrementAndGet() > 1) {
                    overlap.set(true);
                }
                // Plain array: only safe because runs of one actor are serial and ordered by the state CAS.
                if (m[1] != next[actor][(int) m[0]]++) {
                    disorder.set(true);
                }
                running[actor].decrementAndGet();
            });
        }
        Concurrently.run(producers, p -> {
            for (int i = 0; i < perProducer; i++) {
                for (int a = 0; a < actors; a++) {
                    long[] m = {p, i};
                    while (sys.tell(a, m) == Delivery.MAILBOX_FULL) {
                        Thread.yield();
                    }
                }
            }
        });
        long total = (long) actors * producers * perProducer;
        Concurrently.await("every message processed", () -> sys.processed() == total);
        assertFalse(overlap.get(), "an actor ran on two threads at once");
        assertFalse(disorder.get(), "a producer's messages were reordered");
        sys.close();
    }

    /** stop racing tells: onStop exactly once, no onMessage after it, every accepted message processed or counted. */
    @Test
    void stopRacingTellRunsOnStopOnceAndNothingAfterIt() {
        LockFreeActorSystem<Integer> sys = new LockFreeActorSystem<>(dispatch, 16);
        AtomicBoolean messageAfterStop = new AtomicBoolean();
        AtomicBoolean stopTwice = new AtomicBoolean();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        int rounds = 1_000;
        AtomicInteger stops = new AtomicInteger();
        for (int round = 0; round < rounds; round++) {
            long id = round;
            AtomicBoolean stoppedFlag = new AtomicBoolean();
            sys.spawn(id, new Behavior<>() {
                @Override
                public void onMessage(long actorId, Integer m) {
                    if (stoppedFlag.get()) {
                        messageAfterStop.set(true);
                    }
                }

                @Override
                public void onStop(long actorId) {
                    if (!stoppedFlag.compareAndSet(false, true)) {
                        stopTwice.set(true);
                    }
                    stops.incrementAndGet();
                }
            });
            Concurrently.run(2, t -> {
                if (t == 0) {
                    for (int i = 0; i < 40; i++) {
                        Delivery d = sys.tell(id, i);
                        if (d == Delivery.ACCEPTED) {
                            accepted.incrementAndGet();
                        } else if (d == Delivery.MAILBOX_FULL) {
                            refused.incrementAndGet();
                        }
                    }
                } else {
                    Thread.yield();
                    assertTrue(sys.stop(id));
                }
            });
        }
        Concurrently.await("every onStop ran", () -> stops.get() == rounds);
        // dropped = refused by a full mailbox + accepted then discarded by the stop.
        Concurrently.await("every accepted message processed or counted as dropped",
                () -> sys.processed() + sys.dropped() == accepted.get() + refused.get());
        assertFalse(stopTwice.get(), "onStop ran twice");
        assertFalse(messageAfterStop.get(), "onMessage ran after onStop");
        assertEquals(0, sys.size());
        sys.close();
    }

    /** A run handles at most a batch, then yields the worker: a flooded actor cannot starve another. */
    @Test
    void aFloodedActorYieldsToOthersAfterABatch() throws Exception {
        LockFreeDispatch single = new LockFreeDispatch("lf-actors-fair", 1, 64);
        try {
            LockFreeActorSystem<Integer> sys = new LockFreeActorSystem<>(single, 20_000);
            CountDownLatch inFirst = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger floodHandled = new AtomicInteger();
            AtomicInteger seenWhenOtherRan = new AtomicInteger(-1);
            CountDownLatch otherRan = new CountDownLatch(1);
            sys.spawn(1, (id, m) -> {
                if (m == 0) {
                    inFirst.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                floodHandled.incrementAndGet();
            });
            sys.spawn(2, (id, m) -> {
                seenWhenOtherRan.set(floodHandled.get());
                otherRan.countDown();
            });
            sys.tell(1, 0);
            await(inFirst);
            for (int i = 1; i <= 10_000; i++) {
                sys.tell(1, i);
            }
            sys.tell(2, 0);
            release.countDown();
            await(otherRan);
            assertTrue(seenWhenOtherRan.get() <= 2 * Tuning.ACTOR_BATCH,
                    "actor 2 waited for " + seenWhenOtherRan.get() + " messages of actor 1");
            Concurrently.await("flood processed", () -> floodHandled.get() == 10_001);
            sys.close();
        } finally {
            single.close();
        }
    }

    @Test
    void closeStopsEveryActorAndThrowingBehaviorsAreCounted() {
        LockFreeActorSystem<Integer> sys = new LockFreeActorSystem<>(dispatch, 8);
        AtomicInteger stops = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            sys.spawn(i, new Behavior<>() {
                @Override
                public void onMessage(long id, Integer m) {
                    throw new IllegalStateException("behavior bug");
                }

                @Override
                public void onStop(long id) {
                    stops.incrementAndGet();
                }
            });
        }
        assertEquals(10, sys.broadcast(1));
        Concurrently.await("messages processed", () -> sys.processed() == 10);
        sys.close();
        Concurrently.await("every onStop ran", () -> stops.get() == 10);
        assertEquals(10, sys.failures());
        assertEquals(0, sys.size());
        assertEquals(0, sys.broadcast(2));
    }
}
