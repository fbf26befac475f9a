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
 * is sized from the session limit). After {@link #close()} {@code execute} throws
 * {@link java.util.concurrent.RejectedExecutionException}; close lets queued tasks finish and joins the workers.
 */
public interface Dispatch extends Executor, AutoCloseable {

    @Override
    void execute(Runnable task);

    int workers();

    /** Tasks run so far. */
    long executed();

    /** Approximate queue length. */
    int queued();

    @Override
    void close();
}
