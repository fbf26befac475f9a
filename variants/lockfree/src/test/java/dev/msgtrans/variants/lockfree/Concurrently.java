package dev.msgtrans.variants.lockfree;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Test helpers: start threads together, join them, wait for a condition (liveness bounds, never speed checks). */
final class Concurrently {

    /** Generous bound on how long a correct component may take to make progress on a loaded shared box. */
    static final long LIVENESS_SECONDS = 20;

    interface Body {
        void run(int thread) throws Exception;
    }

    private Concurrently() {
    }

    /** Runs {@code body} on {@code threads} threads released together; rethrows the first failure. */
    static void run(int threads, Body body) {
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int id = i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    body.run(id);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "test-" + i);
            t.setDaemon(true);
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(LIVENESS_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
            if (t.isAlive()) {
                fail(t.getName() + " made no progress within " + LIVENESS_SECONDS + " s (lost wake-up or deadlock?)");
            }
        }
        if (failure.get() != null) {
            throw new AssertionError("a test thread failed", failure.get());
        }
    }

    /** Waits until {@code condition} holds; fails naming {@code what} if it never does. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVENESS_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("never happened: " + what);
            }
            LockSupport.parkNanos(50_000);
        }
    }
}
