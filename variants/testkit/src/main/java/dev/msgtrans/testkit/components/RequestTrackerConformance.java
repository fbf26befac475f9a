package dev.msgtrans.testkit.components;

import dev.msgtrans.core.spi.RequestTracker;
import dev.msgtrans.core.spi.Variant;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RequestTracker}: message ids, refusal of a pending key, complete/fail/expire from one thread; and with
 * completion, failure and expiry racing on the same keys, each request resolved exactly once and no entry left.
 */
public final class RequestTrackerConformance {

    private RequestTrackerConformance() {
    }

    /** The failure the checks inject, told apart from a tracker's own {@link TimeoutException}. */
    static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String message) {
            super(message, null, false, false);
        }
    }

    private static Throwable cause(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get(0, TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("future not completed", e);
        }
    }

    public static void contract(Variant v) throws Exception {
        RequestTracker<String> t = v.newRequestTracker();
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            int id = t.nextMessageId();
            assertNotEquals(0, id, "message id 0 means none");
            assertTrue(ids.add(id), "message id " + id + " repeated");
        }
        long far = System.nanoTime() + TimeUnit.HOURS.toNanos(1);

        CompletableFuture<String> f1 = t.register(1, far);
        assertEquals(1, t.pending());
        assertThrows(IllegalStateException.class, () -> t.register(1, far), "a pending key is refused, not overwritten");
        assertEquals(1, t.pending());
        assertFalse(f1.isDone(), "the refused register must leave the pending request alone");
        assertTrue(t.complete(1, "r"));
        assertEquals("r", f1.getNow(null));
        assertFalse(t.complete(1, "again"), "a second completion");
        assertFalse(t.fail(1, new InjectedFailure("late")), "a failure after completion");
        assertEquals(0, t.pending());
        assertFalse(t.register(1, far).isDone(), "a completed key can be registered again");
        assertTrue(t.complete(1, "r2"));

        CompletableFuture<String> f2 = t.register(2, far);
        InjectedFailure boom = new InjectedFailure("boom");
        assertTrue(t.fail(2, boom));
        assertSame(boom, cause(f2));
        assertFalse(t.complete(2, "late"));

        long now = System.nanoTime();
        CompletableFuture<String> f3 = t.register(3, now - 1);
        CompletableFuture<String> f4 = t.register(4, far);
        assertEquals(1, t.expire(now), "only the overdue request expires");
        assertInstanceOf(TimeoutException.class, cause(f3));
        assertFalse(t.complete(3, "late"), "an expired request cannot be completed");
        assertEquals(1, t.pending(), "expiry removed its entry");
        assertFalse(f4.isDone());
        assertEquals(1, t.failAll(new InjectedFailure("shutdown")));
        assertInstanceOf(InjectedFailure.class, cause(f4));
        assertEquals(0, t.pending());
    }

    /** Threads draw message ids at once: no id twice, never 0. */
    public static void uniqueMessageIds(Variant v, StressLoad load) {
        String check = "requests-unique-ids[" + v.alias() + "]";
        RequestTracker<String> t = v.newRequestTracker();
        Set<Integer> ids = ConcurrentHashMap.newKeySet();
        Contenders.run(check, load.threads(), load.deadlineNanos(), (i, race) -> {
            for (int n = 0; n < load.opsPerThread(); n++) {
                int id = t.nextMessageId();
                if (id == 0 || !ids.add(id)) {
                    throw race.fail("message id " + id + (id == 0 ? " handed out" : " handed out twice"));
                }
            }
        });
        assertEquals(load.threads() * load.opsPerThread(), ids.size(), check);
    }

    /**
     * Keys are registered (half of them already overdue), then every thread tries to complete or fail every key,
     * with expire sweeps mixed in. Each request must be resolved by exactly one of them, the futures must agree with
     * the winners, and no entry may remain.
     */
    public static void exactlyOnce(Variant v, StressLoad load) {
        String check = "requests-exactly-once[" + v.alias() + "]";
        RequestTracker<Integer> t = v.newRequestTracker();
        int keys = load.opsPerThread();
        long now = System.nanoTime();
        long far = now + TimeUnit.HOURS.toNanos(1);
        CompletableFuture<?>[] futures = new CompletableFuture<?>[keys];
        for (int k = 0; k < keys; k++) {
            futures[k] = t.register(k, k % 2 == 0 ? now - 1 : far);
        }
        AtomicIntegerArray wins = new AtomicIntegerArray(keys);
        AtomicLong expired = new AtomicLong();
        int threads = load.threads();
        Contenders.run(check, threads, load.deadlineNanos(), (i, race) -> {
            for (int k = 0; k < keys; k++) {
                // Each key gets at least two different contenders; an expire sweep now and then races them all.
                int key = (k + i * (keys / threads)) % keys;
                boolean won = (key + i) % 2 == 0 ? t.complete(key, i) : t.fail(key, new InjectedFailure("by " + i));
                if (won) {
                    wins.incrementAndGet(key);
                }
                if (k % 256 == i) {
                    expired.addAndGet(t.expire(System.nanoTime()));
                }
            }
        });
        long timedOut = 0;
        for (int k = 0; k < keys; k++) {
            CompletableFuture<?> f = futures[k];
            assertTrue(f.isDone(), check + ": request " + k + " never resolved");
            boolean byExpiry = f.isCompletedExceptionally() && f.handle((r, e) -> e instanceof TimeoutException).join();
            if (byExpiry) {
                timedOut++;
                assertTrue(k % 2 == 0, check + ": request " + k + " was not overdue but expired");
            }
            assertEquals(1, wins.get(k) + (byExpiry ? 1 : 0), check + ": resolutions of request " + k
                    + " (complete/fail returned true " + wins.get(k) + " times, expired: " + byExpiry + ")");
        }
        assertEquals(timedOut, expired.get(), check + ": expire() counts vs futures failed by a timeout");
        assertEquals(0, t.pending(), check + ": entries left behind");
    }
}
