package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.TransportConfig;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.TransportException;
import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.SessionRegistry;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The session life cycle of an {@link EngineNode}: open (spawn the actor, register, announce), close (once, whoever
 * asks), and the graceful close between them (drain what was accepted, write the replies, then close), for one
 * session or, when the node closes, for all ({@link #drainSessions}). The inbound and outbound paths, the timer, the
 * loops and the node's shutdown close sessions through it; it reports through {@link EngineEvents} and depends on
 * no other path.
 * <p>
 * Threading contract: every method may be called from any thread unless it says otherwise.
 */
final class SessionLifecycle {

    private final TransportConfig config;
    private final SessionRegistry<Session> sessions;
    private final ActorSystem<Object> actors;
    private final EngineCounters counters;
    private final EngineEvents events;
    /** Arms each session's idle and linger deadlines. */
    private final EngineTimer timer;
    /** The node's closed flag (set by {@link EngineNode#beginClose()}): read only. */
    private final AtomicBoolean closed;
    private final long lingerNanos;
    /** The thread waiting in {@link #drainSessions} for the sessions to close; each close unparks it. */
    private volatile Thread drainWaiter;

    SessionLifecycle(TransportConfig config, SessionRegistry<Session> sessions, ActorSystem<Object> actors,
                     EngineCounters counters, EngineEvents events, EngineTimer timer, AtomicBoolean closed) {
        this.config = config;
        this.sessions = sessions;
        this.actors = actors;
        this.counters = counters;
        this.events = events;
        this.timer = timer;
        this.closed = closed;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(config.closeLingerMillis());
    }

    // ---- open and close -----------------------------------------------------------------------------------------

    /**
     * Opens a constructed session: spawns its actor, registers it, publishes {@code ConnectionEstablished}, tells
     * the actor to run the handler's {@code onOpen}, and only then schedules it on its loop, whose first service
     * starts reading; so the event precedes {@code onOpen} (which finds the session registered) and every
     * {@code MessageReceived} of the session.
     */
    void open(Session s) {
        open(s, true);
    }

    /**
     * As {@link #open(Session)}; with {@code announce} false the handler's {@code onOpen} is left for a later
     * {@link #announce}: an in-memory client end opens first (so that nothing the server sends can find it
     * unopened) but must not run {@code onOpen}, which may send, before the server's end is open to receive.
     */
    void open(Session s, boolean announce) {
        if (!actors.spawn(s.id, s)) {
            throw new IllegalStateException("an actor for session " + s.id + " exists already");
        }
        if (!s.state.open()) {
            actors.stop(s.id);
            return;
        }
        sessions.put(s.id, s);
        counters.sessionsOpened.increment();
        JfrEvents.sessionOpened(s);
        timer.watchIdle(s); // a close that wins meanwhile finds the entry or leaves it to find the session closed
        events.publish(new TransportEvent.ConnectionEstablished(s.id, s.peer));
        if (announce) {
            // After registration and the event: onOpen may look the session up, or send, and its effects follow
            // ConnectionEstablished. Still before the first read, so it precedes every packet.
            announce(s);
        }
        if (closed.get()) {
            closeSession(s, CloseReason.SHUTDOWN, null, null); // raced with close(): do not leak the session
            return;
        }
        if (!s.loop.running()) {
            // Its loop died after loopFor chose it; registered first, so the dying loop's sweep or this check
            // (or both) sees the session, and it cannot be left behind on a loop that serves nothing.
            closeSession(s, CloseReason.IO_ERROR, "IO_LOOP", "session " + s.id + " from " + s.peer + " was assigned to "
                    + s.loop.thread.getName() + ", which has stopped");
            return;
        }
        if (s.outbound.requestFlush()) {
            s.loop.schedule(s);
        }
    }

    /**
     * Tells the session's actor to run the handler's {@code onOpen}. A refusal loses nothing: the session's first
     * packet or its {@code onStop} runs {@code onOpen} first (see {@link Session}). A refusal by a full mailbox
     * (possible only for a deferred announce, after packets) is counted by the actor system as a drop; it is
     * taken back out of {@code mailboxDrops}, which counts lost packets.
     */
    void announce(Session s) {
        ActorSystem.Delivery d = actors.tell(s.id, Session.OPEN);
        if (d == ActorSystem.Delivery.ACCEPTED) {
            s.openMarkerAccepted();
        } else if (d == ActorSystem.Delivery.MAILBOX_FULL) {
            markerDiscarded();
        }
    }

    /**
     * After the session's writability changed: has its actor tell the handler, with a {@link Session#WRITABILITY}
     * marker unless one is pending already. A full mailbox refuses the marker, but then the actor has messages to
     * run and tells the handler after the next one; an actor not spawned yet does so after its first.
     */
    void noticeWritability(Session s) {
        if (!s.writabilityNotice.compareAndSet(false, true)) {
            return;
        }
        ActorSystem.Delivery d = actors.tell(s.id, Session.WRITABILITY);
        if (d == ActorSystem.Delivery.ACCEPTED) {
            s.writabilityMarkerAccepted();
        } else if (d == ActorSystem.Delivery.MAILBOX_FULL) {
            markerDiscarded();
        }
    }

    /** A lifecycle marker was counted as a mailbox drop although nothing was lost. */
    void markerDiscarded() {
        counters.markersDiscarded.increment();
    }

    /**
     * Closes a session once, whoever asks: publishes the error (if any), removes it from the registry, stops its
     * actor, fails its pending requests, releases the link, and publishes {@code ConnectionClosed}.
     *
     * @param cause   a {@code TransportError} cause to publish first, or {@code null}
     * @return {@code true} if this call closed it
     */
    boolean closeSession(Session s, CloseReason reason, String cause, String message) {
        if (!s.state.close(reason)) {
            return false;
        }
        CloseReason why = s.state.reason(); // a graceful close that had begun keeps its own reason
        if (cause != null) {
            events.publish(new TransportEvent.TransportError(s.id, cause, message));
        }
        sessions.remove(s.id, s);
        EngineTimer.forget(s); // its deadlines leave the wheel rather than hold the session until they fire
        int held = s.heldCount;
        if (held > 0) {
            counters.heldDiscarded.add(held); // waiting for room when the session closed: never handled
            JfrEvents.mailboxDrop(s, held, "HELD_AT_CLOSE");
        }
        actors.stop(s.id);
        int failed = s.requests.failAll(new TransportException("session " + s.id + " closed: " + why));
        counters.requestsFailed.add(failed);
        s.closeLink();
        counters.sessionsClosed.increment();
        JfrEvents.sessionClosed(s, why);
        events.publish(new TransportEvent.ConnectionClosed(s.id, why));
        Thread waiter = drainWaiter;
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
        return true;
    }

    /** A failed loop's thread: closes every session assigned to the loop, each with its own error and close event. */
    void closeSessionsOf(IoLoop loop, Throwable t) {
        String message = ") closed: its I/O loop " + loop.thread.getName() + " stopped: " + t;
        sessions.forEach(s -> {
            if (s.loop == loop) {
                try {
                    closeSession(s, CloseReason.IO_ERROR, "IO_LOOP", "session " + s.id + " (" + s.peer + message);
                } catch (RuntimeException e) {
                    // one failed close must not leave the loop's other sessions open
                }
            }
        });
    }

    // ---- graceful close: drain what was accepted, write the replies, then close ---------------------------------

    /**
     * Reading thread: the peer ended its stream or sent a bad frame. The session stops reading but stays
     * registered; its actor handles every packet accepted before now (the {@link Session#DRAIN} marker, or the
     * last of those packets, tells it when it is done: {@link #drained}), its loop writes every reply queued
     * meanwhile, and only then does the session close ({@link #drainFlushed}). The timer bounds the whole by
     * the linger time.
     *
     * @param cause a {@code TransportError} cause to publish now, or {@code null}
     */
    void beginGracefulClose(Session s, CloseReason reason, String cause, String message) {
        if (!s.state.drain(reason)) {
            return;
        }
        timer.watchLinger(s);
        if (cause != null) {
            // Before the drain can end (it ends once drainTarget is set): the error precedes ConnectionClosed.
            events.publish(new TransportEvent.TransportError(s.id, cause, message));
        }
        s.stopReading();
        // the packets still waiting for room in the mailbox were sent before the end: they are owed replies too
        s.drainTarget = s.accepted + s.held.size();
        ActorSystem.Delivery d = actors.tell(s.id, Session.DRAIN);
        if (d == ActorSystem.Delivery.MAILBOX_FULL) {
            // The actor has packets queued, and it checks the target after each: it ends the drain itself. The
            // refusal was counted as a mailbox drop although no packet was lost.
            counters.markersDiscarded.increment();
        } else if (d == ActorSystem.Delivery.ACCEPTED) {
            s.drainMarkerAccepted();
        } else {
            closeSession(s, reason, null, null); // no actor to drain (the node is closing)
        }
    }

    /** The session's actor: every packet accepted before the drain is handled; close once the queue is written. */
    void drained(Session s) {
        s.closeWhenFlushed = true;
        if (s.outbound.requestFlush()) {
            s.loop.schedule(s);
        }
        // else a flush is pending: its flushDone() comes after this and sees closeWhenFlushed
    }

    /** Loop thread: a drained session's queue is empty and written. */
    void drainFlushed(Session s) {
        if (!s.lingersForPeer()) {
            closeSession(s, s.state.reason(), null, null);
        } else if (s.state.closing()) {
            s.shutdownOutput();
            if (s.peerFinished) {
                // In memory the peer's end of stream arrives on another thread; if it came while we were still
                // draining it was not acted on (onEndOfStream saw no CLOSING), so close here. Over TCP it cannot.
                closeSession(s, s.state.reason(), null, null);
            }
        }
    }

    // ---- the graceful close of every session, for the node's close ----------------------------------------------

    /**
     * After {@link EngineNode#beginClose()} (and after the owner stopped making sessions), before
     * {@link EngineNode#shutdown}: closes every session gracefully, as a peer's end of stream would, and waits until
     * each has closed or the linger time ({@code closeLingerMillis}) has passed since the call. Each drain starts on
     * the thread that reads the session
     * ({@link Session#runAsReader}); its actor handles every packet accepted before, its loop writes every frame
     * queued, and each closes with {@code SHUTDOWN}. A session that did not finish in time is closed here with a
     * {@code LINGER_TIMEOUT} error; one that had written everything and was only waiting for the peer's end of
     * stream is closed without one. With no sessions it returns at once.
     * <p>
     * After writing, a session shuts its output and waits for the peer's end of stream, as the per-session graceful
     * close does over TCP: the peer reads our replies and our end of stream, and ends its own stream; closing with
     * its late input unread instead would make the kernel send a reset, which can destroy replies still in flight
     * to it. The wait also lets the responses to this node's own requests arrive (the peer replies before its end
     * of stream), which is what a client's graceful close promises. The linger bounds a peer that never ends.
     */
    void drainSessions() {
        if (sessions.size() == 0) {
            return;
        }
        long deadline = System.nanoTime() + lingerNanos;
        boolean interrupted = false;
        drainWaiter = Thread.currentThread();
        try {
            sessions.forEach(s -> {
                // A refusal (the reading loop has stopped) leaves the session to the deadline below.
                s.runAsReader(() -> beginGracefulClose(s, CloseReason.SHUTDOWN, null, null));
            });
            for (long left; sessions.size() > 0 && (left = deadline - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    interrupted = true; // the caller wants it over: the drains it cut short are reported below
                    break;
                }
            }
        } finally {
            drainWaiter = null;
        }
        sessions.forEach(s -> {
            if (s.state.isClosing()) {
                closeSession(s, CloseReason.SHUTDOWN, null, null); // all written; the peer just never ended its stream
            } else {
                closeSession(s, CloseReason.SHUTDOWN, "LINGER_TIMEOUT", "shutdown: graceful close of session " + s.id
                        + " (" + s.peer + ", " + s.state + ") did not finish handling and writing in "
                        + config.closeLingerMillis() + " ms; closed with " + s.outbound.size() + " frames unwritten");
            }
        });
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
