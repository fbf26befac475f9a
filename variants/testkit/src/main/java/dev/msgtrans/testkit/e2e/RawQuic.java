package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.QuicOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The QUIC {@link RawConnection}: a plain Netty QUIC client (no msgtrans code) on the ordered mapping: one
 * unidirectional stream carries the raw bytes, {@link #finish()} finishes it (the peer's end of stream, as TCP's
 * FIN), {@link #reset()} closes the connection with an error code (an abort, as a TCP reset), and {@link #close()}
 * closes it without one (the end of its stream, as closing a socket sends a FIN). The server's stream
 * is read with auto-read off, only in {@link #drain}, so that a peer that does not drain backs the server up through
 * QUIC's flow control.
 * <p>
 * Threading contract: see {@link RawConnection}.
 */
public final class RawQuic implements RawConnection {

    private final EventLoopGroup group;
    private final Channel datagram;
    private final QuicChannel connection;
    private final QuicStreamChannel out;
    private final String localPeer;
    private final Inbox inbox;

    /** What arrived from the server, written by the event loop, read by the driving thread under its monitor. */
    private static final class Inbox {
        volatile QuicStreamChannel in;
        volatile long received;
        volatile boolean ended;
    }

    private RawQuic(EventLoopGroup group, Channel datagram, QuicChannel connection, QuicStreamChannel out, Inbox inbox) {
        this.inbox = inbox;
        this.group = group;
        this.datagram = datagram;
        this.connection = connection;
        this.out = out;
        InetSocketAddress local = (InetSocketAddress) datagram.localAddress();
        this.localPeer = "127.0.0.1:" + local.getPort();
    }

    /** Connects to {@code quic://host:port}, trusting {@link TestCertificate}, and opens the ordered stream. */
    public static RawQuic connect(String address) throws IOException {
        String hostPort = address.substring("quic://".length());
        int colon = hostPort.lastIndexOf(':');
        InetSocketAddress remote = new InetSocketAddress(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1)));
        // daemon: a raw peer a failed case never closed must not keep the test JVM alive
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new io.netty.util.concurrent.DefaultThreadFactory("raw-quic", true), NioIoHandler.newFactory());
        try {
            var ssl = QuicSslContextBuilder.forClient().trustManager(TestCertificate.certificate())
                    .endpointIdentificationAlgorithm(null).applicationProtocols(QuicOptions.Ordering.ORDERED_ALPN).build();
            var codec = new QuicClientCodecBuilder().sslContext(ssl).maxIdleTimeout(30, TimeUnit.SECONDS)
                    .initialMaxData(1 << 20).initialMaxStreamDataUnidirectional(64 * 1024)
                    .initialMaxStreamsUnidirectional(16).build();
            Channel datagram = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec)
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            Inbox inbox = new Inbox();
            QuicChannel connection = QuicChannel.newBootstrap(datagram)
                    .streamOption(ChannelOption.AUTO_READ, false)
                    .handler(new ChannelInboundHandlerAdapter())
                    .streamHandler(new ChannelInitializer<QuicStreamChannel>() {
                        @Override
                        protected void initChannel(QuicStreamChannel stream) {
                            stream.pipeline().addLast(new Reader(inbox));
                            inbox.in = stream;
                        }
                    })
                    .remoteAddress(remote).connect().get(10, TimeUnit.SECONDS);
            QuicStreamChannel out = connection.createStream(QuicStreamType.UNIDIRECTIONAL,
                    new ChannelInboundHandlerAdapter()).get(10, TimeUnit.SECONDS);
            return new RawQuic(group, datagram, connection, out, inbox);
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IOException("raw QUIC connect to " + address + " failed: " + e, e);
        }
    }

    private static final class Reader extends ChannelInboundHandlerAdapter {
        private final Inbox inbox;

        Reader(Inbox inbox) {
            this.inbox = inbox;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            synchronized (inbox) {
                inbox.received += b.readableBytes();
                inbox.notifyAll();
            }
            b.release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                markEnded();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            markEnded();
        }

        private void markEnded() {
            synchronized (inbox) {
                inbox.ended = true;
                inbox.notifyAll();
            }
        }
    }

    /** The peer string the server reports for this connection ("127.0.0.1:53211"). */
    public String serverSidePeer() {
        return localPeer;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        await(out.writeAndFlush(Unpooled.wrappedBuffer(bytes)));
    }

    @Override
    public void finish() throws IOException {
        await(out.shutdownOutput());
    }

    /** Closes the connection with an application error code: an abort, as a TCP reset. */
    @Override
    public void reset() throws IOException {
        await(connection.close(true, 1, Unpooled.EMPTY_BUFFER));
    }

    @Override
    public void stopReading() {
        // auto-read is off: nothing is read except in drain()
    }

    @Override
    public long drain(long bytes, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (inbox) {
            while (inbox.received < bytes && !inbox.ended && !connectionGone()) {
                QuicStreamChannel s = inbox.in;
                if (s != null) {
                    s.config().setAutoRead(true);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                inbox.wait(Math.max(1, Math.min(50, TimeUnit.NANOSECONDS.toMillis(left))));
            }
            connectionGone();
            return inbox.received;
        }
    }

    private boolean connectionGone() {
        if (!connection.isActive()) {
            inbox.ended = true;
            return true;
        }
        return false;
    }

    @Override
    public long bytesReceived() {
        return inbox.received;
    }

    @Override
    public boolean ended() {
        return inbox.ended;
    }

    @Override
    public long serverSession(SessionLookup lookup) throws InterruptedException {
        return lookup.byPeer(localPeer);
    }

    @Override
    public void close() {
        try {
            connection.close().syncUninterruptibly();
            // one more turn of the event loop, so that the close's datagram leaves before the UDP channel closes
            datagram.eventLoop().submit(() -> { }).syncUninterruptibly();
            datagram.close().syncUninterruptibly();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void await(io.netty.util.concurrent.Future<?> f) throws IOException {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
