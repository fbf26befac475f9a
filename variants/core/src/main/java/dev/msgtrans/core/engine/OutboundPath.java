package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.Compression;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;
import dev.msgtrans.core.RoundTripRecorder;
import dev.msgtrans.core.SendResult;
import dev.msgtrans.core.TransportConfig;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.TransportException;
import dev.msgtrans.core.codec.PacketCodec;
import dev.msgtrans.core.spi.OutboundQueue;
import dev.msgtrans.core.spi.SessionRegistry;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The outbound path of an {@link EngineNode}: a send is encoded on the caller's thread and queued on the session's
 * {@link OutboundQueue}, whose loop writes it ({@link IoLoop}); a broadcast queues one encoding for every session; a
 * request registers with the session's tracker before it is queued (the inbound path completes it,
 * {@link InboundPath#onPacket}). A write that fails closes the session through {@link SessionLifecycle}.
 * <p>
 * Threading contract: every method from any thread, except {@link #onWriteFailure} (the session's loop thread).
 */
final class OutboundPath {

    private final TransportConfig config;
    private final PacketCodec codec;
    private final EngineCounters counters;
    private final SessionRegistry<Session> sessions;
    private final SessionLifecycle lifecycle;
    private final EngineEvents events;
    /** The node's closed flag (set by {@link EngineNode#beginClose()}): read only. */
    private final AtomicBoolean closed;
    /** Set when the graceful part of a close is over: from then on sends are refused with {@code CLOSED}. */
    private volatile boolean stopping;

    OutboundPath(TransportConfig config, PacketCodec codec, EngineCounters counters, SessionRegistry<Session> sessions,
                 SessionLifecycle lifecycle, EngineEvents events, AtomicBoolean closed) {
        this.config = config;
        this.codec = codec;
        this.counters = counters;
        this.sessions = sessions;
        this.lifecycle = lifecycle;
        this.events = events;
        this.closed = closed;
    }

    /** {@link EngineNode#shutdown}: the graceful part of the close is over; every later send is refused. */
    void refuseSends() {
        stopping = true;
    }

    SendResult send(Session s, Packet packet) {
        if (stopping) {
            // Only once the graceful part of a close is over: until then a draining session takes the handler's
            // replies (and any send to it), which its drain writes.
            return SendResult.CLOSED;
        }
        if (s == null || !s.state.acceptsSends()) {
            counters.sendsToMissingSession.increment();
            return SendResult.NO_SESSION;
        }
        if (packet.compression() == Compression.NONE && packet.payload().length <= config.maxPayload()
                && packet.extHeader().length <= config.maxExtHeader()) {
            // Its size is known before encoding: a peer that stopped reading costs a refusal, not a frame's
            // encoding per send (the reservation after the encoding still decides).
            int frame = PacketCodec.HEADER_SIZE + packet.extHeader().length + packet.payload().length;
            long bytes = (long) frame + s.framing.overhead(frame); // a link's header counts as the frame does
            if (s.budget.queued() + bytes > config.outboundBytes().limit()) {
                return refuse(s, bytes, false);
            }
        }
        // Encoding on the caller's thread spreads the CPU over the senders instead of the I/O loops.
        return offer(s, s.framing.frame(codec, packet));
    }

    /**
     * Queues an encoded frame; the caller has checked that the node is open. Its bytes are reserved first and
     * released by the loop once written, so the session's byte bound holds whatever the frame sizes.
     */
    SendResult offer(Session s, ByteBuffer frame) {
        int bytes = frame.remaining();
        if (!s.budget.reserve(bytes)) {
            return refuse(s, bytes, false);
        }
        OutboundQueue.Offer offered = s.outbound.offerAndRequestFlush(frame);
        if (offered == OutboundQueue.Offer.FULL) {
            s.budget.release(bytes);
            return refuse(s, bytes, true);
        }
        if (offered == OutboundQueue.Offer.WAKE) {
            s.loop.schedule(s);
        }
        return SendResult.QUEUED;
    }

    /** @param countBound whether the queue's frame count refused, rather than the byte limit */
    private SendResult refuse(Session s, long bytes, boolean countBound) {
        counters.sendsRefused.increment();
        JfrEvents.sendRefused(s, bytes, countBound ? "FRAMES" : "BYTES", s.budget.queued(),
                countBound ? s.outbound.capacity() : config.outboundBytes().limit());
        if (config.overflowPolicy() == dev.msgtrans.core.OverflowPolicy.DISCONNECT) {
            String why = countBound ? "outbound queue full at " + s.outbound.capacity() + " frames"
                    : "outbound bytes at their limit of " + config.outboundBytes().limit() + " (" + s.budget.queued()
                    + " queued, " + bytes + " more refused)";
            lifecycle.closeSession(s, CloseReason.SLOW_CONSUMER, "SLOW_CONSUMER", "peer " + s.peer
                    + " stopped reading: " + why);
        }
        return SendResult.OUTBOUND_FULL;
    }

    /**
     * The session's {@link OutboundBudget}, under its monitor: the session crossed a water mark. Counted, and
     * published so that producers outside the handler can wait for writability without polling.
     */
    void writabilityChanged(Session s, boolean writable, long queuedBytes) {
        if (!writable) {
            counters.unwritableEpisodes.increment();
        }
        events.publish(new TransportEvent.WritabilityChanged(s.id, writable, queuedBytes));
    }

    /**
     * Encodes once and queues a view of the same bytes for every session; sessions whose framing adds a header
     * share one framed copy per {@link LinkFraming#shareKey} (a framing without a key frames for each session).
     */
    int broadcast(Packet packet) {
        if (closed.get()) {
            return 0;
        }
        ByteBuffer frame = codec.encode(packet);
        int[] queued = {0};
        Object[] framedKey = {null};
        ByteBuffer[] framed = {null};
        sessions.forEach(s -> {
            if (!s.state.isOpen()) {
                return;
            }
            Object key = s.framing.shareKey();
            ByteBuffer bytes;
            if (key == null) {
                bytes = s.framing.wrap(frame);
            } else {
                if (key != framedKey[0]) {
                    // one key per server protocol: with one protocol per server this frames once per broadcast
                    framedKey[0] = key;
                    framed[0] = s.framing.wrap(frame);
                }
                bytes = framed[0].duplicate();
            }
            if (offer(s, bytes) == SendResult.QUEUED) {
                queued[0]++;
            }
        });
        return queued[0];
    }

    // ---- requests -----------------------------------------------------------------------------------------------

    CompletableFuture<Packet> request(Session s, Packet request, Duration timeout) {
        if (s == null || !s.state.isOpen() || closed.get()) {
            counters.requestsFailed.increment();
            if (s == null || !s.state.isOpen()) {
                counters.sendsToMissingSession.increment();
            }
            return CompletableFuture.failedFuture(new TransportException(closed.get() ? "transport closed"
                    : "no open session " + (s == null ? "" : Long.toString(s.id))));
        }
        RoundTripRecorder roundTrips = config.roundTrips();
        long start = roundTrips != null ? System.nanoTime() : 0;
        int messageId = s.requests.nextMessageId();
        Packet p = new Packet(PacketType.REQUEST, request.compression(), request.bizType(), messageId,
                request.flags(), request.extHeader(), request.payload());
        ByteBuffer frame = s.framing.frame(codec, p); // before registering: an oversized request throws, leaving nothing
        long key = key(s.id, messageId);
        CompletableFuture<Packet> future = s.requests.register(key, System.nanoTime() + timeout.toNanos());
        s.requestExpiry.registered(); // arms the session's expiry check on the timer's wheel if none is armed
        SendResult r = offer(s, frame);
        if (r != SendResult.QUEUED) {
            failRequest(s, key, "request " + Integer.toUnsignedString(messageId) + " on session " + s.id
                    + " not sent: " + r);
        } else if (!s.state.isOpen()) {
            // closed between the check and the registration, after its failAll ran: fail it here
            failRequest(s, key, "session " + s.id + " closed: " + s.state.reason());
        }
        if (roundTrips != null) {
            future.whenComplete((response, failure) -> {
                if (failure == null) {
                    roundTrips.record(System.nanoTime() - start);
                }
            });
        }
        return future;
    }

    private void failRequest(Session s, long key, String message) {
        if (s.requests.fail(key, new TransportException(message))) {
            counters.requestsFailed.increment();
        }
    }

    /** The tracker key of a request: unique per node, since session ids are. */
    static long key(long sessionId, int messageId) {
        return (sessionId << 32) | (messageId & 0xFFFFFFFFL);
    }

    // ---- the loop's writes (loop thread) ------------------------------------------------------------------------

    void onWriteFailure(Session s, Exception e) {
        if (s.state.isClosing()) {
            // everything owed was written: the peer just went first
            lifecycle.closeSession(s, s.state.reason(), null, null);
        } else if (!s.state.isClosed()) {
            lifecycle.closeSession(s, CloseReason.IO_ERROR, "IO", "writing to " + s.peer + " failed: " + e);
        }
    }

}
