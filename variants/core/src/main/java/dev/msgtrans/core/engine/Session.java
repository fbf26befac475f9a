package dev.msgtrans.core.engine;

import dev.msgtrans.core.MessageContext;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.SendResult;
import dev.msgtrans.core.codec.FrameDecoder;
import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.OutboundQueue;
import dev.msgtrans.core.spi.RequestTracker;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One connection, server or client side, whatever the protocol: its outbound queue, its persistent decoder, its
 * pending requests, its life cycle, and the {@link MessageContext} its handler calls are given. It is also the
 * behavior of its own actor, so inbound packets reach the handler serially and in order.
 * <p>
 * Threading contract: {@link #send}, {@link #reply} and the final fields from any thread. {@link #framing} is fed
 * only by the one thread that reads this connection (its own I/O loop over TCP; the peer endpoint's loop in memory),
 * which makes the single-threaded decoder safe without a lock. Fields documented as loop-confined are touched only
 * by {@link #loop}'s thread. {@link #lastInboundNanos} has one writer (the reading thread) and one reader (the timer).
 * <p>
 * The handler's lifecycle calls run on the actor too. {@code onOpen} is carried by an {@link #OPEN} marker told to
 * the actor before the session's first packet can arrive; {@code onClose} runs from the actor's {@code onStop},
 * which the actor system calls once, after the last message, without going through the bounded mailbox, so a full
 * mailbox cannot lose it. If the marker never ran (refused, or discarded because the session closed first), the
 * first packet or {@code onStop} calls {@code onOpen} before anything else: each call happens exactly once, in order.
 * <p>
 * A graceful close (the peer ended its stream, or sent a bad frame) loses nothing accepted: the reading thread counts
 * the packets the mailbox accepted ({@link #accepted}), stops reading, and publishes that count as
 * {@link #drainTarget}; the actor counts the packets it handled and, when the two meet (checked after every message,
 * and on the {@link #DRAIN} marker told after the last packet, in case the actor is idle), tells the engine, which has
 * the loop close the session once everything the handler queued is written.
 * <p>
 * Pending requests live in a {@link RequestTracker} per session rather than one per server: the SPI cannot fail "the
 * requests of one session" in a shared tracker, and closing a session must fail exactly those (see the engine's
 * report for the {@code failMatching} SPI addition that would allow one shared tracker).
 */
abstract class Session implements MessageContext, ActorSystem.Behavior<Object> {

    final long id;
    final String peer;
    final EngineNode node;
    final IoLoop loop;
    final OutboundQueue<ByteBuffer> outbound;
    /** The encoded bytes in {@link #outbound} and not yet written, against the session's byte bound. */
    final OutboundBudget budget;
    final RequestTracker<Packet> requests;
    /** The expiry check of {@link #requests} on the timer's wheel, armed while requests are pending. */
    final RequestExpiry requestExpiry;
    /** The session's msgtrans decoder, fed by the reading thread through {@link #framing}. */
    final FrameDecoder decoder;
    /** How the link carries frames (raw, WebSocket) around {@link #decoder}: the reading thread's, as the decoder. */
    final LinkFraming framing;
    final SessionState state = new SessionState();
    /** The decoder's sink, allocated once rather than per read. */
    final Consumer<Packet> inbound;

    /** Written by the reading thread, read by the idle check on the timer thread. */
    volatile long lastInboundNanos;
    /**
     * The session's idle and linger deadlines on the timer's wheel ({@link EngineTimer}): written by whoever arms them
     * (the opener, the reading thread, the timer thread re-arming), read by the close to cancel them.
     */
    volatile HashedWheel.Entry idleDeadline;
    volatile HashedWheel.Entry lingerDeadline;

    /**
     * The actor message that runs the handler's {@code onOpen}; told once per session by
     * {@link SessionLifecycle#announce}.
     */
    static final Object OPEN = new Object();
    /** The actor message told after the last packet of a draining session, so an idle actor notices the drain. */
    static final Object DRAIN = new Object();
    /** The actor message told when writability changed, so an idle actor tells its handler. */
    static final Object WRITABILITY = new Object();
    /** Added to {@link #writabilityMarkers} when the actor stops: later counts are markers told to a stopped actor. */
    private static final long STOPPED = 1L << 40;

    /**
     * Set when writability changed and the handler has not been told yet: the actor clears it and tells the handler
     * after its next message (a {@link #WRITABILITY} marker, or any other). While it is set no further marker is
     * told, so markers never pile up in the mailbox.
     */
    final AtomicBoolean writabilityNotice = new AtomicBoolean();
    /**
     * {@link #WRITABILITY} markers the mailbox accepted less those the actor ran, for the mailbox-drop statistics:
     * the actor adds {@link #STOPPED} when it stops, and what is left above it is markers discarded. A teller may
     * count its marker after the actor ran it, so the balance can dip below zero for a moment.
     */
    private final AtomicLong writabilityMarkers = new AtomicLong();
    /** Actor-confined: the writability the handler was last told (a session starts writable). */
    private boolean toldWritable = true;
    /** Actor-confined: {@link OutboundBudget#episodes()} when the handler was last told. */
    private long toldEpisodes;

    /** Reading-thread-confined (as {@link #framing}): packets the mailbox accepted. */
    long accepted;
    /**
     * Reading-thread-confined: packets decoded while the mailbox was full, in arrival order, waiting for room. The
     * session stops reading meanwhile (inbound back-pressure: over TCP the kernel's flow control then holds the peer
     * back), so this holds at most what one read decoded.
     */
    final ArrayDeque<Packet> held = new ArrayDeque<>();
    /** Written by the reading thread: reading is paused until {@link #held} is delivered (read by a memory peer). */
    volatile boolean readPaused;
    /** {@link #held}'s size, for a close on another thread that must count what it discards. */
    volatile int heldCount;
    /** Who resumes a paused reader: the reader itself or the actor, once the actor has freed a slot. */
    final InputResume resume = new InputResume();

    /** {@link #accepted} when the session began draining, -1 before; the actor ends the drain when it has handled them. */
    volatile long drainTarget = -1;
    /** Set by the actor once the drain's packets are handled: the loop ends the close when the queue is empty. */
    volatile boolean closeWhenFlushed;
    /**
     * Written by the reading thread: the peer ended its stream (so a lingering close need not wait for it). Volatile
     * because in memory the loop that decides whether to linger is not the reading thread (the peer's loop is).
     */
    volatile boolean peerFinished;

    /**
     * Actor-confined (read and written only by this session's actor runs, which the actor system serialises with
     * happens-before between runs): whether the handler's {@code onOpen} has run, and whether the {@link #OPEN}
     * marker has (it may come after a packet that already ran {@code onOpen}).
     */
    private boolean handlerOpened;
    private boolean openMarkerRan;
    /** Actor-confined: packets handled, and whether the drain's end has been signalled. */
    private long handled;
    /** Actor-confined: messages processed, packets and markers, for {@link #resume}. */
    private long processed;
    private boolean drainSignalled;

    /**
     * The fate of the {@link #OPEN} marker, for the mailbox-drop statistics: a marker that the mailbox accepted but
     * the actor never ran was discarded at stop and counted in the actor system's drops, yet nothing was lost
     * ({@code onOpen} ran from {@code onStop}). Two parties each add one: the opener once the mailbox accepted the
     * marker, the actor if it stopped without running it. Whichever brings the count to two reports the discard,
     * so neither needs to know the order in which the other learned its half.
     */
    private final AtomicInteger openMarkerDiscard = new AtomicInteger();
    /** The same two-party count for the {@link #DRAIN} marker (discarded only when a linger or shutdown cuts a drain). */
    private final AtomicInteger drainMarkerDiscard = new AtomicInteger();
    /** Actor-confined: the {@link #DRAIN} marker has run. */
    private boolean drainMarkerRan;

    Session(long id, String peer, EngineNode node, IoLoop loop) {
        this(id, peer, node, loop, RawFraming::new);
    }

    /** @param framing makes the session's link framing around its decoder */
    Session(long id, String peer, EngineNode node, IoLoop loop, Function<FrameDecoder, LinkFraming> framing) {
        this.id = id;
        this.peer = peer;
        this.node = node;
        this.loop = loop;
        this.outbound = node.newOutboundQueue();
        this.budget = new OutboundBudget(node.config.outboundBytes(), new OutboundBudget.Changes() {
            @Override
            public void writabilityChanged(boolean writable, long queuedBytes) {
                node.outbound.writabilityChanged(Session.this, writable, queuedBytes);
            }

            @Override
            public void settled() {
                node.lifecycle.noticeWritability(Session.this);
            }
        });
        this.requests = node.newRequestTracker();
        this.requestExpiry = node.timer.requestExpiry(id, requests);
        this.decoder = node.newDecoder();
        this.framing = framing.apply(decoder);
        this.inbound = p -> node.inbound.onPacket(this, p);
        this.lastInboundNanos = System.nanoTime();
    }

    /** Reading thread: take no input until {@link #resumeInput}; the peer's sends back up (inbound back-pressure). */
    abstract void pauseInput();

    /** Reading thread: take input again after {@link #pauseInput} (unless the session stopped reading for good). */
    abstract void resumeInput();

    /** Releases the transport resource (socket or pipe end). Called once, by the thread that won the close. */
    abstract void closeLink();

    /**
     * Any thread: runs {@code task} on the thread that reads this session (the one that may start its graceful
     * close): its own loop over TCP, the peer end's writer in memory.
     *
     * @return {@code false} if that thread no longer runs tasks: the task will not run
     */
    abstract boolean runAsReader(Runnable task);

    /** Reading thread, as the session starts draining: take no more input from the peer. */
    abstract void stopReading();

    /**
     * Loop thread, once a draining session has written everything: {@code true} if it must shut its output and
     * wait for the peer's end of stream before closing (over TCP, unread input would turn the close into a reset
     * that can destroy the replies just written); {@code false} if it can close at once.
     */
    abstract boolean lingersForPeer();

    /** Loop thread, in {@code CLOSING}: sends this side's end of stream and reads (discarding) until the peer's. */
    abstract void shutdownOutput();

    @Override
    public final long session() {
        return id;
    }

    @Override
    public final String peer() {
        return peer;
    }

    @Override
    public final boolean isWritable() {
        return budget.isWritable();
    }

    @Override
    public final SendResult send(Packet packet) {
        return node.outbound.send(this, packet);
    }

    @Override
    public final SendResult reply(Packet request, byte[] payload) {
        return node.outbound.send(this, Packet.responseTo(request, payload));
    }

    /** The actor behavior: runs on a dispatch worker, never concurrently for this session. */
    @Override
    public final void onMessage(long actorId, Object message) {
        if (!handlerOpened) {
            handlerOpened = true;
            node.inbound.handleOpen(this);
        }
        if (message == OPEN) {
            openMarkerRan = true;
        } else if (message == DRAIN) {
            drainMarkerRan = true;
        } else if (message == WRITABILITY) {
            writabilityMarkers.decrementAndGet();
        } else {
            node.inbound.handle(this, (Packet) message);
            handled++;
        }
        if (writabilityNotice.get()) {
            tellWritability();
        }
        if (resume.advance(++processed)) {
            node.inbound.resumeWhenRoom(this); // a slot is free again (a marker frees one too): read on
        }
        if (handled == drainTarget && !drainSignalled) {
            // Every packet accepted before the drain began has been handled, and the replies it made are queued.
            drainSignalled = true;
            node.lifecycle.drained(this);
        }
    }

    /**
     * Actor: tells the handler how writability changed since it was last told. An episode that began and ended
     * before the actor got here is told too (unwritable, then writable): the handler may have seen it through
     * {@link #isWritable()} and stopped producing, and only the call to writable makes it resume.
     */
    private void tellWritability() {
        // cleared before reading: a change after the reads sets it again and tells another marker
        writabilityNotice.set(false);
        long episodes = budget.episodes();
        boolean writable = budget.isWritable();
        if (toldWritable && episodes != toldEpisodes) {
            toldWritable = false;
            node.inbound.handleWritability(this, false);
        }
        toldEpisodes = episodes;
        if (writable != toldWritable) {
            toldWritable = writable;
            node.inbound.handleWritability(this, writable);
        }
    }

    /** The actor's end: once, on a dispatch worker, after its last {@link #onMessage}. */
    @Override
    public final void onStop(long actorId) {
        if (!state.wasOpened()) {
            return; // refused before it opened: no ConnectionEstablished, so no handler calls either
        }
        if (!openMarkerRan && openMarkerDiscard.incrementAndGet() == 2) {
            node.lifecycle.markerDiscarded();
        }
        if (!drainMarkerRan && drainMarkerDiscard.incrementAndGet() == 2) {
            node.lifecycle.markerDiscarded();
        }
        for (long left = writabilityMarkers.getAndAdd(STOPPED); left > 0; left--) {
            node.lifecycle.markerDiscarded();
        }
        if (!handlerOpened) {
            handlerOpened = true;
            node.inbound.handleOpen(this);
        }
        node.inbound.handleClose(this);
    }

    /** The reading thread: the mailbox accepted the {@link #DRAIN} marker. */
    final void drainMarkerAccepted() {
        if (drainMarkerDiscard.incrementAndGet() == 2) {
            node.lifecycle.markerDiscarded();
        }
    }

    /** Any thread: the mailbox accepted a {@link #WRITABILITY} marker. */
    final void writabilityMarkerAccepted() {
        long balance = writabilityMarkers.incrementAndGet();
        if (balance > STOPPED) {
            // the actor stopped before this count: the marker is discarded, unless the actor ran it and counted
            // that before it stopped (then this increment only makes up for its decrement, and lands at STOPPED)
            node.lifecycle.markerDiscarded();
        }
    }

    /** The opener: the mailbox accepted the {@link #OPEN} marker. */
    final void openMarkerAccepted() {
        if (openMarkerDiscard.incrementAndGet() == 2) {
            node.lifecycle.markerDiscarded();
        }
    }

    @Override
    public String toString() {
        return "session " + id + " (" + peer + ", " + state + ")";
    }
}
