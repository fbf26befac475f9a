package dev.msgtrans.core.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@link HashedWheel}, driven by a clock the test sets: when entries fire, cancel, hand-off and failures. */
class HashedWheelTest {

    private static final long START = 1_000_000L; // any origin: nanoTime values are arbitrary
    private static final long TICK = 10;

    private static HashedWheel wheel(int buckets) {
        return new HashedWheel(TICK, buckets, START, (task, t) -> fail("task failed: " + t));
    }

    /** The time at which the wheel must fire an entry due {@code delay} after the start: the end of its tick. */
    private static long expectedFire(long delay) {
        return (delay / TICK + 1) * TICK;
    }

    @Test
    void eachEntryFiresAtTheEndOfItsTickInItsRoundAndNotBefore() {
        // 8 buckets of 10 ns: a turn is 80 ns, so delays up to 1,000 ns wait up to 12 rounds.
        HashedWheel w = wheel(8);
        int n = 1_001;
        long[] firedAt = new long[n];
        AtomicLong now = new AtomicLong();
        for (int d = 0; d < n; d++) {
            int i = d;
            w.schedule(() -> firedAt[i] = now.get(), START, d);
        }
        for (long t = 0; t <= expectedFire(n); t++) { // one nanosecond at a time: any early fire is seen
            now.set(t);
            w.tick(START + t);
        }
        for (int d = 0; d < n; d++) {
            assertEquals(expectedFire(d), firedAt[d], "entry due at " + d + " ns");
        }
        assertEquals(0, w.size());
    }

    @Test
    void aLateTickFiresEverythingDueSinceAndNothingElse() {
        HashedWheel w = wheel(4);
        AtomicIntegerArray fired = new AtomicIntegerArray(3);
        w.schedule(() -> fired.incrementAndGet(0), START, 15);
        w.schedule(() -> fired.incrementAndGet(1), START, 95);   // two turns and more of a 40 ns ring
        w.schedule(() -> fired.incrementAndGet(2), START, 100);  // ends with the tick that ends at 110
        assertEquals(2, w.tick(START + 109));                    // a driver 100 ns late
        assertEquals(1, fired.get(0));
        assertEquals(1, fired.get(1));
        assertEquals(0, fired.get(2));
        assertEquals(1, w.tick(START + 110));
        assertEquals(1, fired.get(2));
    }

    @Test
    void anEntryScheduledInThePastFiresOnTheNextTick() {
        HashedWheel w = wheel(4);
        w.tick(START + 1_000);
        AtomicBoolean ran = new AtomicBoolean();
        w.schedule(() -> ran.set(true), START + 500, 0); // a scheduler with a stale clock
        w.tick(START + 1_009);
        assertFalse(ran.get(), "the tick that ends at 1,010 has not ended");
        w.tick(START + 1_010);
        assertTrue(ran.get());
    }

    @Test
    void aCancelledEntryNeverFiresAndLeavesTheWheel() {
        HashedWheel w = wheel(8);
        AtomicIntegerArray fired = new AtomicIntegerArray(3);
        HashedWheel.Entry inBucket = w.schedule(() -> fired.incrementAndGet(0), START, 500);
        HashedWheel.Entry stillPending;
        HashedWheel.Entry kept = w.schedule(() -> fired.incrementAndGet(2), START, 500);
        w.tick(START + 10); // both are now in their bucket
        stillPending = w.schedule(() -> fired.incrementAndGet(1), START + 10, 100);
        assertTrue(inBucket.cancel());
        assertTrue(stillPending.cancel());
        assertFalse(inBucket.cancel(), "cancels once");
        assertTrue(inBucket.isCancelled());
        assertEquals(1, w.size(), "cancelled entries are unlinked at once, not after their rounds");
        w.tick(START + 1_000);
        assertEquals(0, fired.get(0));
        assertEquals(0, fired.get(1));
        assertEquals(1, fired.get(2));
        assertTrue(kept.hasFired());
        assertFalse(kept.cancel(), "a fired entry cannot be cancelled");
        assertEquals(0, w.size());
    }

    @Test
    void manyEntriesEachFireOnceAndNeverEarly() {
        HashedWheel w = wheel(64);
        int n = 100_000;
        SplittableRandom random = new SplittableRandom(42);
        long[] delay = new long[n];
        long[] firedAt = new long[n];
        AtomicIntegerArray runs = new AtomicIntegerArray(n);
        AtomicLong now = new AtomicLong();
        List<HashedWheel.Entry> cancelled = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            delay[i] = random.nextLong(0, 20_000); // up to 31 turns of a 640 ns ring
            HashedWheel.Entry e = w.schedule(() -> {
                runs.incrementAndGet(k);
                firedAt[k] = now.get();
            }, START, delay[i]);
            if (i % 10 == 0) {
                e.cancel();
                cancelled.add(e);
            }
        }
        for (long t = 0; t <= 21_000; t += 7) { // an uneven driver: several ticks per call, sometimes none
            now.set(t);
            w.tick(START + t);
        }
        for (int i = 0; i < n; i++) {
            if (i % 10 == 0) {
                assertEquals(0, runs.get(i), "cancelled entry " + i + " ran");
            } else {
                assertEquals(1, runs.get(i), "entry " + i);
                assertTrue(firedAt[i] >= delay[i], "entry " + i + " due at " + delay[i] + " fired at " + firedAt[i]);
                assertTrue(firedAt[i] < expectedFire(delay[i]) + 7, "entry " + i + " fired late: " + firedAt[i]);
            }
        }
        assertEquals(n / 10, cancelled.size());
        assertEquals(0, w.size());
    }

    /** Producers schedule while the ticking thread runs; every entry reaches a bucket and fires exactly once. */
    @Test
    void entriesScheduledFromOtherThreadsWhileTheTickRunsAreNotLost() throws Exception {
        HashedWheel w = wheel(16);
        int producers = 3;
        int perProducer = 50_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(producers * perProducer);
        AtomicLong clock = new AtomicLong(START);
        AtomicBoolean producing = new AtomicBoolean(true);
        CountDownLatch ready = new CountDownLatch(producers + 1);
        Thread ticker = new Thread(() -> {
            ready.countDown();
            while (producing.get()) {
                w.tick(clock.addAndGet(3));
            }
        }, "wheel-ticker");
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int base = p * perProducer;
            threads.add(new Thread(() -> {
                ready.countDown();
                SplittableRandom random = new SplittableRandom(base);
                for (int i = 0; i < perProducer; i++) {
                    int k = base + i;
                    w.schedule(() -> runs.incrementAndGet(k), clock.get(), random.nextLong(0, 500));
                }
            }, "wheel-producer-" + p));
        }
        ticker.start();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
        }
        producing.set(false);
        ticker.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(ticker.isAlive());
        w.tick(clock.get() + 1_000); // everything scheduled is now due
        for (int k = 0; k < runs.length(); k++) {
            assertEquals(1, runs.get(k), "entry " + k);
        }
        assertEquals(0, w.size());
    }

    @Test
    void aThrowingTaskIsReportedAndTheWheelKeepsTicking() {
        List<Throwable> failures = new ArrayList<>();
        List<Runnable> failedTasks = new ArrayList<>();
        HashedWheel w = new HashedWheel(TICK, 8, START, (task, t) -> {
            failedTasks.add(task);
            failures.add(t);
        });
        Error error = new AssertionError("an Error, not only an exception");
        Runnable thrower = () -> {
            throw error;
        };
        AtomicIntegerArray fired = new AtomicIntegerArray(2);
        w.schedule(thrower, START, 5);
        w.schedule(() -> fired.incrementAndGet(0), START, 5);   // same bucket, after the thrower
        w.schedule(() -> {
            throw new IllegalStateException("and an exception");
        }, START, 25);
        w.schedule(() -> fired.incrementAndGet(1), START, 300); // later rounds
        assertEquals(2, w.tick(START + 10));
        assertEquals(1, fired.get(0), "the bucket's other entry ran");
        assertEquals(1, failures.size());
        assertSame(error, failures.get(0));
        assertSame(thrower, failedTasks.get(0));
        w.tick(START + 1_000);
        assertEquals(2, failures.size());
        assertEquals(1, fired.get(1), "the wheel kept ticking");
    }

    @Test
    void aTaskCanRescheduleItselfFromTheTick() {
        HashedWheel w = wheel(4);
        AtomicLong now = new AtomicLong();
        List<Long> firedAt = new ArrayList<>();
        Runnable[] rearm = new Runnable[1];
        rearm[0] = () -> {
            firedAt.add(now.get());
            if (firedAt.size() < 3) {
                w.schedule(rearm[0], START + now.get(), 55); // as the idle check re-arms for the remainder
            }
        };
        w.schedule(rearm[0], START, 55);
        for (long t = 0; t <= 400; t++) {
            now.set(t);
            w.tick(START + t);
        }
        assertEquals(List.of(60L, 120L, 180L), firedAt);
    }

    @Test
    void theRingIsAPowerOfTwoAndArgumentsAreChecked() {
        HashedWheel w = wheel(5); // rounded up to 8: a turn of 80 ns
        AtomicBoolean ran = new AtomicBoolean();
        w.schedule(() -> ran.set(true), START, 75);
        w.tick(START + 79);
        assertFalse(ran.get());
        w.tick(START + 80);
        assertTrue(ran.get());
        try {
            new HashedWheel(0, 8, START, (task, t) -> { });
            fail("a zero tick must be refused");
        } catch (IllegalArgumentException expected) {
            // refused
        }
    }
}
