package dev.msgtrans.core.engine;

import dev.msgtrans.core.MessageContext;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.SendResult;
import dev.msgtrans.core.codec.FrameDecoder;
import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.OutboundQueue;
import dev.msgtrans.core.spi.RequestTracker;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One connection, server or client side, whatever the protocol: its outbound queue, its persistent decoder, its
 * pending requests, its life cycle, and the {@link MessageContext} its handler calls are given. It is also the
 * behavior of its own actor, so inbound packets reach the handler serially and in order.
 * <p>
 * Threading contract: {@link #send}, {@link #reply} and the final fields from any thread. {@link #decoder} is fed
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
    final RequestTracker<Packet> requests;
    final FrameDecoder decoder;
    final SessionState state = new SessionState();
    /** The decoder's sink, allocated once rather than per read. */
    final Consumer<Packet> inbound;

    /** Written by the reading thread, read by the idle check on the timer thread. */
    volatile long lastInboundNanos;

    /** The actor message that runs the handler's {@code onOpen}; told once per session by {@link EngineNode}. */
    static final Object OPEN = new Object();

    /**
     * Actor-confined (read and written only by this session's actor runs, which the actor system serialises with
     * happens-before between runs): whether the handler's {@code onOpen} has run, and whether the {@link #OPEN}
     * marker has (it may come after a packet that already ran {@code onOpen}).
     */
    private boolean handlerOpened;
    private boolean openMarkerRan;

    /**
     * The fate of the {@link #OPEN} marker, for the mailbox-drop statistics: a marker that the mailbox accepted but
     * the actor never ran was discarded at stop and counted in the actor system's drops, yet nothing was lost
     * ({@code onOpen} ran from {@code onStop}). Two parties each add one: the opener once the mailbox accepted the
     * marker, the actor if it stopped without running it. Whichever brings the count to two reports the discard,
     * so neither needs to know the order in which the other learned its half.
     */
    private final AtomicInteger openMarkerDiscard = new AtomicInteger();

    Session(long id, String peer, EngineNode node, IoLoop loop) {
        this.id = id;
        this.peer = peer;
        this.node = node;
        this.loop = loop;
        this.outbound = node.newOutboundQueue();
        this.requests = node.newRequestTracker();
        this.decoder = node.newDecoder();
        this.inbound = p -> node.onPacket(this, p);
        this.lastInboundNanos = System.nanoTime();
    }

    /** Releases the transport resource (socket or pipe end). Called once, by the thread that won the close. */
    abstract void closeLink();

    @Override
    public final long session() {
        return id;
    }

    @Override
    public final String peer() {
        return peer;
    }

    @Override
    public final SendResult send(Packet packet) {
        return node.send(this, packet);
    }

    @Override
    public final SendResult reply(Packet request, byte[] payload) {
        return node.send(this, Packet.responseTo(request, payload));
    }

    /** The actor behavior: runs on a dispatch worker, never concurrently for this session. */
    @Override
    public final void onMessage(long actorId, Object message) {
        if (!handlerOpened) {
            handlerOpened = true;
            node.handleOpen(this);
        }
        if (message == OPEN) {
            openMarkerRan = true;
        } else {
            node.handle(this, (Packet) message);
        }
    }

    /** The actor's end: once, on a dispatch worker, after its last {@link #onMessage}. */
    @Override
    public final void onStop(long actorId) {
        if (!state.wasOpened()) {
            return; // refused before it opened: no ConnectionEstablished, so no handler calls either
        }
        if (!openMarkerRan && openMarkerDiscard.incrementAndGet() == 2) {
            node.openMarkerDiscarded();
        }
        if (!handlerOpened) {
            handlerOpened = true;
            node.handleOpen(this);
        }
        node.handleClose(this);
    }

    /** The opener: the mailbox accepted the {@link #OPEN} marker. */
    final void openMarkerAccepted() {
        if (openMarkerDiscard.incrementAndGet() == 2) {
            node.openMarkerDiscarded();
        }
    }

    @Override
    public String toString() {
        return "session " + id + " (" + peer + ", " + state + ")";
    }
}
