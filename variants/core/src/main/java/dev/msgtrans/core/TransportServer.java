package dev.msgtrans.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The server side of the transport, whatever the variant and protocol. Built and started by
 * {@link Transport#builder()}. Every method may be called from any thread.
 */
public interface TransportServer extends AutoCloseable {

    /**
     * "127.0.0.1:40123" for TCP (the real port when bound to 0), "ws://127.0.0.1:40123" for WebSocket,
     * "quic://127.0.0.1:40123" for QUIC, "mem:name" in memory; {@link Transport.Builder#connectTo} takes each.
     */
    String address();

    /**
     * Every address the server listens on: {@link #address()} first, then those added with
     * {@link Transport.Builder#alsoListen}, each bound (the real port where 0 was asked for).
     */
    default java.util.List<String> addresses() {
        return java.util.List.of(address());
    }

    /**
     * QUIC: the certificate the server presents (the configured one, or the self-signed one generated at start-up),
     * for a client to trust ({@link Transport.Builder#quicTrust}); empty for the other protocols.
     */
    default java.util.Optional<java.security.cert.X509Certificate> certificate() {
        return java.util.Optional.empty();
    }

    /** Queues one packet for one session; never blocks. */
    SendResult send(long session, Packet packet);

    /**
     * Sends {@code request} (its message id is assigned here) and completes with the response carrying the same id,
     * or exceptionally with {@link java.util.concurrent.TimeoutException} after {@code timeout}, or with
     * {@link TransportException} if the session closes or the send is refused. The pending entry is removed in every
     * case.
     */
    CompletableFuture<Packet> request(long session, Packet request, Duration timeout);

    /** Queues the packet for every session. @return how many sessions queued it */
    int broadcast(Packet packet);

    /** Closes one session with {@link CloseReason#LOCAL}. @return false if there was no such session */
    boolean close(long session);

    /**
     * Whether {@code session} is open now: one lookup in the session registry, cheap enough for every call. The
     * answer may be stale by the time the caller acts on it; {@link #send} reports {@link SendResult#NO_SESSION}
     * for a session that closed meanwhile.
     */
    boolean isOpen(long session);

    /**
     * Whether {@code session} is open and below its outbound high water mark ({@link OutboundBytes}); as
     * {@link MessageContext#isWritable()}, for producers outside the handler.
     */
    boolean isWritable(long session);

    /** Ids of the live sessions (a snapshot). */
    List<Long> sessions();

    /**
     * Every transport event; each subscriber has a bounded buffer and its drops are counted. A subscriber's first
     * event is {@link TransportEvent.ServerStarted} (published before this server was returned, so replayed to each
     * subscriber), unless it subscribes after {@link #close()}. With no subscriber, errors still reach the
     * {@link ErrorSink} ({@link Transport.Builder#errorSink}).
     */
    Flow.Publisher<TransportEvent> events();

    TransportStats stats();

    /**
     * The alias this server was built with, as given to {@link Transport.Builder#variant}: a preset ({@code phase2}),
     * a variant alias ({@code lockfree}) or a spec. {@link #variantSpec()} says which variant serves each phase.
     */
    String variant();

    /**
     * The resolved per-phase spec, e.g. {@code sessions=lockfree,actors=lockfree,pools=mutex,requests=mutex,outbound=mutex}
     * for {@code phase2}: what to log or put in a result file, since a preset's meaning is fixed only by this.
     */
    String variantSpec();

    /**
     * Stops accepting, closes every session gracefully, then releases every thread, selector and socket; each
     * handler's {@link MessageHandler#onClose} has run when this returns. Idempotent.
     * <p>
     * Graceful: each session stops reading, handles every packet its mailbox accepted, and writes every frame
     * queued for it (the handlers' replies included: sends are taken until the drain is over, and refused with
     * {@link SendResult#CLOSED} after; broadcasts and new requests are refused at once); it then ends its stream, reads on until the peer ends its own (taking the
     * responses to this server's requests, dropping anything else), and closes with {@link CloseReason#SHUTDOWN}.
     * The whole is bounded by {@link Transport.Builder#closeLingerMillis} from the call: a session still
     * unfinished then is closed, with a {@code LINGER_TIMEOUT} {@link TransportEvent.TransportError} unless it
     * was only waiting for the peer's end of stream. With no sessions it returns at once. It returns once the
     * handlers have: a handler that never returns holds it.
     * <p>
     * Do not call it from a {@link MessageHandler} or an event subscriber: it joins the threads those run on, so
     * it would wait for itself. Hand the close to another thread instead.
     */
    @Override
    void close();
}
