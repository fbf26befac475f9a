package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.spi.RequestTracker;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * CONTROL for tests: the mutex variant, except that the first {@link RequestTracker#expire} call of each tracker throws
 * {@link #FAULT}, an {@code Error}, which is how a timer tick meets a failure without a seam in the engine. Registered
 * through this module's test {@code META-INF/services}; a control, so it is kept out of the real variants and a
 * builder needs {@code allowControlVariants()} to use it ({@code variant("requests=tick-fault")}).
 */
public final class TickFaultVariant extends MutexTrackerControl {

    public static final String ALIAS = "tick-fault";
    /** What the first expire throws. */
    public static final Error FAULT = new AssertionError("tick-fault: the first expire throws");

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String description() {
        return "mutex, but the first expiry check of each request tracker throws an Error (a test control)";
    }

    @Override
    protected <T> RequestTracker<T> wrap(RequestTracker<T> tracker) {
        AtomicInteger expires = new AtomicInteger();
        return new DelegatingRequestTracker<>(tracker) {
            @Override
            public int expire(long nowNanos) {
                if (expires.getAndIncrement() == 0) {
                    throw FAULT;
                }
                return tracker.expire(nowNanos);
            }
        };
    }
}
