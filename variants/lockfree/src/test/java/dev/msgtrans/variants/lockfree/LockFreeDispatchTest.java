package dev.msgtrans.variants.lockfree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class LockFreeDispatchTest {

    private static long liveThreadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
                .count();
    }

    @Test
    void everyTaskRunsExactlyOnceUnderTwoProducersAndCloseJoinsTheWorkers() {
        String name = "lf-dispatch-once";
        LockFreeDispatch d = new LockFreeDispatch(name, 2, 64); // small ring: producers often find it full
        assertEquals(2, liveThreadsNamed(name + "-"));
        int perProducer = 20_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(2 * perProducer);
        Concurrently.run(2, t -> {
            for (int i = 0; i < perProducer; i++) {
                int slot = t * perProducer + i;
                d.execute(() -> runs.incrementAndGet(slot));
            }
        });
        d.close();
        for (int i = 0; i < runs.length(); i++) {
            assertEquals(1, runs.get(i), "task " + i);
        }
        assertEquals(2L * perProducer, d.executed());
        assertEquals(0, d.queued());
        assertEquals(0, liveThreadsNamed(name + "-"), "close joined the workers");
        assertThrows(RejectedExecutionException.class, () -> d.execute(() -> { }));
        d.close(); // idempotent
    }

    @Test
    void closeLetsQueuedTasksFinish() {
        LockFreeDispatch d = new LockFreeDispatch("lf-dispatch-drain", 1, 1024);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        d.execute(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 500; i++) {
            d.execute(ran::incrementAndGet);
        }
        gate.countDown();
        d.close();
        assertEquals(500, ran.get());
    }

    @Test
    void throwingTasksAreCountedAndTheWorkerCarriesOn() throws Exception {
        LockFreeDispatch d = new LockFreeDispatch("lf-dispatch-throw", 1, 16);
        CountDownLatch after = new CountDownLatch(1);
        d.execute(() -> {
            throw new IllegalStateException("boom");
        });
        d.execute(after::countDown);
        assertTrue(after.await(Concurrently.LIVENESS_SECONDS, TimeUnit.SECONDS));
        d.close();
        assertEquals(1, d.failures());
        assertEquals(2, d.executed());
    }

    /** Workers that park at once (no spins, no yields): every execute must wake one; a lost wake-up hangs. */
    @Test
    void parkedWorkersAreWokenForEveryTask() throws Exception {
        LockFreeDispatch d = new LockFreeDispatch("lf-dispatch-park", 2, 16, 0, 0);
        for (int i = 0; i < 2_000; i++) {
            CountDownLatch done = new CountDownLatch(1);
            d.execute(done::countDown);
            assertTrue(done.await(Concurrently.LIVENESS_SECONDS, TimeUnit.SECONDS), "task " + i + " never ran");
        }
        d.close();
    }

    /** A worker that executes into its own full ring runs the task itself instead of deadlocking. */
    @Test
    void aWorkerFindingTheRingFullDoesNotDeadlock() throws Exception {
        LockFreeDispatch d = new LockFreeDispatch("lf-dispatch-nested", 1, 2);
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        d.execute(() -> {
            for (int i = 0; i < 100; i++) {
                d.execute(ran::incrementAndGet);
            }
            done.countDown();
        });
        assertTrue(done.await(Concurrently.LIVENESS_SECONDS, TimeUnit.SECONDS));
        d.close();
        assertEquals(100, ran.get());
    }

    @Test
    void closeFromAProducerRacingExecuteLosesNothing() {
        for (int round = 0; round < 50; round++) {
            LockFreeDispatch d = new LockFreeDispatch("lf-dispatch-race", 2, 8, 0, 0);
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger ran = new AtomicInteger();
            Concurrently.run(3, t -> {
                if (t == 2) {
                    Thread.yield();
                    d.close();
                    return;
                }
                for (int i = 0; i < 200; i++) {
                    try {
                        d.execute(ran::incrementAndGet);
                        accepted.incrementAndGet();
                    } catch (RejectedExecutionException e) {
                        return;
                    }
                }
            });
            d.close();
            assertEquals(accepted.get(), ran.get(), "round " + round + ": an accepted task was lost or run twice");
        }
        assertFalse(liveThreadsNamed("lf-dispatch-race-") > 0);
    }
}
