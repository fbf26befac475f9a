package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.TransportConfig;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.spi.RequestTracker;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timer of an {@link EngineNode}: one daemon thread that runs the periodic tick and the one-shot tasks handed to
 * {@link #schedule} (a client's connect timeouts). Each tick advances the {@link HashedWheel} of per-session
 * deadlines the engine owns, so its cost is what falls due, not the number of sessions:
 * <ul>
 *   <li>a session's idle check, armed at open and re-armed for the remainder when it fires
 *       ({@link #watchIdle});</li>
 *   <li>a graceful close's linger bound, armed when the drain begins ({@link #watchLinger});</li>
 *   <li>a session's request expiry ({@link RequestExpiry}, made by {@link #requestExpiry}): armed by a request's
 *       registration when none is armed, it runs the session's {@link RequestTracker#expire} (the request variant
 *       under test keeps its own expiry) each tick while the session has pending requests, then disarms; a session
 *       without requests costs the tick nothing.</li>
 * </ul>
 * The tasks close sessions through {@link SessionLifecycle}; failures are reported through {@link EngineEvents},
 * per task (a request expiry's with its session), and never end the tick's schedule.
 * <p>
 * Threading contract: {@link #schedule}, {@link #watchIdle}, {@link #watchLinger} and {@link #requestExpiry} from any
 * thread; {@link #bind}, {@link #start}, {@link #stop} and {@link #abandon} by the node that made it, once each.
 */
final class EngineTimer {

    /** Buckets in the wheel: with the default 10 ms tick a turn is about 5 s (an idle limit of minutes waits rounds). */
    private static final int WHEEL_BUCKETS = 512;

    private final TransportConfig config;
    private final String threadName;
    private final EngineCounters counters;
    private final EngineEvents events;
    private final ScheduledExecutorService timer;
    /** The timer's one thread (its tick never throws, so the executor never replaces it). */
    private volatile Thread timerThread;
    private final long idleNanos;
    private final long lingerNanos;
    /** The engine's deadlines; ticked only on the timer thread. */
    private final HashedWheel wheel;
    /** Set once by {@link #bind}, before the node opens any session (the wheel's tasks close through it). */
    private SessionLifecycle lifecycle;

    /** Makes the timer's executor; its thread starts with the first task ({@link #start}). */
    EngineTimer(String threadName, TransportConfig config, EngineCounters counters, EngineEvents events) {
        this.config = config;
        this.threadName = threadName;
        this.counters = counters;
        this.events = events;
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(config.idleTimeoutMillis());
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(config.closeLingerMillis());
        this.wheel = new HashedWheel(TimeUnit.MILLISECONDS.toNanos(config.requestTickMillis()), WHEEL_BUCKETS,
                System.nanoTime(), (task, e) -> events.publishError(
                        task instanceof RequestExpiry r ? r.sessionId : -1, "TIMER",
                        "a timer task failed (the timer runs on): " + task + ": " + e, e));
        ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            timerThread = t; // kept to join it: awaitTermination returns a moment before the thread is gone
            return t;
        });
        // At shutdown the tick in progress finishes (it is never interrupted: an interrupt could cut a close
        // short between its events), and nothing scheduled runs after it.
        timerPool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.timer = timerPool;
    }

    /** The node's constructor, once, before {@link #start}: the life cycle that the deadlines close sessions by. */
    void bind(SessionLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Schedules the tick every {@code requestTickMillis}. */
    void start() {
        long tick = config.requestTickMillis();
        timer.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code task} once on the timer thread after {@code delayMillis}; the task must not block or throw.
     *
     * @throws java.util.concurrent.RejectedExecutionException once the node has shut its timer down
     */
    ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        return timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Any thread, once per session as it opens (no-op if idle timeouts are off): arms its idle check. A busy session
     * costs nothing per packet (the reader only writes {@link Session#lastInboundNanos}); the check, when it fires,
     * closes the session if nothing came for the whole limit, and otherwise re-arms for the remainder (as Netty's
     * {@code IdleStateHandler} does).
     */
    void watchIdle(Session s) {
        if (idleNanos > 0) {
            armIdle(s, System.nanoTime(), idleNanos);
        }
    }

    /** Any thread, once per session, as its graceful close begins: arms the linger bound. */
    void watchLinger(Session s) {
        s.lingerDeadline = wheel.schedule(new LingerCheck(s), System.nanoTime(), lingerNanos);
    }

    /**
     * Any thread, once per session as it is made: the session's request expiry on this timer's wheel, idle until a
     * request is registered ({@link RequestExpiry#registered}).
     */
    RequestExpiry requestExpiry(long sessionId, RequestTracker<?> requests) {
        return new RequestExpiry(sessionId, requests, wheel, counters.requestsTimedOut);
    }

    /** Any thread, by the close: the session's deadlines will not fire (they would find it closed anyway). */
    static void forget(Session s) {
        s.requestExpiry.cancel();
        HashedWheel.Entry e = s.idleDeadline;
        if (e != null) {
            e.cancel();
        }
        e = s.lingerDeadline;
        if (e != null) {
            e.cancel();
        }
    }

    private void armIdle(Session s, long now, long delayNanos) {
        s.idleDeadline = wheel.schedule(new IdleCheck(s), now, delayNanos);
    }

    /** Timer thread: a session's idle deadline fired. */
    private final class IdleCheck implements Runnable {
        private final Session s;

        IdleCheck(Session s) {
            this.s = s;
        }

        @Override
        public void run() {
            // A closed session is done; a draining one is bounded by its linger instead (and never reopens).
            if (!s.state.isOpen()) {
                return;
            }
            long now = System.nanoTime();
            long quiet = now - s.lastInboundNanos;
            if (quiet > idleNanos) {
                lifecycle.closeSession(s, CloseReason.IDLE_TIMEOUT, null, null);
            } else {
                armIdle(s, now, idleNanos - quiet + 1); // input came meanwhile: the limit counts from its last
            }
        }

        @Override
        public String toString() {
            return "idle check of session " + s.id;
        }
    }

    /** Timer thread: a graceful close reached its linger bound. */
    private final class LingerCheck implements Runnable {
        private final Session s;

        LingerCheck(Session s) {
            this.s = s;
        }

        @Override
        public void run() {
            if (!s.state.isGracefullyClosing()) {
                return; // closed meanwhile
            }
            if (s.state.isClosing()) {
                // Everything owed was written; the peer just never ended its stream: not an error.
                lifecycle.closeSession(s, CloseReason.LOCAL, null, null);
            } else {
                lifecycle.closeSession(s, CloseReason.LOCAL, "LINGER_TIMEOUT", "graceful close of session "
                        + s.id + " (" + s.state + ") did not finish handling and writing in "
                        + config.closeLingerMillis() + " ms; closed with " + s.outbound.size()
                        + " frames unwritten");
            }
        }

        @Override
        public String toString() {
            return "linger bound of session " + s.id;
        }
    }

    /**
     * Timer thread: fires the deadlines due. Never throws, {@code Error}s included: a periodic task that throws is
     * cancelled by its executor, which would silently end every later timeout. The wheel reports a task that fails
     * and runs the others.
     */
    private void tick() {
        try {
            wheel.tick(System.nanoTime());
        } catch (Throwable e) {
            events.publishError(-1, "TIMER", "the timer's tick failed (the next tick runs as scheduled): " + e, e);
        }
    }

    /**
     * {@link EngineNode#shutdown}, after the sessions closed: lets the tick in progress finish, runs nothing after
     * it, and joins the thread (unless called on it).
     *
     * @return whether the caller was interrupted while waiting; its interrupt is for the caller to restore
     */
    boolean stop() {
        timer.shutdown();
        boolean interrupted = false;
        try {
            if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
                timer.shutdownNow();
                events.publish(new TransportEvent.TransportError(-1, "SHUTDOWN", threadName + " did not stop in 10 s"));
            }
            Thread t = timerThread;
            if (t != null && t != Thread.currentThread()) {
                t.join();
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        return interrupted;
    }

    /** {@link EngineNode}'s constructor, after it failed: stops the timer at once and joins its thread. */
    void abandon() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
            Thread t = timerThread;
            if (t != null) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
