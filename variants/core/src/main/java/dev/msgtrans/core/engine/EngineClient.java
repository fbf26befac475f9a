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
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The client: an {@link EngineNode} of its own (loops, dispatch, trackers, event bus from the same composition) whose
 * sessions are the connections of a {@link ConnectionPool} of {@code connections} connections. Every send or
 * request leases a connection for the time it takes to queue one frame, so concurrent callers spread over the
 * connections and the pool's acquire/release is on the measured path, as in the original. A connection found
 * closed is discarded, and the pool opens a new one in its place on a later acquire.
 * <p>
 * Threading contract: every public method from any thread, except {@link #close()} from the engine's own threads
 * ({@link TransportClient#close()}).
 */
final class EngineClient implements TransportClient {

    private final EngineNode node;
    private final ConnectionPool<ClientConnection> pool;
    private final String target;

    private EngineClient(EngineNode node) {
        this.node = node;
        TransportConfig c = node.config;
        this.target = c.protocol() == Protocol.TCP ? c.host() + ":" + c.port() : "mem:" + c.memoryName();
        this.pool = c.composition().variant(Phase.POOLS).newConnectionPool(new ConnectionPool.Factory<>() {
            @Override
            public ClientConnection create() throws IOException {
                return openConnection();
            }

            @Override
            public void destroy(ClientConnection connection) {
                node.closeSession(connection.session, CloseReason.LOCAL, null, null);
            }
        }, c.connections());
    }

    static EngineClient connect(TransportConfig config) throws IOException {
        // "Each connection on its own loop" up to the configured I/O threads; more connections share loops.
        EngineNode node = new EngineNode(config, "client", Math.min(config.connections(), config.ioThreads()));
        EngineClient client = new EngineClient(node);
        try {
            client.fillPool();
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /** Opens every connection now, so that connect() fails fast when the server is not there. */
    private void fillPool() throws IOException {
        List<ConnectionPool.Lease<ClientConnection>> leases = new ArrayList<>();
        try {
            for (int i = 0; i < node.config.connections(); i++) {
                leases.add(pool.acquire(node.config.acquireTimeoutMillis(), TimeUnit.MILLISECONDS));
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

    /** Pool factory, on the acquiring thread: one new connection, opened as a session of this node. */
    private ClientConnection openConnection() throws IOException {
        if (node.isClosed()) {
            throw new IOException("client closed");
        }
        TransportConfig c = node.config;
        long id = node.nextSessionId();
        Session session;
        if (c.protocol() == Protocol.TCP) {
            SocketChannel ch = SocketChannel.open();
            try {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.connect(new InetSocketAddress(c.host(), c.port())); // blocking connect, then non-blocking I/O
                ch.configureBlocking(false);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            session = new NioSession(id, target, node, (NioLoop) node.loopFor(id), ch);
            node.open(session);
        } else {
            MemoryHub.Acceptor server = MemoryHub.lookup(c.memoryName());
            MemorySession clientEnd = new MemorySession(id, target, node, (MemoryLoop) node.loopFor(id));
            MemorySession serverEnd = server.accept(clientEnd, MemoryHub.nextClientName(c.memoryName()));
            clientEnd.link(serverEnd);
            node.open(clientEnd, false); // our end first: nothing can arrive before our actor exists
            server.open(serverEnd);
            node.announce(clientEnd);    // our onOpen may send: only now is the server's end open to receive it
            session = clientEnd;
        }
        return new ClientConnection(session);
    }

    /** Leases an open connection, runs {@code action} on its session, releases it. */
    private <R> R withConnection(Function<Session, R> action) {
        // A dead connection is discarded and the next acquire may open a fresh one; bounded so that a server that
        // keeps refusing cannot loop us forever.
        for (int attempt = 0; attempt <= node.config.connections(); attempt++) {
            ConnectionPool.Lease<ClientConnection> lease = acquire();
            if (!lease.connection().isOpen()) {
                pool.discard(lease);
                continue;
            }
            try {
                return action.apply(lease.connection().session);
            } finally {
                pool.release(lease);
            }
        }
        throw new TransportException("no open connection to " + target + " after " + (node.config.connections() + 1)
                + " attempts (pool size " + pool.maxSize() + ")");
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
        return withConnection(s -> node.send(s, packet));
    }

    @Override
    public CompletableFuture<Packet> request(Packet request, Duration timeout) {
        if (node.isClosed()) {
            return node.request(null, request, timeout); // fails with "transport closed"
        }
        try {
            return withConnection(s -> node.request(s, request, timeout));
        } catch (TransportException e) {
            node.counters.requestsFailed.increment();
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Flow.Publisher<TransportEvent> events() {
        return node.events();
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
        node.drainSessions();
        pool.close(); // its connections' sessions are closed already; destroy() finds nothing left to do
        node.shutdown(null);
    }

    @Override
    public String toString() {
        return "client of " + target + " " + node;
    }
}
