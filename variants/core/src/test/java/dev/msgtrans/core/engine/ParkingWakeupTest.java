package dev.msgtrans.core.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The in-memory loop's wake-up: a wake-up given while the loop thread waits for a lock (which takes the thread's park
 * permit) must still end the loop's next wait. Each waiter runs on its own thread, joined with a bound, so a lost
 * wake-up fails the test instead of hanging the build.
 */
class ParkingWakeupTest {

    private static final long BOUND_MILLIS = 10_000;

    @Test
    void aWakeUpGivenBeforeTheWaitEndsItAtOnce() throws Exception {
        runAsWaiter(w -> {
            w.wake();
            w.await();
        });
    }

    /** The failure seen in CI: the permit went to a contended lock's park, and the loop then slept for good. */
    @Test
    void aWakeUpSurvivesThePermitBeingTakenByALockWait() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        AtomicReference<ParkingWakeup> wakeup = new AtomicReference<>();
        lock.lock();
        Thread waiter = new Thread(() -> {
            lock.lock(); // parks inside AQS: the wake-up's unpark lands here, and AQS parks again
            lock.unlock();
            wakeup.get().await();
        }, "wakeup-test-waiter");
        wakeup.set(new ParkingWakeup(waiter));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        waiter.setDaemon(true); // a lost wake-up leaves it parked: it must not keep the JVM alive
        waiter.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        waiter.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
            while (!(lock.hasQueuedThread(waiter) && waiter.getState() == Thread.State.WAITING)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the waiter never blocked on the lock");
                }
                Thread.onSpinWait();
            }
            // The permit goes to the lock wait, whose park returns and takes it, whether AQS then parks again or
            // (once the lock is released) acquires: either way nothing is left for the wake-up's own await.
            wakeup.get().wake();
        } finally {
            lock.unlock();
        }
        waiter.join(BOUND_MILLIS);
        assertFalse(waiter.isAlive(), "the wake-up was lost: the waiter still sleeps in await()");
        assertNull(failure.get());
    }

    @Test
    void manyWakeUpsFromAnotherThreadAreNeverLost() throws Exception {
        int rounds = 20_000;
        AtomicInteger work = new AtomicInteger();
        AtomicInteger seen = new AtomicInteger();
        AtomicReference<ParkingWakeup> wakeup = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            while (seen.get() < rounds) {
                wakeup.get().await();
                seen.set(work.get());
            }
        }, "wakeup-test-waiter");
        wakeup.set(new ParkingWakeup(waiter));
        waiter.setDaemon(true);
        waiter.start();
        for (int i = 1; i <= rounds; i++) {
            work.set(i);
            wakeup.get().wake();
            if ((i & 63) == 0) {
                LockSupport.parkNanos(1_000); // let the waiter fall asleep now and then, not only spin past
            }
        }
        waiter.join(BOUND_MILLIS);
        assertFalse(waiter.isAlive(), "a wake-up was lost after " + seen.get() + " of " + rounds);
        assertEquals(rounds, seen.get());
    }

    private static void runAsWaiter(java.util.function.Consumer<ParkingWakeup> body) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] holder = new Thread[1];
        holder[0] = new Thread(() -> body.accept(new ParkingWakeup(holder[0])), "wakeup-test-waiter");
        holder[0].setDaemon(true);
        holder[0].setUncaughtExceptionHandler((t, e) -> failure.set(e));
        holder[0].start();
        holder[0].join(BOUND_MILLIS);
        assertFalse(holder[0].isAlive(), "the waiter did not return from await()");
        assertNull(failure.get());
    }
}
