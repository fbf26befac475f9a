package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.QuicOptions;
import dev.msgtrans.core.TransportEvent;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.Quic;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicCodecBuilder;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicStreamLimitChangedEvent;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;

import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Netty side of QUIC for one node: one event loop thread, one UDP channel with Netty's QUIC codec, the TLS 1.3
 * context, and the handlers that turn a QUIC connection into a {@link QuicSession} (opened on the connection's event
 * loop before any of its streams is read, so {@code ConnectionEstablished} precedes every packet) and each stream the
 * peer opens into input of that session. A server binds it and accepts; a client connects its pooled connections
 * through it.
 * <p>
 * TLS: the server presents the configured certificate, or a self-signed one generated at start-up
 * ({@link #certificate}); the client verifies it against the JVM's default trust store and the host name, or against
 * the pinned certificates it was given ({@link QuicOptions#trusted()}), unless
 * {@link QuicOptions#insecureSkipVerify()} (reported as a warning at every connect). The
 * ordering ({@link QuicOptions.Ordering}) travels as the ALPN protocol: the client offers its own, the server takes
 * either.
 * <p>
 * Threading contract: {@link #connect}, {@link #stopAccepting} and {@link #close} from any thread; the handlers on the
 * event loop.
 */
final class QuicEndpoint {

    private static final AttributeKey<QuicSession> SESSION = AttributeKey.valueOf("msgtrans.session");
    /** Per-connection and per-stream flow-control windows: room for one largest frame and some pipelining. */
    private static final long MAX_DATA = 16L << 20;
    private static final long MAX_STREAM_DATA = 4L << 20;
    private static final long MAX_UNI_STREAMS = 1024;

    private final EngineNode node;
    private final EventLoopGroup group;
    private final Channel datagram;
    /** Server: the certificate it presents; null on a client. */
    final X509Certificate certificate;
    private final String address;
    private volatile boolean accepting = true;
    private final ChannelHandler streams = new ChannelInitializer<QuicStreamChannel>() {
        @Override
        protected void initChannel(QuicStreamChannel stream) {
            QuicSession s = stream.parent().attr(SESSION).get();
            ChannelHandler reader = s == null ? null : s.reader(stream);
            if (reader == null) {
                if (s != null && s.state.isOpen()) {
                    node.counters.protocolErrors.increment();
                    node.lifecycle.beginGracefulClose(s, CloseReason.PROTOCOL_ERROR, "UNEXPECTED_STREAM", "peer "
                            + s.peer + " opened a second stream on an ordered connection");
                }
                stream.close();
                return;
            }
            stream.pipeline().addLast(reader);
        }
    };

    private QuicEndpoint(EngineNode node, EventLoopGroup group, Channel datagram, X509Certificate certificate) {
        this.node = node;
        this.group = group;
        this.datagram = datagram;
        this.certificate = certificate;
        InetSocketAddress local = (InetSocketAddress) datagram.localAddress();
        this.address = "quic://" + local.getAddress().getHostAddress() + ":" + local.getPort();
    }

    /** Called by {@link QuicSupport} once the classes are known to be there. */
    static void requireNative() {
        if (!Quic.isAvailable()) {
            throw new IllegalStateException("Protocol.QUIC: Netty's native QUIC library did not load on this platform ("
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + "): "
                    + Quic.unavailabilityCause() + "; " + QuicSupport.ADD, Quic.unavailabilityCause());
        }
    }

    static QuicEndpoint bindServer(EngineNode node, String host, int port) throws IOException {
        QuicOptions o = node.config.quic();
        X509Certificate cert = o.certificate();
        PrivateKey key = o.privateKey();
        if (cert == null) {
            try {
                SelfSignedCertificate ssc = new SelfSignedCertificate("localhost", "EC", 256);
                cert = ssc.cert();
                key = ssc.key();
                ssc.delete(); // the temporary PEM files: the certificate and key stay in memory
            } catch (java.security.cert.CertificateException e) {
                throw new IOException("could not generate the QUIC server's self-signed certificate: " + e, e);
            }
        }
        QuicSslContext ssl = QuicSslContextBuilder.forServer(key, null, cert)
                .applicationProtocols(QuicOptions.Ordering.ORDERED_ALPN, QuicOptions.Ordering.PER_PACKET_ALPN)
                .build();
        EventLoopGroup group = newGroup(node);
        try {
            QuicEndpoint[] self = new QuicEndpoint[1];
            ChannelHandler codec = settings(new QuicServerCodecBuilder(), o)
                    .sslContext(ssl)
                    .handler(new ChannelInitializer<QuicChannel>() {
                        @Override
                        protected void initChannel(QuicChannel ch) {
                            if (self[0] == null) {
                                ch.close(); // in the instant between the bind and this endpoint's construction
                                return;
                            }
                            ch.pipeline().addLast(self[0].new Connection(null, null));
                        }
                    })
                    .streamHandler(new ChannelInitializer<QuicStreamChannel>() {
                        @Override
                        protected void initChannel(QuicStreamChannel ch) {
                            if (self[0] == null) {
                                ch.close();
                                return;
                            }
                            ch.pipeline().addLast(self[0].streams);
                        }
                    })
                    .build();
            Channel ch = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec)
                    .bind(new InetSocketAddress(host, port)).sync().channel();
            self[0] = new QuicEndpoint(node, group, ch, cert);
            return self[0];
        } catch (InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding QUIC", e);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
            throw e;
        }
    }

    static QuicEndpoint openClient(EngineNode node) throws IOException {
        QuicOptions o = node.config.quic();
        QuicSslContextBuilder ssl = QuicSslContextBuilder.forClient().applicationProtocols(o.ordering().alpn());
        if (o.insecureSkipVerify()) {
            ssl.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
        } else {
            trust(ssl, o);
        }
        EventLoopGroup group = newGroup(node);
        try {
            ChannelHandler codec = settings(new QuicClientCodecBuilder(), o).sslContext(ssl.build()).build();
            Channel ch = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec)
                    .bind(new InetSocketAddress(0)).sync().channel();
            return new QuicEndpoint(node, group, ch, null);
        } catch (InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening QUIC", e);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
            throw e;
        }
    }

    /**
     * The JVM's default trust store, with the host name checked against the certificate (Netty's default); or, when
     * certificates are given, only those (pinned): the pinned certificate identifies the server, so the name is not
     * checked (a generated certificate names {@code localhost}, whatever address the server is reached at).
     */
    private static void trust(QuicSslContextBuilder ssl, QuicOptions o) throws IOException {
        if (o.trusted().isEmpty()) {
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init((KeyStore) null);
                ssl.trustManager(tmf);
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException("could not set up the QUIC client's trust: " + e, e);
            }
            return;
        }
        ssl.trustManager(o.trusted().toArray(new X509Certificate[0])).endpointIdentificationAlgorithm(null);
    }

    private static <B extends QuicCodecBuilder<B>> B settings(B b, QuicOptions o) {
        return b.maxIdleTimeout(o.idleTimeoutMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(MAX_DATA)
                .initialMaxStreamDataUnidirectional(MAX_STREAM_DATA)
                .initialMaxStreamsUnidirectional(MAX_UNI_STREAMS)
                .initialMaxStreamsBidirectional(0)
                .datagram(64, 64); // the keep-alive's datagrams; received ones are dropped
    }

    private static EventLoopGroup newGroup(EngineNode node) {
        // One thread: the QUIC codec of one UDP channel runs on one event loop; named as the engine's threads are, and
        // kept, so that close() can wait for it to end (Netty's termination future completes just before it does).
        DefaultThreadFactory named = new DefaultThreadFactory(node.name + "-quic", true);
        return new MultiThreadIoEventLoopGroup(1, r -> {
            Thread t = named.newThread(r);
            THREADS.put(node, t);
            return t;
        }, NioIoHandler.newFactory());
    }

    /** The event loop thread of each node's group, for {@link #close()} to join. */
    private static final java.util.Map<EngineNode, Thread> THREADS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    String address() {
        return address;
    }

    /** Server: refuse new connections from now on (the node is closing). */
    void stopAccepting() {
        accepting = false;
    }

    /**
     * Client: connects one pooled connection. The returned future completes with the open session, or fails with an
     * {@code IOException} naming the target (refused by TLS, unreachable, or not connected within the connect timeout).
     */
    CompletableFuture<Session> connect(long id, String target, InetSocketAddress remote) {
        CompletableFuture<Session> ready = new CompletableFuture<>();
        if (node.config.quic().insecureSkipVerify()) {
            node.events.publishError(-1, "QUIC_INSECURE", "QUIC connect to " + target + " WITHOUT verifying the"
                    + " server's certificate (quicInsecureSkipVerify): anyone on the path can read and change this"
                    + " connection's traffic", null);
        }
        long timeoutMillis = node.config.connectTimeoutMillis();
        io.netty.util.concurrent.Future<QuicChannel> f = QuicChannel.newBootstrap(datagram)
                .handler(new Connection(id, ready))
                .streamHandler(streams)
                .remoteAddress(remote)
                .connect();
        ScheduledFuture<?> timeout;
        try {
            timeout = node.timer.schedule(() -> {
                if (ready.completeExceptionally(new IOException("connect to " + target + " timed out after "
                        + timeoutMillis + " ms"))) {
                    f.cancel(false);
                }
            }, timeoutMillis);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            ready.completeExceptionally(new IOException("connect to " + target + " abandoned: the client is closing"));
            return ready;
        }
        f.addListener(r -> {
            if (!r.isSuccess()) {
                Throwable cause = r.cause();
                ready.completeExceptionally(new IOException("connect to " + target + " failed: " + cause, cause));
            }
        });
        ready.whenComplete((s, e) -> timeout.cancel(false));
        return ready;
    }

    /**
     * One QUIC connection's handler: opens its session once the connection is established (and, on a client,
     * completes the connect with it), drops the keep-alive datagrams, and ends the session with the connection.
     */
    private final class Connection extends ChannelInboundHandlerAdapter {
        private final Long clientId;                     // null on a server
        private final CompletableFuture<Session> ready;  // null on a server
        /** The peer closed the connection without an error code (Netty tells before the channel goes inactive). */
        private boolean cleanClose;

        Connection(Long clientId, CompletableFuture<Session> ready) {
            this.clientId = clientId;
            this.ready = ready;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.fireChannelActive();
            QuicChannel ch = (QuicChannel) ctx.channel();
            InetSocketAddress remote = (InetSocketAddress) ch.remoteSocketAddress();
            String peer = remote == null ? "?" : remote.getAddress().getHostAddress() + ":" + remote.getPort();
            if (ready != null) {
                if (ready.isDone()) {
                    ch.close(); // timed out or cancelled meanwhile
                    return;
                }
                QuicSession s = open(ch, clientId, "quic://" + peer, node.config.quic().ordering());
                if (s == null || !ready.complete(s)) {
                    if (s != null) {
                        node.lifecycle.closeSession(s, CloseReason.LOCAL, null, null);
                    } else {
                        ready.completeExceptionally(new IOException("connection to quic://" + peer
                                + " could not be opened: the client is closing"));
                    }
                }
                return;
            }
            if (!accepting || node.isClosed()) {
                ch.close();
                return;
            }
            if (node.sessions.size() >= node.config.maxSessions()) {
                ch.close();
                node.events.publish(new TransportEvent.TransportError(-1, "SESSION_LIMIT", "refused " + peer + ": "
                        + node.config.maxSessions() + " sessions open (maxSessions)"));
                return;
            }
            String alpn = ch.sslEngine() == null ? null : ch.sslEngine().getApplicationProtocol();
            QuicOptions.Ordering ordering = QuicOptions.Ordering.PER_PACKET_ALPN.equals(alpn)
                    ? QuicOptions.Ordering.STREAM_PER_PACKET : QuicOptions.Ordering.ORDERED;
            open(ch, node.nextSessionId(), peer, ordering);
        }

        private QuicSession open(QuicChannel ch, long id, String peer, QuicOptions.Ordering ordering) {
            IoLoop loop = node.loopFor(dev.msgtrans.core.Protocol.QUIC, id);
            if (!loop.running()) {
                ch.close();
                node.events.publish(new TransportEvent.TransportError(-1, "IO_LOOP", "refused " + peer
                        + ": every I/O loop has stopped"));
                return null;
            }
            QuicSession s = new QuicSession(id, peer, node, (QuicLoop) loop, ch, ordering);
            ch.attr(SESSION).set(s);
            try {
                node.lifecycle.open(s);
            } catch (RuntimeException e) {
                ch.close();
                node.events.publishError(-1, "ACCEPT", "could not set up QUIC connection from " + peer + ": " + e, e);
                return null;
            }
            if (s.state.isOpen()) {
                s.started();
            }
            return s;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof io.netty.buffer.ByteBuf) {
                ReferenceCountUtil.release(msg); // a keep-alive datagram
            } else {
                ctx.fireChannelRead(msg); // a stream the peer opened: Netty's acceptor at the tail sets it up
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof QuicConnectionCloseEvent close) {
                cleanClose = close.error() == 0 && !close.isTlsError();
            } else if (evt instanceof QuicStreamLimitChangedEvent) {
                QuicSession s = ctx.channel().attr(SESSION).get();
                if (s != null) {
                    s.streamCreditChanged();
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            QuicSession s = ctx.channel().attr(SESSION).get();
            if (s != null) {
                s.connectionClosed(cleanClose);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            QuicSession s = ctx.channel().attr(SESSION).get();
            if (ready != null && !ready.isDone()) {
                ready.completeExceptionally(new IOException("QUIC connection failed: " + cause, cause));
            }
            if (s != null) {
                node.inbound.onReadFailure(s, cause instanceof IOException io ? io : new IOException(cause));
            }
            ctx.close();
        }
    }

    /** After the node's loops stopped: closes the UDP channel and stops the event loop, waiting for its thread. */
    void close() {
        try {
            datagram.close().syncUninterruptibly();
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            Thread t = THREADS.remove(node);
            if (t != null && t != Thread.currentThread()) {
                boolean interrupted = false;
                while (true) {
                    try {
                        t.join(2_000);
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
