package dev.msgtrans.testkit.components;

import dev.msgtrans.core.TransportConfig;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.IdleStrategy;
import dev.msgtrans.core.spi.Variant;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * {@code execute}; and the idle policy, which is the transport's and not the variant's.
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
     * Every dispatch idles as the transport says, whatever its strategy: the five-argument factory builds its
     * workers' strategy with {@link IdleStrategy#of} from the given spins and yields, and the three-argument one
     * with the JVM defaults. Under each policy (block at once, spin, spin and yield) a task executed while the
     * workers idle or block still runs: a worker that spins forever, or blocks without being woken, fails here.
     */
    /**
     * An interrupted caller's task is neither dropped nor refused, also when it must wait for room, and the caller
     * keeps its interrupt: the transport's timer is interrupted when a node shuts down, in the middle of publishing
     * the events of a close it is making.
     */
    public static void interruptedCaller(Variant v) throws InterruptedException {
        Dispatch d = v.newDispatch("conformance-dispatch", 1, 2);
        CountDownLatch hold = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        try {
            d.execute(() -> awaitQuietly(hold)); // the one worker is busy: the queue fills, the caller waits
            Thread.currentThread().interrupt();
            Thread release = new Thread(() -> {
                sleepQuietly(100);
                hold.countDown();
            });
            release.start();
            for (int i = 0; i < 8; i++) {
                d.execute(ran::incrementAndGet);
            }
            assertTrue(Thread.interrupted(), "the caller's interrupt is kept (and cleared here)");
            release.join();
        } finally {
            Thread.interrupted();
            hold.countDown();
            d.close();
        }
        assertEquals(8, ran.get(), "every task of the interrupted caller ran");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void idlePolicy(Variant v) throws InterruptedException {
        int[][] policies = {{0, 0}, {7, 3}, {2_000, 0}};
        for (int[] p : policies) {
            try (Dispatch d = v.newDispatch("conformance-idle", 2, 8, p[0], p[1])) {
                assertEquals(IdleStrategy.of(p[0], p[1]).toString(), d.idleStrategy(),
                        v.alias() + ": dispatch must idle with the transport's policy " + p[0] + "/" + p[1]);
                for (int round = 0; round < 20; round++) {
                    CountDownLatch ran = new CountDownLatch(1);
                    d.execute(ran::countDown);
                    assertTrue(ran.await(20, TimeUnit.SECONDS), v.alias() + ": a task executed to idle workers ("
                            + d.idleStrategy() + ") never ran");
                    if (round % 4 == 0) {
                        Thread.sleep(5); // let the workers run out of spins and block, so the next task must wake one
                    }
                }
            }
        }
        try (Dispatch d = v.newDispatch("conformance-idle-default", 1, 8)) {
            assertEquals(IdleStrategy.of(TransportConfig.DEFAULT_DISPATCH_SPINS,
                    TransportConfig.DEFAULT_DISPATCH_YIELDS).toString(), d.idleStrategy(),
                    v.alias() + ": the three-argument factory uses the JVM's default idle settings");
        }
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
