package dev.msgtrans.stress.support;

import dev.msgtrans.core.spi.Dispatch;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Dispatch} that runs each task on the thread that hands it over, before the outermost {@code execute}
 * of that thread returns.
 * <p>
 * Why: jcstress creates thousands of state objects per second, so a state cannot own worker threads; and with
 * caller-runs execution the two jcstress actor threads <em>are</em> the workers, so the component's scheduling
 * protocol (the "one run per actor at a time" flag, the subscriber drain flag) races on exactly the threads
 * jcstress interleaves. A further benefit: when both actors have returned, every task has run, so the arbiter sees
 * a quiescent component and can check conservation without waiting.
 * <p>
 * A task submitted from inside a running task is not run nested but queued on a per-thread trampoline and run when
 * the current task returns, as a worker pool would run it after the current one. Nesting would grow the stack
 * without bound when a component re-submits itself until it sees an element a preempted producer has claimed but
 * not yet published (JCTools queues' {@code drain} is relaxed), which a real worker simply retries. A thread that
 * keeps re-running such tasks yields now and then, so that on an oversubscribed machine the producer gets a CPU.
 * <p>
 * Threading contract: {@link #execute} from any thread; every task runs exactly once, on the calling thread, unless
 * the thread detects a livelock ({@value #LIVELOCK_RUNS} queued runs in one outermost call) and throws.
 * {@link #workers()} reports 1: the caller.
 */
public final class CallerRunsDispatch implements Dispatch {

    /** Tasks queued by tasks, per thread; shared by all instances since tasks of any instance may nest. */
    private static final ThreadLocal<Trampoline> TRAMPOLINE = ThreadLocal.withInitial(Trampoline::new);
    /** Re-runs between two {@link Thread#yield()}s of a thread draining its trampoline. */
    private static final int YIELD_EVERY = 256;
    /**
     * Queued runs after which a thread gives up with {@link IllegalStateException}: a component that re-submits
     * itself this often without its state changing is livelocked (the broken control's corrupted mailbox reports
     * non-empty and polls nothing). Far above what a preempted producer costs a correct component.
     */
    static final int LIVELOCK_RUNS = 1 << 24;

    private final AtomicLong executed = new AtomicLong();
    private volatile boolean closed;

    @Override
    public void execute(Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("caller-runs dispatch is closed");
        }
        Trampoline t = TRAMPOLINE.get();
        if (t.running) {
            t.queued.add(new Counted(task, executed));
            return;
        }
        t.running = true;
        try {
            new Counted(task, executed).run();
            Runnable next;
            int runs = 0;
            while ((next = t.queued.poll()) != null) {
                if (++runs % YIELD_EVERY == 0) {
                    if (runs >= LIVELOCK_RUNS) {
                        throw new IllegalStateException("livelock: tasks re-submitted " + runs + " times on one thread");
                    }
                    Thread.yield();
                }
                next.run();
            }
        } finally {
            t.queued.clear();
            t.running = false;
        }
    }

    @Override
    public int workers() {
        return 1;
    }

    @Override
    public long executed() {
        return executed.get();
    }

    @Override
    public int queued() {
        return 0;
    }

    @Override
    public void close() {
        closed = true;
    }

    private static final class Trampoline {
        boolean running;
        final ArrayDeque<Runnable> queued = new ArrayDeque<>();
    }

    /** Counts a task once it has run, whichever instance queued it. */
    private record Counted(Runnable task, AtomicLong executed) implements Runnable {
        @Override
        public void run() {
            try {
                task.run();
            } finally {
                executed.incrementAndGet();
            }
        }
    }
}
