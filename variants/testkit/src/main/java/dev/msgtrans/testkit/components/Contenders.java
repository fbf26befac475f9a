package dev.msgtrans.testkit.components;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs the threads of one concurrent check: all released at once by a start gate, joined before the check's
 * invariants are read (the join orders every thread's effects before them), and bounded by the check's deadline.
 * The first failure of any thread aborts the others and is rethrown as an {@link AssertionError} naming the check.
 */
final class Contenders {

    /** The body of one contender. */
    @FunctionalInterface
    interface Task {
        void run(int index, Contenders race) throws Exception;
    }

    private final String check;
    private final long deadlineNanos;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private Contenders(String check, long deadlineNanos) {
        this.check = check;
        this.deadlineNanos = deadlineNanos;
    }

    /** Runs {@code threads} copies of {@code task} (indices 0..threads-1) and waits for all of them. */
    static void run(String check, int threads, long deadlineNanos, Task task) {
        Contenders race = new Contenders(check, deadlineNanos);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    task.run(index, race);
                } catch (Aborted ignored) {
                    // another contender failed first; its failure is the one reported
                } catch (Throwable e) {
                    race.failure.compareAndSet(null, e);
                }
            }, check + "-" + i);
            t.setDaemon(true); // a contender stuck in a broken component must not keep the JVM alive
            ts.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : ts) {
            race.join(t);
        }
        Throwable f = race.failure.get();
        if (f instanceof AssertionError a && a.getMessage() != null && a.getMessage().startsWith(check + ":")) {
            throw a;
        }
        if (f != null) {
            throw new AssertionError(check + ": " + f, f);
        }
    }

    private void join(Thread t) {
        try {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            if (t.isAlive()) {
                failure.compareAndSet(null, new AssertionError(check + ": thread " + t.getName()
                        + " still running at the deadline (hang, lost wake-up or lost item)"));
                t.interrupt();
                t.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(check + ": interrupted while joining " + t.getName(), e);
        }
    }

    /** Fails the check from inside a contender, with a message naming it. */
    AssertionError fail(String message) {
        AssertionError e = new AssertionError(check + ": " + message);
        failure.compareAndSet(null, e);
        return e;
    }

    /** For waiting loops: backs off briefly; throws when the deadline passed or another contender failed. */
    void backOff() {
        if (failure.get() != null) {
            throw new Aborted();
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw fail("deadline passed while waiting (hang, lost wake-up or lost item)");
        }
        Thread.yield();
    }

    /** Waits, outside any contender, until {@code condition} holds; fails the check at the deadline. */
    static void awaitUntil(String check, long deadlineNanos, BooleanSupplier condition, Supplier<String> state) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new AssertionError(check + ": deadline passed waiting; " + state.get());
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** Unwinds a contender after another one failed. */
    private static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super(null, null, false, false);
        }
    }
}
