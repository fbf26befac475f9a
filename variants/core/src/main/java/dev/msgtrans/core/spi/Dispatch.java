package dev.msgtrans.core.spi;

import java.util.concurrent.Executor;

/**
 * Phase 3.2: hand-off of work (actor runs carrying decoded packets) from I/O threads to a fixed set of worker
 * threads.
 * <p>
 * Threading contract: {@link #execute} from any thread; each task runs exactly once on one of {@link #workers()}
 * worker threads, and {@code execute} happens-before the task runs. Workers run in parallel, so no order between
 * tasks is promised (per-session order comes from the actor mailboxes). {@code execute} never drops a task:
 * when the queue is full the caller waits for room (the queue only ever holds one run per actor with work, so it
 * is sized from the session limit). Idle workers follow one {@link IdleStrategy}, built from the transport's idle
 * settings for every dispatch alike, then block until a producer signals them. After {@link #close()} {@code execute} throws
 * {@link java.util.concurrent.RejectedExecutionException}; close lets queued tasks finish and joins the workers.
 * <p>
 * Failures: a task that throws is caught and given to {@link #reportFailure}, and its worker carries on; the actor
 * systems and event buses that run on a dispatch report their behaviors' and subscribers' failures through it too,
 * so one {@link FailureHandler} sees them all.
 */
public interface Dispatch extends Executor, AutoCloseable {

    @Override
    void execute(Runnable task);

    int workers();

    /**
     * Reports a {@code Throwable} thrown by code run on this dispatch for somebody else (a task, an actor's behavior,
     * an event subscriber), as Scala's {@code ExecutionContext.reportFailure}; see {@link FailureHandler} for the
     * policy. Any thread; never throws. A real dispatch counts the failure in {@link #failures()} and calls the
     * handler it was built with; this default, for test doubles, calls {@link FailureHandler#UNCAUGHT}.
     */
    default void reportFailure(Throwable failure) {
        FailureHandler.report(FailureHandler.UNCAUGHT, failure);
    }

    /** Failures given to {@link #reportFailure} so far; 0 for a dispatch that does not count them (a test double). */
    default long failures() {
        return 0;
    }

    /** Tasks run so far. */
    long executed();

    /** Approximate queue length. */
    int queued();

    /**
     * The idle strategy of the workers, as the {@code toString()} of the {@link IdleStrategy} that
     * {@link IdleStrategy#of} built for them (e.g. {@code blocking}, {@code backoff(spins=100,yields=0)}); {@code none}
     * for a dispatch whose workers never idle (a test dispatch that runs tasks on the caller).
     */
    default String idleStrategy() {
        return "none";
    }

    @Override
    void close();
}
