package dev.msgtrans.core.engine;

import dev.msgtrans.core.Endpoint;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The server: an {@link EngineNode} plus its ways in, one per listener (the configured endpoint and any
 * {@link TransportConfig#alsoListen()}), all feeding the node's one session registry. Over TCP and WebSocket (TCP
 * with its own framing per session) a dedicated acceptor thread per listener blocks in {@code accept()} (accepting
 * is rare next to reading, so it does not share a selector with the data path) and hands each connection to an NIO
 * loop round robin; in memory the server is bound by name in the {@link MemoryHub}; over QUIC a
 * {@link QuicEndpoint} accepts on Netty's event loop and hands each connection to a QUIC loop the same way. The
 * node has one family of loops per kind of I/O its listeners need.
 * <p>
 * Threading contract: every public method from any thread, except {@link #close()} from the engine's own threads
 * ({@link TransportServer#close()}).
 */
final class EngineServer implements TransportServer, MemoryHub.Acceptor {

    private final EngineNode node;
    /** The first listener's address ({@link #address()}). */
    private final String address;
    /** Every listener's address, the first one first. */
    private final List<String> addresses;
    /** The TCP and WebSocket listeners, each with its acceptor thread. */
    private final List<SocketListener> socketListeners;
    private final QuicEndpoint quic;                  // null without a QUIC listener
    /** The names bound in the {@link MemoryHub}; written once by {@link #start}, before any close can run. */
    private final List<String> memoryNames = new java.util.ArrayList<>();
    /** Replayed to every subscriber, which can only subscribe after {@link #start} published it. */
    private final TransportEvent.ServerStarted started;

    /** A bound TCP or WebSocket server socket: its sessions' protocol, its address, the thread accepting on it. */
    private final class SocketListener {
        final ServerSocketChannel channel;
        final Protocol protocol;
        final String address;
        final Thread acceptor;

        SocketListener(ServerSocketChannel channel, Protocol protocol, String address, int index) {
            this.channel = channel;
            this.protocol = protocol;
            this.address = address;
            this.acceptor = new Thread(() -> acceptLoop(this), node.name + "-accept" + (index == 0 ? "" : "-" + index));
            acceptor.setDaemon(true);
        }
    }

    private EngineServer(EngineNode node, List<String> addresses, List<Bound> sockets, QuicEndpoint quic) {
        this.node = node;
        this.quic = quic;
        this.addresses = List.copyOf(addresses);
        this.address = addresses.get(0);
        List<SocketListener> listeners = new java.util.ArrayList<>();
        for (Bound b : sockets) {
            listeners.add(new SocketListener(b.channel, b.protocol, b.address, listeners.size()));
        }
        this.socketListeners = List.copyOf(listeners);
        this.started = new TransportEvent.ServerStarted(address);
    }

    /** A server socket bound by {@link #start}, before the server that accepts on it exists. */
    private record Bound(ServerSocketChannel channel, Protocol protocol, String address) {
    }

    /**
     * Binds every listener (the configuration's endpoint, then {@link TransportConfig#alsoListen()}), one node for
     * them all. If one cannot bind, nothing bound before it stays bound.
     */
    static EngineServer start(TransportConfig config) throws IOException {
        EngineNode node = new EngineNode(config, "server", config.ioThreads());
        List<Endpoint> endpoints = new java.util.ArrayList<>();
        endpoints.add(new Endpoint(config.protocol(), config.host(), config.port(), config.memoryName()));
        endpoints.addAll(config.alsoListen());
        List<Bound> sockets = new java.util.ArrayList<>();
        List<String> addresses = new java.util.ArrayList<>();
        QuicEndpoint quic = null;
        EngineServer server = null;
        try {
            for (Endpoint e : endpoints) {
                switch (e.protocol()) {
                    case TCP, WEBSOCKET -> {
                        ServerSocketChannel ch = ServerSocketChannel.open();
                        sockets.add(new Bound(ch, e.protocol(), null)); // closed on failure from here on
                        ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                        ch.bind(new InetSocketAddress(e.host(), e.port()), 1024);
                        InetSocketAddress bound = (InetSocketAddress) ch.getLocalAddress();
                        String a = new Endpoint(e.protocol(), bound.getAddress().getHostAddress(), bound.getPort(),
                                null).address();
                        sockets.set(sockets.size() - 1, new Bound(ch, e.protocol(), a));
                        addresses.add(a);
                    }
                    case QUIC -> {
                        quic = QuicEndpoint.bindServer(node, e.host(), e.port());
                        addresses.add(quic.address());
                    }
                    case MEMORY -> addresses.add(e.address());
                }
            }
            server = new EngineServer(node, addresses, sockets, quic);
            for (Endpoint e : endpoints) {
                if (e.protocol() == Protocol.MEMORY) {
                    MemoryHub.bind(e.memoryName(), server);
                    server.memoryNames.add(e.memoryName());
                }
            }
            for (SocketListener l : server.socketListeners) {
                l.acceptor.start();
            }
        } catch (Throwable e) {
            // e.g. a port is taken, or an acceptor thread cannot start: nothing the node started may outlive it
            for (Bound b : sockets) {
                try {
                    b.channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (server != null) {
                for (String name : server.memoryNames) {
                    MemoryHub.unbind(name, server);
                }
            }
            node.beginClose();
            node.shutdown(null);
            if (quic != null) {
                quic.close();
            }
            throw e;
        }
        node.events.publish(server.started); // counted; nobody can have subscribed yet, so events() replays it
        return server;
    }

    /** Acceptor thread: accepts until {@link #close()}; no failure, of an accept or of one connection, ends it. */
    private void acceptLoop(SocketListener listener) {
        AcceptBackoff backoff = new AcceptBackoff();
        while (!node.isClosed()) {
            try {
                if (!acceptOne(listener, backoff)) {
                    return;
                }
            } catch (Throwable e) {
                // Reporting a failure failed as well (e.g. still out of memory): keep accepting all the same.
            }
        }
    }

    /** @return {@code false} once the server channel is closed */
    private boolean acceptOne(SocketListener listener, AcceptBackoff backoff) {
        SocketChannel ch;
        try {
            ch = listener.channel.accept();
        } catch (ClosedChannelException e) {
            return false; // close() closed the server channel: the normal way out
        } catch (Throwable e) {
            // e.g. out of descriptors (EMFILE): the connection waits in the backlog, so retrying at once only fails
            // again. Pause instead, as Netty's acceptor does, and report the episode once rather than every retry.
            node.counters.acceptFailures.increment();
            try {
                if (backoff.failed()) {
                    node.events.publish(new TransportEvent.TransportError(-1, "ACCEPT", "accept on " + listener.address + " failed: "
                            + e + "; pausing accepts (" + AcceptBackoff.FIRST_PAUSE_MILLIS + " ms, doubling up to "
                            + AcceptBackoff.MAX_PAUSE_MILLIS + " ms) until one succeeds"));
                }
            } finally {
                pause(backoff.pauseNanos());
            }
            return true;
        }
        if (backoff.inEpisode()) {
            long failures = backoff.failures();
            long millis = TimeUnit.NANOSECONDS.toMillis(backoff.episodeNanos());
            backoff.recovered();
            node.events.publish(new TransportEvent.TransportError(-1, "ACCEPT_RECOVERED", "accepting on "
                    + listener.address + " again after " + failures + " failed accepts over " + millis + " ms"));
        }
        admit(ch, listener.protocol);
        return true;
    }

    /** Acceptor thread: sleeps for the back-off, cut short by {@link #close()} (which unparks it). */
    private void pause(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0 && !node.isClosed(); left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                return; // nobody interrupts the acceptor; if someone does, stop pausing rather than spin
            }
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    /**
     * Acceptor-confined state of one episode of failing accepts: its failures, when it began, and the next pause
     * (starting at {@link #FIRST_PAUSE_MILLIS}, doubling up to {@link #MAX_PAUSE_MILLIS}).
     */
    static final class AcceptBackoff {
        static final long FIRST_PAUSE_MILLIS = 10;
        static final long MAX_PAUSE_MILLIS = 1_000;

        private long failures;
        private long episodeStart;
        private long pauseMillis;

        /** @return {@code true} if this failure starts an episode (the one to report) */
        boolean failed() {
            boolean first = failures++ == 0;
            if (first) {
                episodeStart = System.nanoTime();
                pauseMillis = FIRST_PAUSE_MILLIS;
            } else {
                pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
            }
            return first;
        }

        long pauseNanos() {
            return TimeUnit.MILLISECONDS.toNanos(pauseMillis);
        }

        boolean inEpisode() {
            return failures > 0;
        }

        long failures() {
            return failures;
        }

        long episodeNanos() {
            return System.nanoTime() - episodeStart;
        }

        void recovered() {
            failures = 0;
        }
    }

    /** Registers one accepted connection; a failure drops only that connection, and is reported. */
    private void admit(SocketChannel ch, Protocol protocol) {
        String peer = "?";
        NioSession session = null;
        try {
            InetSocketAddress remote = (InetSocketAddress) ch.getRemoteAddress();
            peer = remote.getAddress().getHostAddress() + ":" + remote.getPort();
            if (node.sessions.size() >= node.config.maxSessions()) {
                ch.close();
                node.events.publish(new TransportEvent.TransportError(-1, "SESSION_LIMIT", "refused " + peer + ": "
                        + node.config.maxSessions() + " sessions open (maxSessions)"));
                return;
            }
            long id = node.nextSessionId();
            IoLoop loop = node.loopFor(protocol, id);
            if (!loop.running()) {
                ch.close();
                node.events.publish(new TransportEvent.TransportError(-1, "IO_LOOP", "refused " + peer
                        + ": every I/O loop has stopped"));
                return;
            }
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            session = new NioSession(id, peer, node, (NioLoop) loop, ch, node.framing(protocol, true));
            node.lifecycle.open(session);
            if (session.framing instanceof WebSocketFraming ws) {
                boundUpgrade(session, ws);
            }
        } catch (Throwable e) {
            if (session != null && session.state.wasOpened()) {
                // opened (and announced) before it failed: close it the usual way, so its events pair up
                node.lifecycle.closeSession(session, dev.msgtrans.core.CloseReason.IO_ERROR, "ACCEPT",
                        "setting up the connection from " + peer + " failed: " + e);
            } else {
                closeQuietly(ch);
                node.events.publish(new TransportEvent.TransportError(-1, "ACCEPT", "could not set up connection from "
                        + peer + ": " + e));
            }
        }
    }

    /**
     * A WebSocket connection whose upgrade request has not arrived within the connect timeout is closed: a peer
     * that connects and says nothing would otherwise hold a session (and a place under maxSessions) until the idle
     * timeout, if one is set at all.
     */
    private void boundUpgrade(NioSession s, WebSocketFraming ws) {
        long millis = node.config.connectTimeoutMillis();
        try {
            java.util.concurrent.ScheduledFuture<?> t = node.timer.schedule(() -> {
                if (!ws.upgraded.isDone()) {
                    node.lifecycle.closeSession(s, dev.msgtrans.core.CloseReason.PROTOCOL_ERROR, "WS_HANDSHAKE_TIMEOUT",
                            "no WebSocket upgrade request from " + s.peer + " within " + millis + " ms");
                }
            }, millis);
            ws.upgraded.whenComplete((ok, e) -> t.cancel(false));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the server is closing: its close ends the session
        }
    }

    /** In-memory connect: a session linked to {@code client}, not yet opened (the client opens its end first). */
    @Override
    public MemorySession accept(MemoryEndpoint client, String clientName) throws IOException {
        if (node.isClosed()) {
            throw new java.net.ConnectException("memory server " + address + " is closed");
        }
        if (node.sessions.size() >= node.config.maxSessions()) {
            node.events.publish(new TransportEvent.TransportError(-1, "SESSION_LIMIT", "refused " + clientName + ": "
                    + node.config.maxSessions() + " sessions open (maxSessions)"));
            throw new java.net.ConnectException("memory server " + address + " refused " + clientName
                    + ": session limit " + node.config.maxSessions() + " reached");
        }
        long id = node.nextSessionId();
        IoLoop loop = node.loopFor(Protocol.MEMORY, id);
        if (!loop.running()) {
            node.events.publish(new TransportEvent.TransportError(-1, "IO_LOOP", "refused " + clientName
                    + ": every I/O loop has stopped"));
            throw new java.net.ConnectException("memory server " + address + " refused " + clientName
                    + ": every I/O loop has stopped");
        }
        MemorySession s = new MemorySession(id, clientName, node, (MemoryLoop) loop);
        s.link(client);
        return s;
    }

    @Override
    public void open(MemorySession serverEnd) {
        node.lifecycle.open(serverEnd);
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public List<String> addresses() {
        return addresses;
    }

    @Override
    public java.util.Optional<java.security.cert.X509Certificate> certificate() {
        return quic == null ? java.util.Optional.empty() : java.util.Optional.of(quic.certificate);
    }

    @Override
    public SendResult send(long session, Packet packet) {
        return node.outbound.send(node.sessions.get(session), packet);
    }

    @Override
    public CompletableFuture<Packet> request(long session, Packet request, Duration timeout) {
        return node.outbound.request(node.sessions.get(session), request, timeout);
    }

    @Override
    public int broadcast(Packet packet) {
        return node.outbound.broadcast(packet);
    }

    @Override
    public boolean close(long session) {
        Session s = node.sessions.get(session);
        return s != null && node.lifecycle.closeSession(s, dev.msgtrans.core.CloseReason.LOCAL, null, null);
    }

    @Override
    public boolean isOpen(long session) {
        Session s = node.sessions.get(session);
        return s != null && s.state.isOpen();
    }

    @Override
    public boolean isWritable(long session) {
        Session s = node.sessions.get(session);
        return s != null && s.state.isOpen() && s.budget.isWritable();
    }

    @Override
    public List<Long> sessions() {
        return node.sessionIds();
    }

    /** Each subscriber receives {@code ServerStarted} first (unless it subscribes after close), then the stream. */
    @Override
    public Flow.Publisher<TransportEvent> events() {
        return node.events.publisher(started);
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
        for (SocketListener l : socketListeners) {
            try {
                l.channel.close(); // unblocks accept(); the port is free once this returns
            } catch (IOException ignored) {
                // closing anyway
            }
            LockSupport.unpark(l.acceptor); // ends an accept back-off pause early
        }
        for (SocketListener l : socketListeners) {
            while (true) {
                try {
                    l.acceptor.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (quic != null) {
            quic.stopAccepting(); // the UDP channel stays: the sessions' connections drain over it
        }
        for (String name : memoryNames) {
            MemoryHub.unbind(name, this);
        }
        node.lifecycle.drainSessions();
        node.shutdown(new TransportEvent.ServerStopped(address));
        if (quic != null) {
            quic.close(); // the port is free and the event loop's thread gone once this returns
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "server " + String.join(", ", addresses) + " " + node;
    }
}
