package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.spi.RequestTracker;

import java.util.concurrent.CompletableFuture;

/** A request tracker that forwards every call; a test control overrides the calls it watches or breaks. */
public class DelegatingRequestTracker<T> implements RequestTracker<T> {

    protected final RequestTracker<T> tracker;

    public DelegatingRequestTracker(RequestTracker<T> tracker) {
        this.tracker = tracker;
    }

    @Override
    public int nextMessageId() {
        return tracker.nextMessageId();
    }

    @Override
    public CompletableFuture<T> register(long key, long deadlineNanos) {
        return tracker.register(key, deadlineNanos);
    }

    @Override
    public boolean complete(long key, T response) {
        return tracker.complete(key, response);
    }

    @Override
    public boolean fail(long key, Throwable cause) {
        return tracker.fail(key, cause);
    }

    @Override
    public int expire(long nowNanos) {
        return tracker.expire(nowNanos);
    }

    @Override
    public int failAll(Throwable cause) {
        return tracker.failAll(cause);
    }

    @Override
    public int pending() {
        return tracker.pending();
    }
}
