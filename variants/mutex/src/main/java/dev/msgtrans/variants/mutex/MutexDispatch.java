package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.Dispatch;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Phase 3.2, mutex strategy: a fixed set of daemon worker threads ({@code name-0}, {@code name-1}, ...) taking tasks
 * from one {@link ArrayBlockingQueue}, which is a single lock with two conditions.
 * <p>
 * Threading contract: as {@link Dispatch}. {@link #execute} blocks in {@code put} while the queue is full, never
 * drops. A task that throws is counted in {@link #failures()}, reported to the worker's uncaught-exception handler,
 * and the worker carries on; an interrupt left set by a task is cleared so it cannot break the next {@code take}.
 * <p>
 * Shutdown: {@link #close()} sets the closed flag, then enqueues one end marker per worker, behind every task
 * already queued, and joins the workers (except the calling thread, if it is one of them). An {@code execute} that
 * raced with close re-checks the flag after its {@code put}; if close has begun and the task is still in the queue,
 * it takes it back and throws {@link RejectedExecutionException}; if a worker already took it, it runs. Either way
 * each task runs at most once, and no accepted task is stranded behind the end markers. Statistics use
 * {@link LongAdder}: they are counters, not synchronization.
 */
public final class MutexDispatch implements Dispatch {

    /** End marker: a worker that takes it exits. */
    private static final Runnable STOP = () -> { };

    private final ArrayBlockingQueue<Runnable> queue;
    private final Thread[] workers;
    private final LongAdder executed = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final Object closeLock = new Object();
    private volatile boolean closed; // written under closeLock

    public MutexDispatch(String name, int workers, int queueCapacity) {
        Objects.requireNonNull(name, "name");
        if (workers <= 0 || queueCapacity <= 0) {
            throw new IllegalArgumentException("workers and queueCapacity must be > 0, were " + workers + " and "
                    + queueCapacity);
        }
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.workers = new Thread[workers];
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, name + "-" + i);
            t.setDaemon(true);
            this.workers[i] = t;
        }
        for (Thread t : this.workers) {
            t.start();
        }
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (closed) {
            throw new RejectedExecutionException("dispatch is closed");
        }
        try {
            queue.put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("interrupted while waiting for room in the dispatch queue", e);
        }
        if (closed && queue.remove(task)) {
            throw new RejectedExecutionException("dispatch is closed");
        }
    }

    private void work() {
        for (; ; ) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                continue; // only close() ends a worker, through the end marker
            }
            if (task == STOP) {
                return;
            }
            try {
                task.run();
            } catch (Throwable t) {
                failures.increment();
                Uncaught.report(t);
            } finally {
                executed.increment();
                Thread.interrupted();
            }
        }
    }

    @Override
    public int workers() {
        return workers.length;
    }

    @Override
    public long executed() {
        return executed.sum();
    }

    /** Tasks that threw. */
    public long failures() {
        return failures.sum();
    }

    @Override
    public int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        synchronized (closeLock) {
            if (!closed) {
                closed = true;
                for (int i = 0; i < workers.length; i++) {
                    putUninterruptibly(STOP);
                }
            }
        }
        boolean interrupted = false;
        for (Thread t : workers) {
            if (t == Thread.currentThread()) {
                continue;
            }
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void putUninterruptibly(Runnable marker) {
        boolean interrupted = false;
        for (; ; ) {
            try {
                queue.put(marker);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
