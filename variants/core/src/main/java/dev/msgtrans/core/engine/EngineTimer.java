package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.TransportConfig;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.spi.SessionRegistry;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timer of an {@link EngineNode}: one daemon thread that runs the periodic tick (request expiry, idle sessions,
 * graceful closes past their linger time) and the one-shot tasks handed to {@link #schedule} (a client's connect
 * timeouts). The tick closes sessions through {@link SessionLifecycle} and reports through {@link EngineEvents}.
 * <p>
 * Threading contract: {@link #schedule} from any thread; {@link #start}, {@link #stop} and {@link #abandon} by the
 * node that made it, once each.
 */
final class EngineTimer {

    private final TransportConfig config;
    private final String threadName;
    private final SessionRegistry<Session> sessions;
    private final EngineCounters counters;
    private final SessionLifecycle lifecycle;
    private final EngineEvents events;
    private final ScheduledExecutorService timer;
    /** The timer's one thread (its tick never throws, so the executor never replaces it). */
    private volatile Thread timerThread;
    private final long idleNanos;
    private final long lingerNanos;

    /** Makes the timer's executor; its thread starts with the first task ({@link #start}). */
    EngineTimer(String threadName, TransportConfig config, SessionRegistry<Session> sessions, EngineCounters counters,
                SessionLifecycle lifecycle, EngineEvents events) {
        this.config = config;
        this.threadName = threadName;
        this.sessions = sessions;
        this.counters = counters;
        this.lifecycle = lifecycle;
        this.events = events;
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(config.idleTimeoutMillis());
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(config.closeLingerMillis());
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
     * Timer thread: expires requests, closes idle sessions. Never throws, {@code Error}s included: a periodic task
     * that throws is cancelled by its executor, which would silently end every later timeout.
     */
    private void tick() {
        try {
            long now = System.nanoTime();
            sessions.forEach(s -> {
                int expired = s.requests.expire(now);
                if (expired > 0) {
                    counters.requestsTimedOut.add(expired);
                }
                if (s.state.isGracefullyClosing()) {
                    if (now - s.state.drainStartedNanos() <= lingerNanos) {
                        return;
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
                } else if (idleNanos > 0 && now - s.lastInboundNanos > idleNanos) {
                    lifecycle.closeSession(s, CloseReason.IDLE_TIMEOUT, null, null);
                }
            });
        } catch (Throwable e) {
            events.publishError(-1, "TIMER", "request/idle check failed (the next tick runs as scheduled): " + e, e);
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
