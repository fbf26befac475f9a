package dev.msgtrans.variants.cow;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.ActorSystem.Delivery;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.Tuning;
import dev.msgtrans.core.spi.Variants;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The actor system's own mechanics (run permit, batch, stop); the shared conformance suite in the testkit checks
 * it under contention like every other variant.
 */
class CowActorSystemTest {

    private static Dispatch dispatch() {
        // The cow variant runs actors on the lockfree dispatch, as CowVariant composes them.
        return Variants.get(CowVariant.DELEGATE_ALIAS).newDispatch("cow-test", 2, 64);
    }

    @Test
    void runsMessagesInOrderAcrossBatches() throws InterruptedException {
        int n = Tuning.ACTOR_BATCH * 5 + 3; // several runs, so the permit is released and re-taken in between
        List<Integer> seen = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try (Dispatch d = dispatch(); CowActorSystem<Integer> sys = new CowActorSystem<>(d, 1024)) {
            sys.spawn(1, (id, m) -> {
                seen.add(m); // serial runs, ordered by the permit: no lock needed
                if (m == n - 1) {
                    done.countDown();
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(Delivery.ACCEPTED, sys.tell(1, i));
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
            for (int i = 0; i < n; i++) {
                assertEquals(i, seen.get(i));
            }
            // processed() is bumped after the behavior returns, so it may trail the latch by the last message.
            awaitProcessed(sys, n);
            assertEquals(n, sys.processed());
        }
    }

    private static void awaitProcessed(ActorSystem<?> sys, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sys.processed() < expected && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    @Test
    void stopDiscardsQueuedMessagesCountsThemAndCallsOnStopOnce() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger stops = new AtomicInteger();
        try (Dispatch d = dispatch(); CowActorSystem<Integer> sys = new CowActorSystem<>(d, 16)) {
            sys.spawn(1, new ActorSystem.Behavior<>() {
                @Override
                public void onMessage(long id, Integer m) {
                    entered.countDown();
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void onStop(long id) {
                    stops.incrementAndGet();
                    stopped.countDown();
                }
            });
            sys.tell(1, 0);
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            for (int i = 1; i <= 5; i++) {
                assertEquals(Delivery.ACCEPTED, sys.tell(1, i));
            }
            assertTrue(sys.stop(1));
            assertEquals(Delivery.NO_SUCH_ACTOR, sys.tell(1, 6));
            gate.countDown();
            assertTrue(stopped.await(30, TimeUnit.SECONDS));
            assertEquals(1, sys.processed(), "the running message finishes, the queued ones are discarded");
            assertEquals(5, sys.dropped(), "discarded on stop and counted");
            assertEquals(1, stops.get());
            assertEquals(0, sys.size());
        }
    }

    @Test
    void closeStopsEveryActorAndRefusesTells() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(3);
        try (Dispatch d = dispatch()) {
            CowActorSystem<Integer> sys = new CowActorSystem<>(d, 16);
            for (long id = 0; id < 3; id++) {
                sys.spawn(id, new ActorSystem.Behavior<>() {
                    @Override
                    public void onMessage(long actorId, Integer m) {
                    }

                    @Override
                    public void onStop(long actorId) {
                        stopped.countDown();
                    }
                });
            }
            assertEquals(3, sys.broadcast(1));
            sys.close();
            assertTrue(stopped.await(30, TimeUnit.SECONDS));
            assertEquals(Delivery.CLOSED, sys.tell(0, 2));
            assertEquals(0, sys.size());
            assertFalse(sys.spawn(9, (id, m) -> { }), "spawn after close");
        }
    }
}
