package dev.msgtrans.variants.mutex;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MutexRequestTrackerTest {

    private final MutexRequestTracker<String> t = new MutexRequestTracker<>();

    @Test
    void completeResolvesOnceAndLeavesNothingBehind() {
        CompletableFuture<String> f = t.register(1, System.nanoTime() + 1_000_000_000L);
        assertEquals(1, t.pending());
        assertTrue(t.complete(1, "ok"));
        assertFalse(t.complete(1, "again"));
        assertFalse(t.fail(1, new RuntimeException()));
        assertEquals("ok", f.join());
        assertEquals(0, t.pending());
    }

    @Test
    void aPendingKeyIsRefusedNotOverwritten() {
        CompletableFuture<String> first = t.register(5, 0);
        assertThrows(IllegalStateException.class, () -> t.register(5, 0));
        t.complete(5, "first");
        assertEquals("first", first.join());
        t.register(5, 0); // free again once completed
        assertEquals(1, t.pending());
    }

    @Test
    void expireFailsOnlyWhatIsPastItsDeadlineWithATimeout() {
        long now = System.nanoTime();
        CompletableFuture<String> old = t.register(1, now - 10);
        CompletableFuture<String> fresh = t.register(2, now + 1_000_000_000L);
        assertEquals(1, t.expire(now));
        CompletionException e = assertThrows(CompletionException.class, old::join);
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertFalse(fresh.isDone());
        assertEquals(1, t.pending());
        assertEquals(1, t.failAll(new IllegalStateException("shutdown")));
        assertTrue(fresh.isCompletedExceptionally());
        assertEquals(0, t.pending());
    }

    @Test
    void deadlinesAcrossTheNanoTimeWrapAreOrderedByDifference() {
        long now = Long.MAX_VALUE - 5;
        t.register(1, now - 1);             // expired
        t.register(2, now + 100);           // wraps to a negative value, still 100 ns in the future
        assertEquals(1, t.expire(now));
        assertEquals(1, t.pending());
    }

    @Test
    void messageIdsSkipZeroOnWrapAround() throws Exception {
        Field last = LockedRequestTracker.class.getDeclaredField("lastId");
        last.setAccessible(true);
        last.setInt(t, -2);
        assertEquals(-1, t.nextMessageId()); // 0xFFFFFFFF as u32
        assertEquals(1, t.nextMessageId());
        assertEquals(2, t.nextMessageId());
    }

    @Test
    void completeRacingExpireResolvesEveryRequestExactlyOnce() throws Exception {
        int n = 2_000;
        for (int round = 0; round < 10; round++) {
            long deadline = System.nanoTime() - 1; // every request is already expirable
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                futures.add(t.register(k, deadline));
            }
            CyclicBarrier start = new CyclicBarrier(2);
            int[] completedWins = {0};
            int[] expiredWins = {0};
            Thread completer = new Thread(() -> {
                await(start);
                for (int k = n - 1; k >= 0; k--) { // from the other end than expiry, to meet in the middle
                    if (t.complete(k, "r")) {
                        completedWins[0]++;
                    }
                }
            });
            Thread expirer = new Thread(() -> {
                await(start);
                while (t.pending() > 0) {
                    expiredWins[0] += t.expire(System.nanoTime());
                }
            });
            completer.start();
            expirer.start();
            completer.join();
            expirer.join();
            assertEquals(n, completedWins[0] + expiredWins[0], "each request resolved by exactly one caller");
            long normal = futures.stream().filter(f -> !f.isCompletedExceptionally()).count();
            assertEquals(completedWins[0], normal);
            assertTrue(futures.stream().allMatch(CompletableFuture::isDone));
            assertEquals(0, t.pending());
        }
    }

    private static void await(CyclicBarrier b) {
        try {
            b.await();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
