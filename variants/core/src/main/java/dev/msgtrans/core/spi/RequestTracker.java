package dev.msgtrans.core.spi;

import java.util.concurrent.CompletableFuture;

/**
 * Phase 3.2: pending requests, keyed by a long (the engine composes it from the session and the message id),
 * each completed exactly once: by its response, by a failure, or by expiry.
 * <p>
 * Threading contract: every method from any thread. Completion, failure and expiry race through removal of the
 * entry: the one that removes it completes the future, the others return {@code false}. An entry never outlives its
 * completion, so a timed-out request leaves nothing behind. A key already pending is refused (never silently
 * overwritten, as the original did).
 *
 * @param <T> response type
 */
public interface RequestTracker<T> {

    /** @return a fresh message id (u32 wrap-around; 0 is skipped so that 0 can mean "none") */
    int nextMessageId();

    /**
     * @param deadlineNanos {@link System#nanoTime()} after which {@link #expire} fails the request with a
     *                      {@link java.util.concurrent.TimeoutException}
     * @throws IllegalStateException if {@code key} is already pending
     */
    CompletableFuture<T> register(long key, long deadlineNanos);

    /** @return {@code true} if this call completed the request */
    boolean complete(long key, T response);

    /** @return {@code true} if this call failed the request */
    boolean fail(long key, Throwable cause);

    /** Fails every request whose deadline is before {@code nowNanos}. @return how many */
    int expire(long nowNanos);

    /** Fails every pending request (shutdown). @return how many */
    int failAll(Throwable cause);

    int pending();
}
