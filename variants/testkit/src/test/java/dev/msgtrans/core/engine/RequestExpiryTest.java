package dev.msgtrans.core.engine;

import dev.msgtrans.core.spi.RequestTracker;
import dev.msgtrans.testkit.e2e.DelegatingRequestTracker;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.testkit.components.EachRealVariant;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link RequestExpiry} with each real variant's request tracker, on a {@link HashedWheel} ticked by a thread of the
 * test: registrations race the check that finds the tracker empty and disarms, and every request must still time
 * out. In this package (the engine's, in this module's tests) because the expiry is engine-internal and the real
 * trackers live in the variant modules.
 */
class RequestExpiryTest {

    private static final int THREADS = 3;
    private static final int ROUNDS = 3_000;
    private static final long TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** Generous: a request is due at once and expired within a tick or two of the wheel. */
    private static final long WAIT_SECONDS = 20;

    /**
     * Rounds of a few requests per thread, each due at once, started together; a round ends when all its requests
     * timed out, so a request left without an armed check has no later registration to rescue it and hangs its
     * round. The tracker's {@code pending()} sometimes yields after counting, which widens the window between the
     * check's count and its disarming (a registration in that window is the race the protocol closes).
     */
    @EachRealVariant
    void everyRequestRegisteredWhileTheCheckDisarmsTimesOut(String alias) throws Exception {
        RequestTracker<Object> tracker = yieldingPending(Variants.get(alias).newRequestTracker());
        AtomicReference<Throwable> taskFailure = new AtomicReference<>();
        HashedWheel wheel = new HashedWheel(TICK_NANOS, 64, System.nanoTime(),
                (task, e) -> taskFailure.compareAndSet(null, e));
        LongAdder timedOut = new LongAdder();
        LongAdder registered = new LongAdder();
        RequestExpiry expiry = new RequestExpiry(7, tracker, wheel, timedOut);

        AtomicBoolean stop = new AtomicBoolean();
        Thread ticker = new Thread(() -> {
            while (!stop.get()) {
                wheel.tick(System.nanoTime());
                LockSupport.parkNanos(TICK_NANOS / 4);
            }
        }, "test-ticker");
        ticker.setDaemon(true);
        ticker.start();

        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> registrants = new ArrayList<>();
        AtomicReference<Throwable> registrantFailure = new AtomicReference<>();
        for (int t = 0; t < THREADS; t++) {
            long thread = t;
            Thread r = new Thread(() -> {
                try {
                    long id = 0;
                    for (int round = 0; round < ROUNDS; round++) {
                        start.await(WAIT_SECONDS, TimeUnit.SECONDS);
                        int n = 1 + ThreadLocalRandom.current().nextInt(3);
                        List<CompletableFuture<Object>> futures = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            futures.add(tracker.register((thread << 40) | id++, System.nanoTime()));
                            expiry.registered();
                            registered.increment();
                            if (ThreadLocalRandom.current().nextBoolean()) {
                                Thread.yield();
                            }
                        }
                        for (CompletableFuture<Object> f : futures) {
                            assertTimedOut(f, "round " + round + " of thread " + thread);
                        }
                    }
                } catch (Throwable e) {
                    registrantFailure.compareAndSet(null, e);
                    start.reset(); // the other threads' next round fails at once instead of waiting it out
                }
            }, "test-registrant-" + t);
            registrants.add(r);
            r.start();
        }
        for (Thread r : registrants) {
            r.join();
        }
        // The last check finds the tracker empty and disarms (within a tick or two).
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (expiry.isArmed() && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        stop.set(true);
        ticker.join();

        assertNull(registrantFailure.get(), () -> "a registrant failed: " + registrantFailure.get());
        assertNull(taskFailure.get(), () -> "the check failed: " + taskFailure.get());
        assertEquals(registered.sum(), timedOut.sum(), "every request counted as timed out, once");
        assertEquals(0, tracker.pending());
        assertFalse(expiry.isArmed(), "the check disarms once the tracker is empty");
    }

    private static void assertTimedOut(CompletableFuture<Object> f, String where) throws InterruptedException {
        try {
            f.get(WAIT_SECONDS, TimeUnit.SECONDS);
            fail(where + ": completed normally");
        } catch (TimeoutException e) {
            fail(where + ": a request due at once did not time out in " + WAIT_SECONDS + " s (no check armed?)");
        } catch (ExecutionException e) {
            assertInstanceOf(TimeoutException.class, e.getCause(), where);
        }
    }

    /** The tracker, whose {@code pending()} yields after counting every other call. */
    private static <T> RequestTracker<T> yieldingPending(RequestTracker<T> t) {
        return new DelegatingRequestTracker<>(t) {
            @Override
            public int pending() {
                int n = tracker.pending();
                if (ThreadLocalRandom.current().nextBoolean()) {
                    Thread.yield();
                }
                return n;
            }
        };
    }
}
