package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.SendResult;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportConfig;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.TransportException;
import dev.msgtrans.core.TransportStats;
import dev.msgtrans.core.spi.ConnectionPool;
import dev.msgtrans.core.spi.Phase;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The client: an {@link EngineNode} of its own (loops, dispatch, trackers, event bus from the same composition) whose
 * sessions are the connections of a {@link ConnectionPool} of {@code connections} connections. Every send or
 * request leases a connection for the time it takes to queue one frame, so concurrent callers spread over the
 * connections and the pool's acquire/release is on the measured path, as in the original. A connection found
 * closed is discarded, and the pool opens a new one in its place on a later acquire; over TCP that connect runs in
 * the background ({@link TcpConnect}: non-blocking, finished by an I/O loop, bounded by the connect timeout), and
 * sends meanwhile use the other open connections or fail at once. Only {@link #connect} waits for connects.
 * <p>
 * Threading contract: every public method from any thread, except {@link #close()} from the engine's own threads
 * ({@link TransportClient#close()}).
 */
final class EngineClient implements TransportClient {

    private final EngineNode node;
    private final ConnectionPool<ClientConnection> pool;
    private final String target;
    /** Resolved once, when the client connects: a replacement connect must not wait for a name lookup. */
    private final InetSocketAddress address;
    /** Over QUIC: the UDP channel and event loop every pooled connection goes through; null otherwise. */
    private final QuicEndpoint quic;
    /** Set once connect() has its connections: from then on a failed connect is a replacement's, reported as an error. */
    private volatile boolean filled;

    private EngineClient(EngineNode node, QuicEndpoint quic) {
        this.node = node;
        this.quic = quic;
        TransportConfig c = node.config;
        this.target = switch (c.protocol()) {
            case TCP -> c.host() + ":" + c.port();
            case WEBSOCKET -> "ws://" + c.host() + ":" + c.port();
            case QUIC -> "quic://" + c.host() + ":" + c.port();
            case MEMORY -> "mem:" + c.memoryName();
        };
        this.address = c.protocol() == Protocol.MEMORY ? null : new InetSocketAddress(c.host(), c.port());
        this.pool = c.composition().variant(Phase.POOLS).newConnectionPool(new ConnectionPool.Factory<>() {
            @Override
            public ClientConnection create() throws IOException {
                return openConnection();
            }

            @Override
            public void destroy(ClientConnection connection) {
                connection.destroy(node);
            }
        }, c.connections(), c.connectionReuse());
    }

    static EngineClient connect(TransportConfig config) throws IOException {
        // "Each connection on its own loop" up to the configured I/O threads; more connections share loops.
        EngineNode node = new EngineNode(config, "client", Math.min(config.connections(), config.ioThreads()));
        EngineClient client;
        QuicEndpoint quic = null;
        try {
            quic = config.protocol() == Protocol.QUIC ? QuicEndpoint.openClient(node) : null;
            client = new EngineClient(node, quic);
        } catch (IOException | RuntimeException e) {
            node.beginClose();
            node.shutdown(null);
            if (quic != null) {
                quic.close();
            }
            throw e;
        }
        try {
            if (client.address != null && client.address.isUnresolved()) {
                throw new UnknownHostException("cannot resolve " + client.target);
            }
            client.fillPool();
            client.filled = true; // connect() throws its own failures; later connects report theirs as events
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /**
     * Opens every connection now and waits for them (each connect bounded by the connect timeout), so that
     * connect() fails fast when the server is not there. The only place a caller waits for a connect.
     */
    private void fillPool() throws IOException {
        List<ConnectionPool.Lease<ClientConnection>> leases = new ArrayList<>();
        try {
            for (int i = 0; i < node.config.connections(); i++) {
                leases.add(pool.acquire(node.config.acquireTimeoutMillis(), TimeUnit.MILLISECONDS));
            }
            for (ConnectionPool.Lease<ClientConnection> lease : leases) {
                try {
                    lease.connection().ready.get(); // the node's timer fails it after the connect timeout
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw cause instanceof IOException io ? io : new IOException("could not connect to " + target, cause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + target, e);
        } catch (TimeoutException e) {
            throw new IOException("could not open " + node.config.connections() + " connections to " + target + ": " + e.getMessage(), e);
        } finally {
            for (ConnectionPool.Lease<ClientConnection> lease : leases) {
                pool.release(lease);
            }
        }
    }

    /**
     * Pool factory, on the acquiring thread: one new connection, returned at once. Over TCP its connect finishes in
     * the background ({@link TcpConnect}), so a send that makes the pool replace a dead connection never waits for
     * the network; in memory there is no network connect and the connection is open on return.
     */
    private ClientConnection openConnection() throws IOException {
        if (node.isClosed()) {
            throw new IOException("client closed");
        }
        TransportConfig c = node.config;
        long id = node.nextSessionId();
        if (c.protocol() == Protocol.QUIC) {
            java.util.concurrent.CompletableFuture<Session> ready = quic.connect(id, target, address);
            if (filled) {
                ready.whenComplete((session, e) -> {
                    if (e != null && !node.isClosed()) {
                        node.events.publishError(-1, "CONNECT", e.getMessage() + " (a later send tries again)", e);
                    }
                });
            }
            return new ClientConnection(ready, () -> ready.completeExceptionally(
                    new IOException("connect to " + target + " cancelled: the connection was discarded")));
        }
        if (c.protocol() != Protocol.MEMORY) {
            TcpConnect connect = TcpConnect.start(node, id, target, address);
            if (filled) {
                // A replacement's failure has no caller to throw to: it becomes an error event (and reaches the sink).
                connect.ready.whenComplete((session, e) -> {
                    if (e != null && !connect.cancelled() && !node.isClosed()) {
                        node.events.publishError(-1, "CONNECT", e.getMessage() + " (a later send tries again)", e);
                    }
                });
            }
            return new ClientConnection(connect.ready, connect::cancel);
        }
        MemoryHub.Acceptor server = MemoryHub.lookup(c.memoryName());
        MemorySession clientEnd = new MemorySession(id, target, node, (MemoryLoop) node.loopFor(id));
        MemorySession serverEnd = server.accept(clientEnd, MemoryHub.nextClientName(c.memoryName()));
        clientEnd.link(serverEnd);
        node.lifecycle.open(clientEnd, false); // our end first: nothing can arrive before our actor exists
        server.open(serverEnd);
        node.lifecycle.announce(clientEnd);    // our onOpen may send: only now is the server's end open to receive it
        return new ClientConnection(clientEnd);
    }

    /**
     * Leases an open connection, runs {@code action} on its session, releases it. Never waits for a connect: a
     * connection found closed or failed is discarded (the pool opens its replacement on a later acquire, in the
     * background), one still connecting is passed over, and when no pooled connection is open the call fails at
     * once, counted in {@code sendsWithoutConnection}. It waits only for a free connection, up to the acquire
     * timeout, as before.
     */
    private <R> R withConnection(Function<Session, R> action) {
        // Connecting ones are held until the end, so that each acquire finds another connection; at most the pool's
        // size of them, after which a further acquire could only wait for the ones held here.
        List<ConnectionPool.Lease<ClientConnection>> connecting = new ArrayList<>();
        int discarded = 0;
        try {
            // Each round discards a dead connection, holds a connecting one, or returns: the pool's size of dead
            // ones, then one replacement started, bounds it.
            for (int round = 0; round <= pool.maxSize() && connecting.size() < pool.maxSize(); round++) {
                ConnectionPool.Lease<ClientConnection> lease = acquire();
                ClientConnection c = lease.connection();
                Session s = c.openSession();
                if (s != null) {
                    try {
                        return action.apply(s);
                    } finally {
                        pool.release(lease);
                    }
                }
                if (c.isConnecting()) {
                    connecting.add(lease);
                } else {
                    pool.discard(lease); // closed, or its connect failed: frees the place for a replacement
                    discarded++;
                    replace();
                }
            }
        } finally {
            for (ConnectionPool.Lease<ClientConnection> lease : connecting) {
                pool.release(lease);
            }
        }
        node.counters.sendsWithoutConnection.increment();
        throw new TransportException("no open connection to " + target + " (pool size " + pool.maxSize() + ": "
                + connecting.size() + " connecting in the background, " + discarded + " found closed and discarded)");
    }

    /**
     * After a discard: makes the pool start replacements for its free places now, in the background, rather than
     * when a burst of sends finds it short (with FIFO reuse and one caller, the pool would otherwise go on serving
     * from the connections left and never refill). Never waits: every acquire here has a zero timeout, and a
     * create only starts a connect. Bounded by twice the pool's size, so connects that fail at once cannot spin it.
     */
    private void replace() {
        List<ConnectionPool.Lease<ClientConnection>> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2 * pool.maxSize(); i++) {
                ConnectionPool.Lease<ClientConnection> lease = pool.acquire(0, TimeUnit.MILLISECONDS);
                ClientConnection c = lease.connection();
                if (c.isConnecting() || c.openSession() != null) {
                    held.add(lease);
                } else {
                    pool.discard(lease);
                }
            }
        } catch (TimeoutException e) {
            // every place is taken (held here, or leased by other callers): nothing left to replace now
        } catch (IOException | IllegalStateException e) {
            // no channel could be made, or the client is closing: a later send tries again, or nobody needs it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (ConnectionPool.Lease<ClientConnection> lease : held) {
                pool.release(lease);
            }
        }
    }

    private ConnectionPool.Lease<ClientConnection> acquire() {
        try {
            return pool.acquire(node.config.acquireTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            node.counters.poolAcquireTimeouts.increment(); // send throws and request fails: both count it here
            throw new TransportException("no pooled connection to " + target + " free within "
                    + node.config.acquireTimeoutMillis() + " ms (pool size " + pool.maxSize() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting for a pooled connection to " + target, e);
        } catch (IOException e) {
            throw new TransportException("could not open a connection to " + target + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new TransportException("client closed", e); // the pool refuses acquires once closed
        }
    }

    @Override
    public SendResult send(Packet packet) {
        if (node.isClosed()) {
            return SendResult.CLOSED;
        }
        return withConnection(s -> node.outbound.send(s, packet));
    }

    @Override
    public CompletableFuture<Packet> request(Packet request, Duration timeout) {
        if (node.isClosed()) {
            return node.outbound.request(null, request, timeout); // fails with "transport closed"
        }
        try {
            return withConnection(s -> node.outbound.request(s, request, timeout));
        } catch (TransportException e) {
            node.counters.requestsFailed.increment();
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Flow.Publisher<TransportEvent> events() {
        return node.events.bus();
    }

    @Override
    public TransportStats stats() {
        return node.stats(pool.inUse(), pool.total());
    }

    @Override
    public String variant() {
        return node.config.composition().alias();
    }

    @Override
    public String variantSpec() {
        return node.config.composition().spec();
    }

    @Override
    public int connections() {
        return node.sessions.size();
    }

    @Override
    public void close() {
        if (!node.beginClose()) {
            return;
        }
        // New sends and requests are refused from here (they check the node first); what was queued is written,
        // and responses to the requests written are read until the server ends each connection.
        node.lifecycle.drainSessions();
        pool.close(); // its connections' sessions are closed already; destroy() finds nothing left to do
        node.shutdown(null);
        if (quic != null) {
            quic.close();
        }
    }

    @Override
    public String toString() {
        return "client of " + target + " " + node;
    }
}
