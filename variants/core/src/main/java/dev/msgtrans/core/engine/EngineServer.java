package dev.msgtrans.core.engine;

import dev.msgtrans.core.Packet;
import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.SendResult;
import dev.msgtrans.core.TransportConfig;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.TransportStats;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The server: an {@link EngineNode} plus a way in. Over TCP a dedicated acceptor thread blocks in
 * {@code accept()} (accepting is rare next to reading, so it does not share a selector with the data path) and
 * hands each connection to a loop round robin; in memory the server is bound by name in the {@link MemoryHub}.
 * <p>
 * Threading contract: every public method from any thread, except {@link #close()} from the engine's own threads
 * ({@link TransportServer#close()}).
 */
final class EngineServer implements TransportServer, MemoryHub.Acceptor {

    private final EngineNode node;
    private final String address;
    private final ServerSocketChannel serverChannel; // null in memory
    private final Thread acceptor;                    // null in memory
    /** Replayed to every subscriber, which can only subscribe after {@link #start} published it. */
    private final TransportEvent.ServerStarted started;

    private EngineServer(EngineNode node, String address, ServerSocketChannel serverChannel) {
        this.node = node;
        this.address = address;
        this.serverChannel = serverChannel;
        this.started = new TransportEvent.ServerStarted(address);
        this.acceptor = serverChannel == null ? null : new Thread(this::acceptLoop, node.name + "-accept");
        if (acceptor != null) {
            acceptor.setDaemon(true);
        }
    }

    static EngineServer start(TransportConfig config) throws IOException {
        EngineNode node = new EngineNode(config, "server", config.ioThreads());
        EngineServer server;
        try {
            if (config.protocol() == Protocol.TCP) {
                ServerSocketChannel ch = ServerSocketChannel.open();
                try {
                    ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    ch.bind(new InetSocketAddress(config.host(), config.port()), 1024);
                } catch (IOException e) {
                    ch.close();
                    throw e;
                }
                InetSocketAddress bound = (InetSocketAddress) ch.getLocalAddress();
                server = new EngineServer(node, bound.getAddress().getHostAddress() + ":" + bound.getPort(), ch);
                server.acceptor.start();
            } else {
                server = new EngineServer(node, "mem:" + config.memoryName(), null);
                MemoryHub.bind(config.memoryName(), server);
            }
        } catch (IOException | RuntimeException e) {
            node.beginClose();
            node.shutdown(null);
            throw e;
        }
        node.publish(server.started); // counted; nobody can have subscribed yet, so events() replays it
        return server;
    }

    private void acceptLoop() {
        while (!node.isClosed()) {
            SocketChannel ch;
            try {
                ch = serverChannel.accept();
            } catch (ClosedChannelException e) {
                return; // close() closed the server channel: the normal way out
            } catch (IOException e) {
                // e.g. out of descriptors: report, and keep accepting rather than silently stop serving
                node.publish(new TransportEvent.TransportError(-1, "ACCEPT", "accept on " + address + " failed: " + e));
                Thread.onSpinWait();
                continue;
            }
            admit(ch);
        }
    }

    private void admit(SocketChannel ch) {
        String peer = "?";
        try {
            InetSocketAddress remote = (InetSocketAddress) ch.getRemoteAddress();
            peer = remote.getAddress().getHostAddress() + ":" + remote.getPort();
            if (node.sessions.size() >= node.config.maxSessions()) {
                ch.close();
                node.publish(new TransportEvent.TransportError(-1, "SESSION_LIMIT", "refused " + peer + ": "
                        + node.config.maxSessions() + " sessions open (maxSessions)"));
                return;
            }
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            long id = node.nextSessionId();
            node.open(new NioSession(id, peer, node, (NioLoop) node.loopFor(id), ch));
        } catch (IOException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing
            }
            node.publish(new TransportEvent.TransportError(-1, "ACCEPT", "could not set up connection from " + peer + ": " + e));
        }
    }

    /** In-memory connect: a session linked to {@code client}, not yet opened (the client opens its end first). */
    @Override
    public MemorySession accept(MemoryEndpoint client, String clientName) throws IOException {
        if (node.isClosed()) {
            throw new java.net.ConnectException("memory server " + address + " is closed");
        }
        if (node.sessions.size() >= node.config.maxSessions()) {
            node.publish(new TransportEvent.TransportError(-1, "SESSION_LIMIT", "refused " + clientName + ": "
                    + node.config.maxSessions() + " sessions open (maxSessions)"));
            throw new java.net.ConnectException("memory server " + address + " refused " + clientName
                    + ": session limit " + node.config.maxSessions() + " reached");
        }
        long id = node.nextSessionId();
        MemorySession s = new MemorySession(id, clientName, node, (MemoryLoop) node.loopFor(id));
        s.link(client);
        return s;
    }

    @Override
    public void open(MemorySession serverEnd) {
        node.open(serverEnd);
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public SendResult send(long session, Packet packet) {
        return node.send(node.sessions.get(session), packet);
    }

    @Override
    public CompletableFuture<Packet> request(long session, Packet request, Duration timeout) {
        return node.request(node.sessions.get(session), request, timeout);
    }

    @Override
    public int broadcast(Packet packet) {
        return node.broadcast(packet);
    }

    @Override
    public boolean close(long session) {
        Session s = node.sessions.get(session);
        return s != null && node.closeSession(s, dev.msgtrans.core.CloseReason.LOCAL, null, null);
    }

    @Override
    public boolean isOpen(long session) {
        Session s = node.sessions.get(session);
        return s != null && s.state.isOpen();
    }

    @Override
    public List<Long> sessions() {
        return node.sessionIds();
    }

    /** Each subscriber receives {@code ServerStarted} first (unless it subscribes after close), then the stream. */
    @Override
    public Flow.Publisher<TransportEvent> events() {
        return node.events(started);
    }

    @Override
    public TransportStats stats() {
        return node.stats(0, 0);
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
    public void close() {
        if (!node.beginClose()) {
            return;
        }
        boolean interrupted = false;
        if (serverChannel != null) {
            try {
                serverChannel.close(); // unblocks accept(); the port is free once this returns
            } catch (IOException ignored) {
                // closing anyway
            }
            while (true) {
                try {
                    acceptor.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } else {
            MemoryHub.unbind(node.config.memoryName(), this);
        }
        node.shutdown(new TransportEvent.ServerStopped(address));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "server " + address + " " + node;
    }
}
