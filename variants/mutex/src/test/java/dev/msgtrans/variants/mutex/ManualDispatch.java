package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.Dispatch;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/** A single-threaded {@link Dispatch} the test drives by hand, so that scheduling decisions are observable. */
final class ManualDispatch implements Dispatch {

    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private long executed;
    private boolean closed;

    @Override
    public synchronized void execute(Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("closed");
        }
        tasks.add(task);
    }

    /** Runs the oldest queued task. @return false if there was none */
    boolean runOne() {
        Runnable r;
        synchronized (this) {
            r = tasks.poll();
        }
        if (r == null) {
            return false;
        }
        r.run();
        executed++;
        return true;
    }

    /** Runs tasks, including the ones they schedule, until none is left. @return how many ran */
    int runAll() {
        int n = 0;
        while (runOne()) {
            n++;
        }
        return n;
    }

    @Override
    public int workers() {
        return 1;
    }

    @Override
    public long executed() {
        return executed;
    }

    @Override
    public synchronized int queued() {
        return tasks.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
