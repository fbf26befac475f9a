package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;
import dev.msgtrans.core.TransportConfig;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.codec.CodecException;
import dev.msgtrans.core.codec.FrameDecoder;
import dev.msgtrans.core.spi.ActorSystem;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The inbound path of an {@link EngineNode}: bytes a loop read are decoded on that thread ({@link #receive}); a
 * response completes its request, any other packet goes to the session's actor, which runs the application's
 * handler ({@link #handle}, with {@link #handleOpen} before and {@link #handleClose} after). The peer's end of
 * stream, a bad frame or a failed read closes the session through {@link SessionLifecycle}, gracefully where
 * anything accepted may still be owed a reply.
 * <p>
 * Threading contract: {@link #receive}, {@link #onPacket}, {@link #onEndOfStream} and {@link #onReadFailure} on the
 * thread that reads the session; {@code handle*} on the session's actor.
 */
final class InboundPath {

    private final TransportConfig config;
    private final EngineCounters counters;
    private final ActorSystem<Object> actors;
    private final EngineEvents events;
    private final SessionLifecycle lifecycle;

    InboundPath(TransportConfig config, EngineCounters counters, ActorSystem<Object> actors, EngineEvents events,
                SessionLifecycle lifecycle) {
        this.config = config;
        this.counters = counters;
        this.actors = actors;
        this.events = events;
        this.lifecycle = lifecycle;
    }

    /** Bytes arrived for {@code s}: decode them all; a bad frame closes only this session. */
    void receive(Session s, ByteBuffer bytes) {
        receive(s, s.decoder, bytes);
    }

    /**
     * As {@link #receive(Session, ByteBuffer)} with a decoder of its own: a QUIC session decodes each of the peer's
     * streams separately (one stream per packet in the original's mapping), on the one thread that reads them all.
     */
    void receive(Session s, FrameDecoder decoder, ByteBuffer bytes) {
        if (!s.state.isOpen() && !readsResponses(s)) {
            bytes.position(bytes.limit()); // closed (its decoder may be poisoned): the bytes are discarded
            return;
        }
        counters.bytesReceived.add(bytes.remaining());
        s.lastInboundNanos = System.nanoTime();
        try {
            if (decoder != s.decoder) {
                decoder.decode(bytes, s.inbound); // a QUIC stream with a decoder of its own: raw msgtrans frames
            } else if (s.framing.receive(bytes, s.inbound)) {
                onEndOfStream(s); // a WebSocket close message: the peer's end, at a message boundary
            }
        } catch (LinkException e) {
            counters.protocolErrors.increment();
            if (!s.state.isOpen()) {
                lifecycle.closeSession(s, CloseReason.SHUTDOWN, e.cause, e.getMessage() + " (while closing for"
                        + " shutdown)");
                return;
            }
            lifecycle.beginGracefulClose(s, CloseReason.PROTOCOL_ERROR, e.cause, "from " + s.peer + ": "
                    + e.getMessage() + "; the connection closes after the replies to what came before it");
        } catch (CodecException e) {
            counters.protocolErrors.increment();
            if (!s.state.isOpen()) {
                // reading on only for responses while this node shuts down: nothing more can be read after it
                lifecycle.closeSession(s, CloseReason.SHUTDOWN, e.reason().name(), "frame from " + s.peer
                        + " rejected while the connection was closing for shutdown: " + e.getMessage());
                return;
            }
            lifecycle.beginGracefulClose(s, CloseReason.PROTOCOL_ERROR, e.reason().name(), "frame from " + s.peer
                    + " rejected; the connection closes after the replies to what came before it: " + e.getMessage());
        } catch (IOException e) {
            // no framing throws another kind today; if one does, the session's stream is lost all the same
            lifecycle.closeSession(s, CloseReason.IO_ERROR, "IO", "reading from " + s.peer + " failed: " + e);
        } catch (RuntimeException e) {
            // A component failed under us; the session's state is unknown, so it goes, and the loop lives on.
            lifecycle.closeSession(s, CloseReason.IO_ERROR, "INTERNAL", "inbound processing for " + s.peer
                    + " failed: " + e);
        }
    }

    /**
     * A session draining for this node's shutdown reads on (when its reading is on: over TCP once its output is
     * shut) for the responses to its own requests, which the peer sends before its end of stream; other packets
     * arrive after the drain's count was taken and are not accepted.
     */
    private static boolean readsResponses(Session s) {
        return s.state.isGracefullyClosing() && s.state.reason() == CloseReason.SHUTDOWN;
    }

    /** The decoder emitted a packet. */
    void onPacket(Session s, Packet p) {
        counters.packetsReceived.increment();
        if (p.type() == PacketType.RESPONSE) {
            if (s.requests.complete(OutboundPath.key(s.id, p.messageId()), p)) {
                counters.requestsCompleted.increment();
            } else {
                counters.unmatchedResponses.increment(); // late (already timed out) or bogus: not an error
            }
            return;
        }
        if (!s.state.isOpen()) {
            // the peer sent it after this node's shutdown began draining the session (see readsResponses)
            counters.packetsDiscardedClosing.increment();
            JfrEvents.mailboxDrop(s, 1, "ARRIVED_CLOSING");
            return;
        }
        if (!s.held.isEmpty()) {
            hold(s, p); // behind the packets already waiting for room: order is kept
            return;
        }
        long noted = s.resume.processed();
        ActorSystem.Delivery d = actors.tell(s.id, p);
        if (d == ActorSystem.Delivery.MAILBOX_FULL) {
            // A stream must not lose what it carried: the packet waits, reading stops until the actor makes room.
            // The actor system counted the refusal as a drop; it is not one.
            counters.refusalsHeld.increment();
            hold(s, p);
            if (!awaitRoom(s, noted)) {
                deliverHeld(s);
            }
            return;
        }
        delivered(s, p, d);
    }

    private void delivered(Session s, Packet p, ActorSystem.Delivery d) {
        if (d == ActorSystem.Delivery.ACCEPTED) {
            s.accepted++;
            if (events.bus().subscribers() > 0) {
                // An event per packet is the costliest thing on this path (allocation plus a buffer offer per
                // subscriber), so it is only paid when somebody listens.
                events.publish(new TransportEvent.MessageReceived(s.id, p));
            }
        }
        // else no actor: the session is closing, and its close counted what it discarded
    }

    private static void hold(Session s, Packet p) {
        s.held.add(p);
        s.heldCount = s.held.size();
    }

    /**
     * Reading thread, when the mailbox refused a packet told after the actor's progress was {@code noted}: pauses
     * reading (once) and asks the actor to resume it when it has processed one more message. The actor may have got
     * there already, before it could see the request: then the request is taken back, and the caller delivers at
     * once (the actor has freed a slot since the refusal, so this never spins).
     *
     * @return {@code true} if the actor will resume the session; {@code false} if there is room now
     */
    private boolean awaitRoom(Session s, long noted) {
        if (!s.readPaused) {
            s.readPaused = true;
            s.pauseInput();
            counters.inboundPauses.increment();
        }
        return s.resume.awaitProcessed(noted);
    }

    /** The session's actor: it has freed a slot since the refusal; the reading thread delivers what waits. */
    void resumeWhenRoom(Session s) {
        // refused only when the reading loop has stopped: its sessions are being closed, which counts the held
        s.runAsReader(() -> deliverHeld(s));
    }

    /** Reading thread: delivers the held packets while the mailbox takes them, then reads on. */
    private void deliverHeld(Session s) {
        if (s.state.isClosed()) {
            s.held.clear(); // the close counted them (heldCount)
            s.heldCount = 0;
            return;
        }
        while (!s.held.isEmpty()) {
            Packet p = s.held.peek();
            long noted = s.resume.processed();
            ActorSystem.Delivery d = actors.tell(s.id, p);
            if (d == ActorSystem.Delivery.MAILBOX_FULL) {
                counters.refusalsHeld.increment();
                if (awaitRoom(s, noted)) {
                    return;
                }
                continue;
            }
            s.held.poll();
            s.heldCount = s.held.size();
            delivered(s, p, d);
        }
        if (s.readPaused) {
            s.readPaused = false;
            s.resumeInput();
        }
    }

    /**
     * End of stream from the peer, clean at a frame boundary or truncated: the session drains gracefully, since the
     * peer may still read (a half-close). In {@code CLOSING} it is the end the lingering close waited for.
     */
    void onEndOfStream(Session s) {
        s.peerFinished = true;
        if (s.state.isClosing()) {
            lifecycle.closeSession(s, s.state.reason(), null, null);
        } else if (!s.state.isOpen()) {
            return; // draining already (after a bad frame) or closed: nothing more to decide
        } else if (s.framing.hasPartialFrame()) {
            lifecycle.beginGracefulClose(s, CloseReason.PEER_CLOSED_MID_FRAME, "TRUNCATED_FRAME", "peer " + s.peer
                    + " closed the connection in the middle of a frame (" + s.framing.bufferedBytes()
                    + " bytes of it received)");
        } else {
            lifecycle.beginGracefulClose(s, CloseReason.PEER_CLOSED, null, null);
        }
    }

    void onReadFailure(Session s, IOException e) {
        if (s.state.isClosed()) {
            return; // closed by another thread under our feet: already reported
        }
        if (s.state.isGracefullyClosing()) {
            // the peer reset while we finished: nothing more to say
            lifecycle.closeSession(s, s.state.reason(), null, null);
            return;
        }
        if (s.framing.hasPartialFrame()) {
            lifecycle.closeSession(s, CloseReason.PEER_CLOSED_MID_FRAME, "TRUNCATED_FRAME", "connection to " + s.peer
                    + " failed in the middle of a frame (" + s.framing.bufferedBytes() + " bytes of it received): "
                    + e);
        } else {
            lifecycle.closeSession(s, CloseReason.IO_ERROR, "IO", "reading from " + s.peer + " failed: " + e);
        }
    }

    // ---- the handler, run by the session's actor ----------------------------------------------------------------

    /** The actor runs the application's handler; a throwing handler is reported, and the session carries on. */
    void handle(Session s, Packet p) {
        Object call = JfrEvents.handlerCallBegin(); // null, and nothing allocated, unless JFR records HandlerCall
        try {
            config.handler().onMessage(s, p);
        } catch (Throwable e) { // Errors too: reported with the session, rather than as the actor's failure
            events.publishError(s.id, "HANDLER", "message handler failed on " + p + ": " + e, e);
        }
        if (call != null) {
            JfrEvents.handlerCallEnd(call, s, p);
        }
    }

    /** The actor runs the handler's {@code onOpen}, once, before any {@link #handle}. */
    void handleOpen(Session s) {
        try {
            config.handler().onOpen(s);
        } catch (Throwable e) {
            events.publishError(s.id, "HANDLER", "onOpen failed for session " + s.id + ": " + e, e);
        }
    }

    /** The actor tells the handler that its session's writability changed (after the message it ran). */
    void handleWritability(Session s, boolean writable) {
        try {
            config.handler().onWritabilityChanged(s, writable);
        } catch (Throwable e) {
            events.publishError(s.id, "HANDLER", "onWritabilityChanged failed for session " + s.id + ": " + e, e);
        }
    }

    /** The actor's {@code onStop} runs the handler's {@code onClose}, once, after the last {@link #handle}. */
    void handleClose(Session s) {
        // The reason is set before the close stops the actor. Null only if the actor system's own close stopped the
        // actor while the session was still opening, which happens only during shutdown.
        CloseReason reason = s.state.reason();
        try {
            config.handler().onClose(s, reason != null ? reason : CloseReason.SHUTDOWN);
        } catch (Throwable e) {
            events.publishError(s.id, "HANDLER", "onClose failed for session " + s.id + ": " + e, e);
        }
    }
}
