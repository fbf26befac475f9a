package dev.msgtrans.testkit.broken;

import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.FailureHandler;
import dev.msgtrans.core.spi.IdleStrategy;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * CONTROL, deliberately unsafe: an {@link ArrayDeque} task queue shared by the callers and the workers with no
 * synchronization, a plain closed flag and plain counters. Idle workers follow the transport's {@link IdleStrategy}
 * like every dispatch, then poll with a short timed park, since there is no lock or flag to be woken by; callers
 * facing a full queue poll with a short park too. Correct from one calling thread with one worker most of the time;
 * concurrently, tasks are lost or run twice. Shutdown is signalled by interrupting the workers, which exit once they
 * see the queue empty; close joins them. Failures follow the shared policy ({@link FailureHandler}), counted in a
 * plain counter: the control is broken in its synchronization, not in what it reports.
 */
final class BrokenDispatch implements Dispatch {

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final int capacity;
    private final Thread[] workers;
    private final int spins;
    private final int yields;
    private final FailureHandler failureHandler;
    private long executed;
    private long failures;
    private boolean closed;

    BrokenDispatch(String name, int workers, int queueCapacity, int spins, int yields, FailureHandler failureHandler) {
        this.failureHandler = failureHandler;
        if (workers <= 0 || queueCapacity <= 0) {
            throw new IllegalArgumentException("workers and queueCapacity must be positive, were " + workers + " and "
                    + queueCapacity);
        }
        this.spins = spins;
        this.yields = yields;
        this.capacity = queueCapacity;
        this.workers = new Thread[workers];
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, name + "-broken-" + i);
            t.setDaemon(true); // a worker confused by a race must not keep the JVM alive
            this.workers[i] = t;
            t.start();
        }
    }

    @Override
    public void execute(Runnable task) {
        for (;;) {
            if (closed) {
                throw new RejectedExecutionException("dispatch closed");
            }
            if (queue.size() < capacity) {
                queue.offer(task);
                return;
            }
            LockSupport.parkNanos(20_000);
        }
    }

    private void work() {
        IdleStrategy idle = IdleStrategy.of(spins, yields);
        for (;;) {
            Runnable r;
            try {
                r = queue.poll();
            } catch (RuntimeException raceDamage) {
                r = null; // a racing offer left the deque inconsistent; the task is lost, as races lose them
            }
            if (r != null) {
                idle.reset();
                try {
                    r.run();
                } catch (Throwable e) {
                    reportFailure(e);
                }
                executed++;
                continue;
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            if (!idle.idle(0)) {
                LockSupport.parkNanos(50_000); // no wake-up to wait for: the timed park is this control's "block"
            }
        }
    }

    @Override
    public void reportFailure(Throwable failure) {
        failures++;
        FailureHandler.report(failureHandler, failure);
    }

    @Override
    public long failures() {
        return failures;
    }

    @Override
    public String idleStrategy() {
        return IdleStrategy.of(spins, yields).toString();
    }

    @Override
    public int workers() {
        return workers.length;
    }

    @Override
    public long executed() {
        return executed;
    }

    @Override
    public int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : workers) {
            t.interrupt();
        }
        boolean interrupted = false;
        for (Thread t : workers) {
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
}
