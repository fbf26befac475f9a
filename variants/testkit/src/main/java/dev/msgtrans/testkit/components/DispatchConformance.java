package dev.msgtrans.testkit.components;

import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.Variant;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Dispatch}: worker count, close that finishes queued tasks, joins the workers and rejects later tasks; and
 * with several submitters on a small queue, each task run exactly once, after what its submitter wrote before
 * {@code execute}.
 */
public final class DispatchConformance {

    private DispatchConformance() {
    }

    public static void contract(Variant v) {
        Dispatch d = v.newDispatch("conformance-dispatch", 2, 8);
        assertEquals(2, d.workers());
        AtomicInteger ran = new AtomicInteger();
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        // More tasks than the queue holds: execute waits for room, never drops.
        for (int i = 0; i < 100; i++) {
            d.execute(() -> {
                workers.add(Thread.currentThread());
                ran.incrementAndGet();
            });
        }
        d.close();
        assertEquals(100, ran.get(), "close lets every queued task finish");
        assertEquals(100, d.executed());
        assertTrue(workers.size() <= 2, "tasks ran on " + workers.size() + " threads, expected at most 2 workers");
        for (Thread t : workers) {
            assertFalse(t.isAlive(), "close joins the workers; " + t.getName() + " still alive");
        }
        assertThrows(RejectedExecutionException.class, () -> d.execute(ran::incrementAndGet), "execute after close");
    }

    /**
     * Submitters execute numbered tasks into a queue of 16; each task checks that it sees the plain write its
     * submitter made before {@code execute}, and counts its runs. After close, every task ran exactly once and
     * every worker thread has ended.
     */
    public static void exactlyOnce(Variant v, StressLoad load) {
        String check = "dispatch-exactly-once[" + v.alias() + "]";
        int submitters = load.threads();
        int m = load.opsPerThread();
        int total = submitters * m;
        AtomicIntegerArray runs = new AtomicIntegerArray(total);
        int[] payload = new int[total]; // plain writes: only execute's happens-before publishes them
        AtomicReference<String> violation = new AtomicReference<>();
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        Dispatch d = v.newDispatch("conformance-dispatch", 2, 16);
        try {
            Contenders.run(check, submitters, load.deadlineNanos(), (i, race) -> {
                for (int n = 0; n < m; n++) {
                    int k = i * m + n;
                    payload[k] = k + 1;
                    d.execute(() -> {
                        workers.add(Thread.currentThread());
                        if (payload[k] != k + 1) {
                            violation.compareAndSet(null, "task " + k + " did not see its submitter's write");
                        }
                        runs.incrementAndGet(k);
                    });
                }
            });
        } finally {
            d.close();
        }
        assertNull(violation.get(), check + ": " + violation.get());
        for (int k = 0; k < total; k++) {
            assertEquals(1, runs.get(k), check + ": runs of task " + k);
        }
        assertEquals(total, d.executed(), check + ": executed()");
        for (Thread t : workers) {
            assertFalse(t.isAlive(), check + ": close returned but worker " + t.getName() + " is alive");
        }
    }
}
