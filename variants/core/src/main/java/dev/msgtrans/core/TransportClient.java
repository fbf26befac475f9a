package dev.msgtrans.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The client side: one or more connections to one server, drawn from the client's
 * {@link dev.msgtrans.core.spi.ConnectionPool}. Every method may be called from any thread.
 * <p>
 * Connects: {@link Transport.Builder#connect()} opens every connection and waits for them, each bounded by
 * {@link Transport.Builder#connectTimeoutMillis}; it throws when one is refused or times out. After that no send or
 * request ever waits for a connect. A connection found closed (the server or the network dropped it) is discarded and
 * a replacement connects in the background, as Netty's clients reconnect; meanwhile sends and requests use the other
 * open connections, and when none is open they fail at once (counted in
 * {@link TransportStats#sendsWithoutConnection()}) rather than wait. A replacement that fails to connect is discarded
 * by a later send, which starts another; there is no back-off between these attempts, each is started by a send.
 */
public interface TransportClient extends AutoCloseable {

    /**
     * Sends one packet on a pooled connection.
     *
     * @throws TransportException if no pooled connection was free within the acquire timeout (counted in
     *                            {@link TransportStats#poolAcquireTimeouts()}), or none was open (closed, or still
     *                            connecting in the background; counted in
     *                            {@link TransportStats#sendsWithoutConnection()}: this does not wait for a connect)
     */
    SendResult send(Packet packet);

    /**
     * Like {@link TransportServer#request}, on a pooled connection. When no pooled connection is free within the
     * acquire timeout the future fails with {@link TransportException}, counted in both
     * {@link TransportStats#poolAcquireTimeouts()} and {@link TransportStats#requestsFailed()}; when no pooled
     * connection is open it fails at once, counted in {@link TransportStats#sendsWithoutConnection()} and
     * {@link TransportStats#requestsFailed()}.
     */
    CompletableFuture<Packet> request(Packet request, Duration timeout);

    /** Events of every connection of this client (established, received one-way packets, closed, errors). */
    Flow.Publisher<TransportEvent> events();

    TransportStats stats();

    /** The alias this client was built with, as for {@link TransportServer#variant()}. */
    String variant();

    /** The resolved per-phase spec, as for {@link TransportServer#variantSpec()}. */
    String variantSpec();

    /** Number of open connections. */
    int connections();

    /**
     * Closes every connection gracefully and releases every thread, selector and socket; each handler's
     * {@link MessageHandler#onClose} has run when this returns. Idempotent.
     * <p>
     * Graceful: new sends and requests are refused at once ({@link SendResult#CLOSED}, a failed future); what was
     * queued before ({@link SendResult#QUEUED}) is written, packets the connection accepted are handled, and the
     * connection then ends its stream and reads on until the server ends its own: the server answers what it
     * accepted before it does, so requests in flight complete with their responses. A request still unanswered when
     * its connection closes fails. As for {@link TransportServer#close()}, with the same bound
     * ({@link Transport.Builder#closeLingerMillis}, from the call) and the same events.
     * <p>
     * Do not call it from a {@link MessageHandler} or an event subscriber: it joins the threads those run on, so
     * it would wait for itself. Hand the close to another thread instead.
     */
    @Override
    void close();
}
