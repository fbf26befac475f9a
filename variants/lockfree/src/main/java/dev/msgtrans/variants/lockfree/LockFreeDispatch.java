package dev.msgtrans.variants.lockfree;

import dev.msgtrans.core.TransportConfig;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.FailureHandler;
import dev.msgtrans.core.spi.IdleStrategy;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpmcArrayQueue;

/**
 * {@link Dispatch} on a JCTools {@link MpmcArrayQueue}: N worker threads poll one bounded multi-producer,
 * multi-consumer ring, and idle with the transport's {@link IdleStrategy} (spin, then yield), then park.
 *
 * <pre>
 *  I/O thread --execute--\                         /--> worker-0: poll, run | idle strategy, park
 *  I/O thread --execute----> [ MPMC ring of tasks ] ---> worker-1: ...
 *  worker     --execute--/          |               \--> worker-N-1
 *                                   +-- parked count &gt; 0 ? CAS one worker's parked flag 1-&gt;0, unpark it
 * </pre>
 *
 * Why this structure: dispatch is a work queue (each task to exactly one of N consumers), the MPMC topology.
 * The LMAX Disruptor was considered: its ring multicasts every event to every event processor, and version 4.0
 * removed {@code WorkerPool}/{@code WorkHandler}, the only work-queue mode it had (which was itself a shared CAS
 * on a work sequence, i.e. an MPMC queue built on the ring); its publishers also block on the slowest consumer
 * through the gating sequences. {@code ThreadPoolExecutor} over {@code ArrayBlockingQueue} takes a lock per
 * offer and per poll. The JCTools ring claims a slot with one CAS per producer and one per consumer.
 * <p>
 * Idle strategy and wake-ups: a worker that finds the ring empty follows its {@link IdleStrategy} (built by
 * {@link IdleStrategy#of} from the transport's spins and yields, as every variant's dispatch does), then parks.
 * Before parking it raises its own parked flag, increments the shared parked count (a padded word) and re-checks
 * the ring; a producer, after its offer, reads the parked count and only if it is non-zero CASes one worker's flag
 * from 1 to 0 and unparks it. Both sides write then read with sequentially consistent accesses, so a task is never
 * left with every worker parked, and a producer pays the unpark system call only when a worker really sleeps.
 * <p>
 * Defaults ({@link #DEFAULT_SPINS}, {@link #DEFAULT_YIELDS}): no yield, and a short spin only with 4 or more
 * cores. A yielding worker is neither running nor parked: the kernel keeps it runnable, so it competes for the
 * cores with the I/O threads on every yield, and producers do not wake a parked worker while it is there (the
 * parked count does not include it), so a task offered meanwhile waits until the scheduler comes back to the
 * yielder. Where the dispatch workers of a server and a client share few cores with the I/O loops and the callers,
 * yields cut end-to-end throughput and spins do not help (the figures, with their command and machine, are in
 * {@code docs/fairness.md}). A transport sets the two with {@code Transport.builder().dispatchIdle(spins, yields)};
 * the defaults and the system properties that change them for the JVM are in {@link TransportConfig}. Longer
 * spins, and yields, pay off only when the workers have cores to themselves.
 * <p>
 * Progress: {@code execute} is lock-free while the ring has room; when it is full the caller spins and yields
 * until room appears (the contract forbids dropping), except a worker of this dispatch, which runs the task
 * itself (bounded nesting) since waiting on its own consumers could deadlock. Workers block only by parking
 * when idle. Tasks that throw, {@code Error}s included, are caught and given to {@link #reportFailure} (counted in
 * {@link #failures()}, then handed to the {@link FailureHandler} given at construction), and the worker carries on.
 * <p>
 * Close: {@link #close()} makes further {@code execute} calls throw {@link RejectedExecutionException}, lets the
 * workers drain the ring, and joins them. A producer that offered concurrently with close re-checks the closed
 * flag after its offer and, if the workers may already have exited, runs what is left itself, so a task that was
 * accepted is never lost nor run twice (during that race it runs on the producer's thread).
 */
public final class LockFreeDispatch extends PaddedInt implements Dispatch {

    /** Busy-spins of an idle worker before it yields: {@link TransportConfig#DEFAULT_DISPATCH_SPINS}. */
    public static final int DEFAULT_SPINS = TransportConfig.DEFAULT_DISPATCH_SPINS;
    /** Yields of an idle worker before it parks: {@link TransportConfig#DEFAULT_DISPATCH_YIELDS}. */
    public static final int DEFAULT_YIELDS = TransportConfig.DEFAULT_DISPATCH_YIELDS;
    /** How deep a worker may run tasks itself when the ring is full, before it waits like any producer. */
    private static final int MAX_INLINE_DEPTH = 8;

    private final MpmcArrayQueue<Runnable> tasks;
    private final Worker[] workers;
    private final int spins;
    private final int yields;
    private final LongAdder executed = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final FailureHandler failureHandler;
    private volatile boolean closed;

    /** Starts {@code workers} daemon threads named {@code name-0 .. name-(workers-1)} with the default back-off. */
    public LockFreeDispatch(String name, int workers, int queueCapacity) {
        this(name, workers, queueCapacity, DEFAULT_SPINS, DEFAULT_YIELDS);
    }

    /**
     * @param spins  busy-spins of an idle worker before it yields (0 for none)
     * @param yields {@link Thread#yield()} calls of an idle worker before it parks (0 for none)
     */
    public LockFreeDispatch(String name, int workers, int queueCapacity, int spins, int yields) {
        this(name, workers, queueCapacity, spins, yields, FailureHandler.UNCAUGHT);
    }

    /** @param failureHandler where {@link #reportFailure} sends every failure */
    public LockFreeDispatch(String name, int workers, int queueCapacity, int spins, int yields,
                            FailureHandler failureHandler) {
        if (failureHandler == null) {
            throw new NullPointerException("failureHandler");
        }
        this.failureHandler = failureHandler;
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, got " + queueCapacity);
        }
        if (spins < 0 || yields < 0) {
            throw new IllegalArgumentException("spins and yields must be >= 0, got " + spins + ", " + yields);
        }
        this.tasks = new MpmcArrayQueue<>(Math.max(2, queueCapacity));
        this.spins = spins;
        this.yields = yields;
        spValue(0); // parked workers
        this.workers = new Worker[workers];
        for (int i = 0; i < workers; i++) {
            this.workers[i] = new Worker(this, name + "-" + i);
        }
        for (Worker w : this.workers) {
            w.start();
        }
    }

    @Override
    public void execute(Runnable task) {
        if (task == null) {
            throw new NullPointerException("task");
        }
        if (closed) {
            throw new RejectedExecutionException("dispatch closed");
        }
        if (!tasks.offer(task)) {
            offerWhenFull(task);
        }
        if (lvValue() != 0) {
            wakeOne();
        }
        if (closed) {
            // Close may have begun between our first check and the offer; the workers might have seen the ring
            // empty and exited. Whoever polls a task runs it, so helping cannot run anything twice.
            runRemaining();
        }
    }

    private void offerWhenFull(Runnable task) {
        Thread t = Thread.currentThread();
        if (t instanceof Worker && ((Worker) t).owner == this && ((Worker) t).inlineDepth < MAX_INLINE_DEPTH) {
            Worker w = (Worker) t;
            w.inlineDepth++;
            try {
                runTask(task);
            } finally {
                w.inlineDepth--;
            }
            return;
        }
        int spun = 0;
        while (!tasks.offer(task)) {
            if (closed) {
                throw new RejectedExecutionException("dispatch closed while waiting for room");
            }
            if (lvValue() != 0) {
                wakeOne(); // make sure someone is consuming
            }
            if (++spun < 64) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private void wakeOne() {
        for (Worker w : workers) {
            if (w.lvParked() == 1 && w.casParked(1, 0)) {
                getAndAddValue(-1);
                LockSupport.unpark(w);
                return;
            }
        }
    }

    private void runRemaining() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            runTask(r);
        }
    }

    private void runTask(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            reportFailure(t);
        }
        executed.increment();
    }

    private void workLoop(Worker self) {
        IdleStrategy idle = IdleStrategy.of(spins, yields);
        for (;;) {
            Runnable r = tasks.poll();
            if (r != null) {
                runTask(r);
                idle.reset();
            } else if (closed) {
                // Read closed, then re-check emptiness: a producer that offered after this check reads the closed
                // flag after its offer and runs what is left itself (see execute), so nothing is stranded.
                if (tasks.isEmpty()) {
                    return;
                }
            } else if (!idle.idle(0)) {
                park(self);
                idle.reset();
            }
        }
    }

    private void park(Worker self) {
        self.svParked(1);
        getAndAddValue(1);
        // Re-check after announcing: a producer that offered before our announcement is visible now.
        if (!tasks.isEmpty() || closed) {
            if (self.casParked(1, 0)) {
                getAndAddValue(-1);
            }
            return;
        }
        while (self.lvParked() == 1 && !closed) {
            LockSupport.park(this);
        }
        if (self.casParked(1, 0)) { // woken by close, not by a producer
            getAndAddValue(-1);
        }
    }

    /** Busy-spins of an idle worker before it yields. */
    public int spins() {
        return spins;
    }

    /** Yields of an idle worker before it parks. */
    public int yields() {
        return yields;
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
        return executed.sum();
    }

    @Override
    public void reportFailure(Throwable failure) {
        failures.increment();
        FailureHandler.report(failureHandler, failure);
    }

    /**
     * Failures reported: tasks that threw (also counted in {@link #executed()}), and behaviors and subscribers that
     * threw on this dispatch.
     */
    @Override
    public long failures() {
        return failures.sum();
    }

    @Override
    public int queued() {
        return tasks.size();
    }

    /** Idempotent; from a worker of this dispatch it does not join the calling worker. */
    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
        boolean interrupted = false;
        for (Worker w : workers) {
            if (w == Thread.currentThread()) {
                continue;
            }
            for (;;) {
                try {
                    w.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A worker thread with its parked flag (written by itself and by producers that wake it). */
    private static final class Worker extends Thread {
        private static final VarHandle PARKED;

        static {
            try {
                PARKED = MethodHandles.lookup().findVarHandle(Worker.class, "parked", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final LockFreeDispatch owner;
        /** Nesting of tasks this worker runs itself because the ring was full; touched only by this thread. */
        int inlineDepth;
        private volatile int parked;

        Worker(LockFreeDispatch owner, String name) {
            super(name);
            this.owner = owner;
            setDaemon(true);
        }

        int lvParked() {
            return parked;
        }

        void svParked(int v) {
            parked = v;
        }

        boolean casParked(int expect, int update) {
            return PARKED.compareAndSet(this, expect, update);
        }

        @Override
        public void run() {
            owner.workLoop(this);
        }
    }
}
