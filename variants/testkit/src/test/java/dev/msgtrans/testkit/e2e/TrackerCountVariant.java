package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.spi.RequestTracker;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * CONTROL for tests: the mutex variant, except that each request tracker counts its registrations and the calls the
 * engine's expiry makes ({@link RequestTracker#pending}, {@link RequestTracker#expire}), so a test can see which
 * sessions' trackers the timer touched. Registered through this module's test {@code META-INF/services}; a builder
 * needs {@code allowControlVariants()} to use it ({@code variant("requests=tracker-count")}).
 */
public final class TrackerCountVariant extends MutexTrackerControl {

    public static final String ALIAS = "tracker-count";

    /** The counts of one tracker. */
    public static final class Counts {
        public final LongAdder registrations = new LongAdder();
        public final LongAdder pendingCalls = new LongAdder();
        public final LongAdder expireCalls = new LongAdder();
    }

    /** Every tracker made since {@link #reset}, in order. */
    public static final Queue<Counts> MADE = new ConcurrentLinkedQueue<>();

    /** Forgets the trackers made so far (a test calls it first). */
    public static void reset() {
        MADE.clear();
    }

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String description() {
        return "mutex, but each request tracker counts registrations and expiry calls (a test control)";
    }

    @Override
    protected <T> RequestTracker<T> wrap(RequestTracker<T> tracker) {
        Counts counts = new Counts();
        MADE.add(counts);
        return new DelegatingRequestTracker<>(tracker) {
            @Override
            public CompletableFuture<T> register(long key, long deadlineNanos) {
                counts.registrations.increment();
                return tracker.register(key, deadlineNanos);
            }

            @Override
            public int expire(long nowNanos) {
                counts.expireCalls.increment();
                return tracker.expire(nowNanos);
            }

            @Override
            public int pending() {
                counts.pendingCalls.increment();
                return tracker.pending();
            }
        };
    }
}
