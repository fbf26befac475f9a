package dev.msgtrans.variants.lockfree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LockFreeRequestTrackerTest {

    @Test
    void messageIdsWrapAroundAndSkipZero() {
        LockFreeRequestTracker<String> t = new LockFreeRequestTracker<>(-2);
        assertEquals(-1, t.nextMessageId()); // 0xFFFF_FFFF as a u32
        assertEquals(1, t.nextMessageId());
        assertEquals(2, t.nextMessageId());
        assertEquals(1, new LockFreeRequestTracker<String>().nextMessageId());
    }

    @Test
    void aPendingKeyIsRefusedNotOverwritten() {
        LockFreeRequestTracker<String> t = new LockFreeRequestTracker<>();
        CompletableFuture<String> f = t.register(7, Long.MAX_VALUE);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.register(7, 0));
        assertTrue(e.getMessage().contains("7"));
        assertTrue(t.complete(7, "reply"));
        assertEquals("reply", f.getNow(null));
        assertFalse(t.complete(7, "again"));
        assertEquals(0, t.pending());
        t.register(7, 0); // free again once completed
        assertEquals(1, t.pending());
    }

    @Test
    void expireFailsOnlyPastDeadlinesAndLeavesNothing() throws Exception {
        LockFreeRequestTracker<String> t = new LockFreeRequestTracker<>();
        long now = System.nanoTime();
        CompletableFuture<String> old = t.register(1, now - 1);
        CompletableFuture<String> young = t.register(2, now + 1_000_000_000L);
        assertEquals(1, t.expire(now));
        ExecutionException e = assertThrows(ExecutionException.class, old::get);
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertFalse(young.isDone());
        assertEquals(1, t.pending());
        assertFalse(t.complete(1, "late"), "an expired request cannot be completed");
        assertTrue(t.fail(2, new IllegalStateException("peer gone")));
        assertTrue(young.isCompletedExceptionally());
        assertEquals(0, t.pending());
    }

    @Test
    void failAllFailsEveryPendingRequest() {
        LockFreeRequestTracker<String> t = new LockFreeRequestTracker<>();
        for (int i = 0; i < 100; i++) {
            t.register(i, Long.MAX_VALUE);
        }
        assertEquals(100, t.failAll(new IllegalStateException("shutdown")));
        assertEquals(0, t.pending());
    }

    /** complete, fail and expire race on one request: exactly one wins, and no entry is left behind. */
    @Test
    void completeFailAndExpireRaceExactlyOnce() {
        LockFreeRequestTracker<Integer> t = new LockFreeRequestTracker<>();
        int rounds = 2_000;
        @SuppressWarnings({"unchecked", "rawtypes"})
        CompletableFuture<Integer>[] futures = new CompletableFuture[rounds];
        for (int i = 0; i < rounds; i++) {
            futures[i] = t.register(i, System.nanoTime() - 1);
        }
        AtomicInteger completes = new AtomicInteger();
        AtomicInteger fails = new AtomicInteger();
        AtomicInteger expires = new AtomicInteger();
        Concurrently.run(3, th -> {
            for (int i = 0; i < rounds; i++) {
                if (th == 0) {
                    if (t.complete(i, i)) {
                        completes.incrementAndGet();
                    }
                } else if (th == 1) {
                    if (t.fail(i, new IllegalStateException("failed"))) {
                        fails.incrementAndGet();
                    }
                } else {
                    expires.addAndGet(t.expire(System.nanoTime()));
                }
            }
        });
        int normal = 0;
        int failed = 0;
        int timedOut = 0;
        for (CompletableFuture<Integer> f : futures) {
            assertTrue(f.isDone(), "every request resolved");
            try {
                f.join();
                normal++;
            } catch (CompletionException e) {
                if (e.getCause() instanceof TimeoutException) {
                    timedOut++;
                } else {
                    failed++;
                }
            }
        }
        assertEquals(rounds, completes.get() + fails.get() + expires.get(), "exactly one winner per request");
        assertEquals(completes.get(), normal);
        assertEquals(fails.get(), failed);
        assertEquals(expires.get(), timedOut);
        assertEquals(0, t.pending());
    }
}
