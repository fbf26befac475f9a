package dev.msgtrans.testkit.components;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.ActorSystem.Delivery;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.Variant;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ActorSystem}: spawn, tell, broadcast, stop, close and the full-mailbox accounting from one thread; and with
 * several tellers, each actor running one message at a time and each teller's messages in order, none lost. Built
 * on the same variant's {@link Dispatch}.
 */
public final class ActorSystemConformance {

    private static final long WAIT_SECONDS = 30;

    private ActorSystemConformance() {
    }

    public static void contract(Variant v) throws InterruptedException {
        try (Dispatch d = v.newDispatch("conformance-actors", 2, 64)) {
            ActorSystem<String> sys = v.newActorSystem(d, 16); // closed by the contract itself, below
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            AtomicInteger stops = new AtomicInteger();
            CountDownLatch stopped1 = new CountDownLatch(1);
            ActorSystem.Behavior<String> behavior = new ActorSystem.Behavior<>() {
                @Override
                public void onMessage(long actorId, String message) {
                    got.add(actorId + ":" + message);
                }

                @Override
                public void onStop(long actorId) {
                    stops.incrementAndGet();
                    if (actorId == 1) {
                        stopped1.countDown();
                    }
                }
            };
            assertTrue(sys.spawn(1, behavior));
            assertFalse(sys.spawn(1, behavior), "a second actor with a live id");
            assertEquals(1, sys.size());
            assertEquals(Delivery.ACCEPTED, sys.tell(1, "a"));
            assertEquals(Delivery.NO_SUCH_ACTOR, sys.tell(2, "x"));
            assertEquals("1:a", got.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            assertTrue(sys.spawn(2, behavior));
            assertEquals(2, sys.broadcast("b"), "broadcast reaches every live actor");
            String r1 = got.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            String r2 = got.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertTrue(("1:b".equals(r1) && "2:b".equals(r2)) || ("2:b".equals(r1) && "1:b".equals(r2)), r1 + ", " + r2);
            assertTrue(sys.stop(1));
            assertTrue(stopped1.await(WAIT_SECONDS, TimeUnit.SECONDS), "onStop runs after stop");
            assertFalse(sys.stop(1), "stop of a stopped actor");
            assertEquals(Delivery.NO_SUCH_ACTOR, sys.tell(1, "late"));
            assertEquals(1, sys.size());
            Contenders.awaitUntil("actors-contract", System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS),
                    () -> sys.processed() == 3, () -> "processed() " + sys.processed() + ", expected 3");
            assertEquals(0, sys.dropped());
            sys.close();
            assertEquals(Delivery.CLOSED, sys.tell(2, "c"));
            Contenders.awaitUntil("actors-contract", System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS),
                    () -> stops.get() == 2, () -> "onStop calls " + stops.get() + " after close, expected 2");
            assertNull(got.poll(), "no message after close");
        }
    }

    /**
     * An actor blocked in its first message gets a burst of tells: every tell is either accepted or refused as
     * MAILBOX_FULL, the refusals are what dropped() counts, and every accepted message is processed once unblocked.
     */
    public static void fullMailboxAccounting(Variant v) throws InterruptedException {
        try (Dispatch d = v.newDispatch("conformance-actors", 2, 64);
             ActorSystem<Integer> sys = v.newActorSystem(d, 4)) {
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch entered = new CountDownLatch(1);
            AtomicInteger handled = new AtomicInteger();
            sys.spawn(7, (id, m) -> {
                entered.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handled.incrementAndGet();
            });
            assertEquals(Delivery.ACCEPTED, sys.tell(7, -1));
            assertTrue(entered.await(WAIT_SECONDS, TimeUnit.SECONDS), "the actor started its first message");
            int accepted = 1;
            int full = 0;
            for (int i = 0; i < 256; i++) {
                Delivery r = sys.tell(7, i);
                if (r == Delivery.ACCEPTED) {
                    accepted++;
                } else {
                    assertEquals(Delivery.MAILBOX_FULL, r);
                    full++;
                }
            }
            assertTrue(full > 0, "a bounded mailbox of 4 accepted 256 messages while its actor was blocked");
            assertEquals(full, sys.dropped(), "dropped() counts the refused tells");
            gate.countDown();
            int expect = accepted;
            Contenders.awaitUntil("actors-full-mailbox", System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS),
                    () -> sys.processed() == expect, () -> "processed() " + sys.processed() + " of " + expect + " accepted");
            assertEquals(accepted, handled.get());
        }
    }

    /**
     * Tellers send sequenced messages round-robin to a few actors (retrying when a mailbox is full). Each actor's
     * behavior counts how many runs are inside it (never more than one) and checks each teller's sequence.
     */
    public static void serialAndOrdered(Variant v, StressLoad load) {
        String check = "actors-serial-ordered[" + v.alias() + "]";
        int actors = 4;
        int tellers = load.threads();
        int m = load.opsPerThread();
        AtomicIntegerArray running = new AtomicIntegerArray(actors);
        int[][] next = new int[actors][tellers]; // each cell touched only by its actor's (serial) runs
        AtomicReference<String> violation = new AtomicReference<>();
        long deadline = load.deadlineNanos();
        try (Dispatch d = v.newDispatch("conformance-actors", 2, 64);
             ActorSystem<Long> sys = v.newActorSystem(d, 64)) {
            for (int a = 0; a < actors; a++) {
                for (int p = 0; p < tellers; p++) {
                    next[a][p] = a;
                }
            }
            for (int a = 0; a < actors; a++) {
                int actor = a;
                sys.spawn(a, (id, msg) -> {
                    if (running.incrementAndGet(actor) != 1) {
                        violation.compareAndSet(null, "actor " + actor + " ran on two threads at once");
                    }
                    int p = Sequenced.producer(msg);
                    int s = Sequenced.seq(msg);
                    if (s != next[actor][p]) {
                        violation.compareAndSet(null, "actor " + actor + ", teller " + p + ": expected seq "
                                + next[actor][p] + " but got " + s);
                    }
                    next[actor][p] = s + actors;
                    running.decrementAndGet(actor);
                });
            }
            Contenders.run(check, tellers, deadline, (i, race) -> {
                for (int s = 0; s < m; s++) {
                    Long msg = Sequenced.of(i, s);
                    Delivery r;
                    while ((r = sys.tell(s % actors, msg)) == Delivery.MAILBOX_FULL) {
                        race.backOff();
                    }
                    if (r != Delivery.ACCEPTED) {
                        throw race.fail("tell to a live actor returned " + r);
                    }
                    if (violation.get() != null) {
                        throw race.fail(violation.get());
                    }
                }
            });
            long expected = (long) tellers * m;
            Contenders.awaitUntil(check, deadline, () -> sys.processed() >= expected || violation.get() != null,
                    () -> "processed() " + sys.processed() + " of " + expected);
            assertNull(violation.get(), check + ": " + violation.get());
            assertEquals(expected, sys.processed(), check + ": processed()");
        }
    }
}
