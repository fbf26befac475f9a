package dev.msgtrans.core.spi;

/**
 * What an idle worker does between finding no work and blocking until a producer signals it: the idle policy of a
 * {@link Dispatch}, kept apart from the hand-off structure (as Agrona's {@code IdleStrategy}) so that every dispatch
 * shares one policy and the policy is a factor of its own, set once per transport
 * ({@code TransportConfig.dispatchSpins/dispatchYields}) and the same whatever the variant.
 * <p>
 * Unlike Agrona's strategies, the last step is not taken here: blocking is the dispatch's own (a park with its
 * wake-up protocol, a {@code take()} on a condition), since only the dispatch knows how it is woken. The strategy
 * says how long to wait actively first, and {@link #idle} returns {@code false} when that budget is spent.
 * Calling protocol, from the one worker thread that owns the instance:
 * <pre>
 * IdleStrategy idle = IdleStrategy.of(spins, yields);   // one per worker thread, never shared
 * for (;;) {
 *     int work = pollAndRun();                           // tasks run this pass, 0 if the queue was empty
 *     if (!idle.idle(work)) {                            // active-wait budget spent:
 *         blockUntilSignalled();                         //   the dispatch's park / take
 *         idle.reset();
 *     }
 * }
 * </pre>
 * Threading contract: an instance is confined to one worker thread (it keeps that worker's idle count unguarded);
 * create one per worker with {@link #of}.
 */
public interface IdleStrategy {

    /**
     * Called by the owning worker after each poll. With {@code workCount > 0} it resets and returns {@code true}
     * (keep polling); with 0 it takes one idle step (a spin, a yield) and returns {@code true}, or returns
     * {@code false} without waiting when its budget is spent: the caller then blocks until signalled.
     */
    boolean idle(int workCount);

    /** Starts a new idle period: called by the owning worker after it was woken from blocking. */
    void reset();

    /** Short key of the strategy, e.g. {@code backoff}, {@code blocking}. */
    String alias();

    /**
     * The strategy every dispatch builds for a worker from the transport's idle settings: {@link BlockingIdleStrategy}
     * when both are 0, else a {@link BackoffIdleStrategy}. Its {@code toString} names it with its settings, so two
     * dispatches with the same policy describe it the same way.
     *
     * @param spins  busy-spins ({@link Thread#onSpinWait()}) before yielding, {@code >= 0}
     * @param yields {@link Thread#yield()} calls after spinning, before blocking, {@code >= 0}
     */
    static IdleStrategy of(int spins, int yields) {
        if (spins == 0 && yields == 0) {
            return new BlockingIdleStrategy();
        }
        return new BackoffIdleStrategy(spins, yields);
    }
}
