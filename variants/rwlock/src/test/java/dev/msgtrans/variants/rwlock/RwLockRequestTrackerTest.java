package dev.msgtrans.variants.rwlock;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RwLockRequestTrackerTest {

    @Test
    void completeRacingFailResolvesEachRequestExactlyOnce() throws Exception {
        RwLockRequestTracker<Integer> t = new RwLockRequestTracker<>();
        int n = 2_000;
        for (int round = 0; round < 10; round++) {
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                futures.add(t.register(k, System.nanoTime() + 60_000_000_000L));
            }
            int[] wins = new int[2];
            int[] pendingGrew = {0};
            CyclicBarrier start = new CyclicBarrier(3);
            Thread completer = new Thread(() -> {
                await(start);
                for (int k = 0; k < n; k++) {
                    if (t.complete(k, k)) {
                        wins[0]++;
                    }
                }
            });
            Thread failer = new Thread(() -> {
                await(start);
                for (int k = n - 1; k >= 0; k--) {
                    if (t.fail(k, new IllegalStateException("closed"))) {
                        wins[1]++;
                    }
                }
            });
            Thread reader = new Thread(() -> { // pending() is the one read-lock path
                await(start);
                int last = n;
                while (last > 0) {
                    int now = t.pending();
                    if (now > last) {
                        pendingGrew[0]++;
                    }
                    last = now;
                }
            });
            completer.start();
            failer.start();
            reader.start();
            completer.join();
            failer.join();
            reader.join();
            assertEquals(0, pendingGrew[0], "pending() must only shrink while requests resolve");
            assertEquals(n, wins[0] + wins[1]);
            assertEquals(wins[0], futures.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count());
            assertEquals(0, t.pending());
        }
    }

    @Test
    void registerRefusesAPendingKeyAndIdsAreNeverZero() {
        RwLockRequestTracker<Integer> t = new RwLockRequestTracker<>();
        t.register(9, 0);
        assertThrows(IllegalStateException.class, () -> t.register(9, 0));
        for (int i = 0; i < 1000; i++) {
            assertNotEquals(0, t.nextMessageId());
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
