package dev.msgtrans.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The client side: one or more connections to one server, drawn from the client's
 * {@link dev.msgtrans.core.spi.ConnectionPool}. Every method may be called from any thread.
 */
public interface TransportClient extends AutoCloseable {

    /** Sends one packet on a pooled connection. */
    SendResult send(Packet packet);

    /** Like {@link TransportServer#request}, on a pooled connection. */
    CompletableFuture<Packet> request(Packet request, Duration timeout);

    /** Events of every connection of this client (established, received one-way packets, closed, errors). */
    Flow.Publisher<TransportEvent> events();

    TransportStats stats();

    String variant();

    /** Number of open connections. */
    int connections();

    @Override
    void close();
}
