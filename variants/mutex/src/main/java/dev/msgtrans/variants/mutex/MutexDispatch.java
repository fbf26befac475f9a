package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.TransportConfig;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.FailureHandler;
import dev.msgtrans.core.spi.IdleStrategy;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Phase 3.2, mutex strategy: a fixed set of daemon worker threads ({@code name-0}, {@code name-1}, ...) taking tasks
 * from one {@link ArrayBlockingQueue}, which is a single lock with two conditions.
 * <p>
 * Idle policy: the transport's, as every dispatch's. A worker that finds the queue empty follows its
 * {@link IdleStrategy} (built by {@link IdleStrategy#of} from the spins and yields), polling between steps, then
 * blocks in {@code take()} on the queue's not-empty condition, where a producer's {@code put} signals it. With the
 * {@link dev.msgtrans.core.spi.BlockingIdleStrategy} (0 spins, 0 yields) it blocks at once, after the one failed
 * poll that tells it the queue is empty (the lock-free dispatch pays the same failed poll before it parks). A
 * spinning worker takes the queue's lock on every {@code poll}, so it contends with producers while it spins: that
 * is the honest cost of spinning on a locked queue.
 * <p>
 * Threading contract: as {@link Dispatch}. {@link #execute} blocks in {@code put} while the queue is full, never
 * drops, not even when the caller is interrupted (it keeps the interrupt for the caller). A task that throws is given to {@link #reportFailure} (counted in {@link #failures()}, then handed to the
 * {@link FailureHandler} given at construction, by default the worker's uncaught-exception handler), and the worker
 * carries on; an interrupt left set by a task is cleared so it cannot break the next {@code take}.
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
    private final int spins;
    private final int yields;
    private final FailureHandler failureHandler;
    private final Object closeLock = new Object();
    private volatile boolean closed; // written under closeLock

    /** With the JVM's default idle settings ({@link TransportConfig#DEFAULT_DISPATCH_SPINS}, ...YIELDS). */
    public MutexDispatch(String name, int workers, int queueCapacity) {
        this(name, workers, queueCapacity, TransportConfig.DEFAULT_DISPATCH_SPINS,
                TransportConfig.DEFAULT_DISPATCH_YIELDS);
    }

    /**
     * @param spins  polls with {@link Thread#onSpinWait()} of an idle worker before it yields (0 for none)
     * @param yields polls with {@link Thread#yield()} of an idle worker before it blocks in {@code take} (0 for none)
     */
    public MutexDispatch(String name, int workers, int queueCapacity, int spins, int yields) {
        this(name, workers, queueCapacity, spins, yields, FailureHandler.UNCAUGHT);
    }

    /** @param failureHandler where {@link #reportFailure} sends every failure */
    public MutexDispatch(String name, int workers, int queueCapacity, int spins, int yields,
                         FailureHandler failureHandler) {
        Objects.requireNonNull(name, "name");
        this.failureHandler = Objects.requireNonNull(failureHandler, "failureHandler");
        if (workers <= 0 || queueCapacity <= 0) {
            throw new IllegalArgumentException("workers and queueCapacity must be > 0, were " + workers + " and "
                    + queueCapacity);
        }
        if (spins < 0 || yields < 0) {
            throw new IllegalArgumentException("spins and yields must be >= 0, were " + spins + " and " + yields);
        }
        this.spins = spins;
        this.yields = yields;
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
        putUninterruptibly(task);
        if (closed && queue.remove(task)) {
            throw new RejectedExecutionException("dispatch is closed");
        }
    }

    private void work() {
        IdleStrategy idle = IdleStrategy.of(spins, yields);
        for (; ; ) {
            Runnable task = queue.poll();
            if (task == null) {
                if (idle.idle(0)) {
                    continue; // spun or yielded: poll again
                }
                try {
                    task = queue.take();
                } catch (InterruptedException e) {
                    continue; // only close() ends a worker, through the end marker
                }
            }
            idle.reset();
            if (task == STOP) {
                return;
            }
            try {
                task.run();
            } catch (Throwable t) {
                reportFailure(t);
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

    /** Idle polls with {@link Thread#onSpinWait()} of a worker before it yields. */
    public int spins() {
        return spins;
    }

    /** Idle polls with {@link Thread#yield()} of a worker before it blocks. */
    public int yields() {
        return yields;
    }

    @Override
    public String idleStrategy() {
        return IdleStrategy.of(spins, yields).toString();
    }

    @Override
    public void reportFailure(Throwable failure) {
        failures.increment();
        FailureHandler.report(failureHandler, failure);
    }

    /** Failures reported: tasks that threw, and behaviors and subscribers that threw on this dispatch. */
    @Override
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

    /**
     * Waits for room without giving up on an interrupt, which it keeps for the caller: the contract forbids dropping
     * a task (an interrupted caller, a timer being shut down or an application thread, would otherwise lose it),
     * and close's end markers must all be queued.
     */
    private void putUninterruptibly(Runnable task) {
        boolean interrupted = false;
        for (; ; ) {
            try {
                queue.put(task);
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
