package dev.msgtrans.core.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The in-memory loop's wake-up: a wake-up given while the loop thread waits for a lock (which takes the thread's park
 * permit) must still end the loop's next wait. Each waiter runs on its own daemon thread, joined with a bound, so a
 * lost wake-up fails the test instead of hanging the build.
 */
class ParkingWakeupTest {

    private static final long BOUND_MILLIS = 10_000;

    @Test
    void aWakeUpGivenBeforeTheWaitEndsItAtOnce() throws Exception {
        Waiter w = Waiter.start(wakeup -> {
            wakeup.wake();
            wakeup.await();
        });
        w.assertReturns(() -> "the waiter did not return from await()");
    }

    /**
     * The mechanism that stalled the in-memory loop: the permit went to a contended lock's park, and the loop then
     * slept for good. The old bare park/unpark fails this test.
     */
    @Test
    void aWakeUpSurvivesThePermitBeingTakenByALockWait() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        Waiter w;
        try {
            w = Waiter.start(wakeup -> {
                lock.lock(); // parks inside AQS: the wake-up's unpark lands here, and AQS parks again
                lock.unlock();
                wakeup.await();
            });
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
            while (!(lock.hasQueuedThread(w.thread) && w.thread.getState() == Thread.State.WAITING)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the waiter never blocked on the lock");
                }
                Thread.onSpinWait();
            }
            // The permit goes to the lock wait, whose park returns and takes it, whether AQS then parks again or
            // (once the lock is released) acquires: either way nothing is left for the wake-up's own await.
            w.wakeup.wake();
        } finally {
            lock.unlock();
        }
        w.assertReturns(() -> "the wake-up was lost: the waiter still sleeps in await()");
    }

    @Test
    void manyWakeUpsFromAnotherThreadAreNeverLost() throws Exception {
        int rounds = 20_000;
        AtomicInteger work = new AtomicInteger();
        AtomicInteger seen = new AtomicInteger();
        Waiter w = Waiter.start(wakeup -> {
            while (seen.get() < rounds) {
                wakeup.await();
                seen.set(work.get());
            }
        });
        for (int i = 1; i <= rounds; i++) {
            work.set(i);
            w.wakeup.wake();
            if ((i & 63) == 0) {
                LockSupport.parkNanos(1_000); // let the waiter fall asleep now and then, not only spin past
            }
        }
        w.assertReturns(() -> "a wake-up was lost after " + seen.get() + " of " + rounds);
        assertEquals(rounds, seen.get());
    }

    /** A daemon thread running {@code body} with the wake-up it waits on (a lost wake-up leaves it parked). */
    private record Waiter(Thread thread, ParkingWakeup wakeup, AtomicReference<Throwable> failure) {

        static Waiter start(Consumer<ParkingWakeup> body) {
            AtomicReference<ParkingWakeup> ref = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread t = new Thread(() -> body.accept(ref.get()), "wakeup-test-waiter");
            ref.set(new ParkingWakeup(t)); // before start(): the start is the happens-before edge
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> failure.set(e));
            t.start();
            return new Waiter(t, ref.get(), failure);
        }

        void assertReturns(Supplier<String> lost) throws InterruptedException {
            thread.join(BOUND_MILLIS);
            assertFalse(thread.isAlive(), lost);
            assertNull(failure.get());
        }
    }
}
