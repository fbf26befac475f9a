package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.QuicOptions;
import dev.msgtrans.core.SendResult;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.codec.FrameDecoder;
import dev.msgtrans.core.codec.CodecLimits;
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
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What only QUIC has: the server's generated certificate and its verification (a client that does not trust it
 * cannot connect; only the explicitly insecure option connects without trust, and says so), the original's
 * stream-per-packet mapping, and interop with a client nobody here wrote (Netty's own QUIC client, no msgtrans code
 * but the bytes of one frame). The conformance suite covers the rest over QUIC ({@link E2eTargets}).
 */
class QuicTransportTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Transport.Builder server() {
        return Transport.builder().variant("lockfree").ioThreads(2).dispatchWorkers(2).quic("127.0.0.1", 0)
                .handler(MessageHandler.echo());
    }

    @Test
    void aClientTrustingTheGeneratedCertificateConnectsAndOneTrustingNothingCannot() throws Exception {
        try (TransportServer server = server().startServer()) {
            assertTrue(server.address().startsWith("quic://127.0.0.1:"), server.address());
            assertTrue(server.certificate().isPresent(), "a QUIC server exposes the certificate it generated");
            IOException refused = assertThrows(IOException.class, () -> Transport.builder().variant("lockfree")
                    .connectTo(server.address()).connectTimeoutMillis(3_000).connect().close());
            assertTrue(refused.getMessage().contains(server.address()), refused.getMessage());
            try (TransportClient client = Transport.builder().variant("lockfree").connectTo(server.address())
                    .quicTrust(server.certificate().get()).connect()) {
                EventRecorder events = EventRecorder.subscribe(client.events());
                assertEquals(SendResult.QUEUED, client.send(Packet.oneWay(3, utf8("verified"))));
                assertArrayEquals(utf8("verified"),
                        events.await(TransportEvent.MessageReceived.class, e -> true).packet().payload());
            }
        }
    }

    @Test
    void onlyTheInsecureOptionSkipsVerificationAndItSaysSoAtConnect() throws Exception {
        List<TransportEvent.TransportError> errors = new CopyOnWriteArrayList<>();
        try (TransportServer server = server().startServer();
             TransportClient client = Transport.builder().variant("lockfree").connectTo(server.address())
                     .quicInsecureSkipVerify().errorSink((e, t, delivered) -> errors.add(e)).connect()) {
            EventRecorder events = EventRecorder.subscribe(client.events());
            assertEquals(SendResult.QUEUED, client.send(Packet.oneWay(3, utf8("unverified"))));
            assertArrayEquals(utf8("unverified"),
                    events.await(TransportEvent.MessageReceived.class, e -> true).packet().payload());
            assertTrue(errors.stream().anyMatch(e -> e.cause().equals("QUIC_INSECURE")), "warned: " + errors);
        }
    }

    @Test
    void streamPerPacketDeliversEveryPacketInSomeOrder() throws Exception {
        int n = 3000; // beyond the 1024 streams of initial credit: each stream read to its end must give credit back
        try (TransportServer server = server().startServer();
             TransportClient client = Transport.builder().variant("lockfree").connectTo(server.address())
                     .quicTrust(server.certificate().get())
                     .quicOrdering(QuicOptions.Ordering.STREAM_PER_PACKET).connect()) {
            EventRecorder events = EventRecorder.subscribe(client.events());
            for (int i = 0; i < n; i++) {
                assertEquals(SendResult.QUEUED, client.send(Packet.oneWay(1, utf8("p" + i))));
            }
            Set<String> seen = new HashSet<>();
            while (seen.size() < n) {
                seen.add(new String(events.await(TransportEvent.MessageReceived.class,
                        e -> !seen.contains(new String(e.packet().payload(), StandardCharsets.UTF_8)))
                        .packet().payload(), StandardCharsets.UTF_8));
            }
            assertEquals(n, seen.size());
        }
    }

    /**
     * Netty's QUIC client, as the original's peers speak: a unidirectional stream with one msgtrans frame, finished;
     * the echo comes back on a stream the server opens, read to its end. Also checks what the engine relies on: a
     * connection's stream channels run on the connection's event loop.
     */
    @Test
    void nettysOwnQuicClientGetsItsPacketEchoed() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (TransportServer server = server().startServer()) {
            String hostPort = server.address().substring("quic://".length());
            int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
            var ssl = QuicSslContextBuilder.forClient().trustManager(server.certificate().get())
                    .endpointIdentificationAlgorithm(null).applicationProtocols("msgtrans").build();
            Channel datagram = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .handler(new QuicClientCodecBuilder().sslContext(ssl).maxIdleTimeout(10, TimeUnit.SECONDS)
                            .initialMaxData(1 << 20).initialMaxStreamDataUnidirectional(1 << 20)
                            .initialMaxStreamsUnidirectional(16).build())
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            CompletableFuture<byte[]> echoed = new CompletableFuture<>();
            List<Boolean> sameLoop = new CopyOnWriteArrayList<>();
            QuicChannel connection = QuicChannel.newBootstrap(datagram)
                    .handler(new ChannelInboundHandlerAdapter())
                    .streamHandler(new ChannelInitializer<QuicStreamChannel>() {
                        @Override
                        protected void initChannel(QuicStreamChannel stream) {
                            sameLoop.add(stream.eventLoop() == stream.parent().eventLoop());
                            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                            stream.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    ByteBuf b = (ByteBuf) msg;
                                    byte[] chunk = new byte[b.readableBytes()];
                                    b.readBytes(chunk);
                                    b.release();
                                    bytes.writeBytes(chunk);
                                }

                                @Override
                                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                    if (evt instanceof ChannelInputShutdownEvent) {
                                        echoed.complete(bytes.toByteArray()); // read to its end
                                    }
                                }
                            });
                        }
                    })
                    .remoteAddress(new InetSocketAddress("127.0.0.1", port)).connect().get(10, TimeUnit.SECONDS);
            QuicStreamChannel stream = connection.createStream(QuicStreamType.UNIDIRECTIONAL,
                    new ChannelInboundHandlerAdapter()).get(10, TimeUnit.SECONDS);
            stream.writeAndFlush(Unpooled.wrappedBuffer(RawFrames.oneWay(42, utf8("from netty"))))
                    .addListener(QuicStreamChannel.SHUTDOWN_OUTPUT).sync();

            byte[] reply = echoed.get(10, TimeUnit.SECONDS);
            List<Packet> packets = new ArrayList<>();
            new FrameDecoder(new CodecLimits(1 << 20, 0xFFFF)).decode(ByteBuffer.wrap(reply), packets::add);
            assertEquals(1, packets.size(), "one packet on the echo's stream");
            assertEquals(42, packets.get(0).bizType());
            assertArrayEquals(utf8("from netty"), packets.get(0).payload());
            assertEquals(List.of(true), sameLoop);
            connection.close().sync();
            datagram.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /**
     * The original's mapping from a client nobody here wrote: each stream is decoded on its own, so a stream that ends
     * inside a frame, or declares a frame over {@code maxPayload}, closes that connection only (after the packets of
     * the streams before it were handled), and the other connections carry on.
     */
    @Test
    void aStreamPerPacketPeerWithABadStreamLosesOnlyItsConnection() throws Exception {
        for (byte[] bad : List.of(RawFrames.prefix(RawFrames.oneWay(1, utf8("cut short")), 20),
                RawFrames.header(1, 0, 0, 1, 0, 0, 1025, 0))) {
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            try (TransportServer server = server().maxPayload(1024).startServer();
                 TransportClient good = Transport.builder().variant("lockfree").maxPayload(1024)
                         .connectTo(server.address()).quicTrust(server.certificate().get()).connect()) {
                EventRecorder events = EventRecorder.subscribe(server.events());
                String hostPort = server.address().substring("quic://".length());
                var ssl = QuicSslContextBuilder.forClient().trustManager(server.certificate().get())
                        .endpointIdentificationAlgorithm(null).applicationProtocols("msgtrans").build();
                Channel datagram = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                        .handler(new QuicClientCodecBuilder().sslContext(ssl).maxIdleTimeout(10, TimeUnit.SECONDS)
                                .initialMaxData(1 << 20).initialMaxStreamDataUnidirectional(1 << 20)
                                .initialMaxStreamsUnidirectional(16).build())
                        .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
                QuicChannel connection = QuicChannel.newBootstrap(datagram)
                        .handler(new ChannelInboundHandlerAdapter())
                        .streamHandler(new ChannelInboundHandlerAdapter())
                        .remoteAddress(new InetSocketAddress("127.0.0.1",
                                Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1))))
                        .connect().get(10, TimeUnit.SECONDS);
                long session = events.await(TransportEvent.ConnectionEstablished.class, e -> true).session();
                for (byte[] stream : List.of(RawFrames.oneWay(1, utf8("before")), bad)) {
                    connection.createStream(QuicStreamType.UNIDIRECTIONAL, new ChannelInboundHandlerAdapter())
                            .get(10, TimeUnit.SECONDS).writeAndFlush(Unpooled.wrappedBuffer(stream))
                            .addListener(QuicStreamChannel.SHUTDOWN_OUTPUT).sync();
                    if (stream != bad) {
                        events.await(TransportEvent.MessageReceived.class, e -> e.session() == session);
                    }
                }
                TransportEvent.TransportError error = events.await(TransportEvent.TransportError.class,
                        e -> e.session() == session);
                assertTrue(List.of("TRUNCATED_FRAME", "PAYLOAD_TOO_LARGE").contains(error.cause()), error.toString());
                assertEquals(dev.msgtrans.core.CloseReason.PROTOCOL_ERROR, events.await(
                        TransportEvent.ConnectionClosed.class, e -> e.session() == session).reason());
                EventRecorder goodEvents = EventRecorder.subscribe(good.events());
                assertEquals(SendResult.QUEUED, good.send(Packet.oneWay(2, utf8("still here"))));
                assertArrayEquals(utf8("still here"),
                        goodEvents.await(TransportEvent.MessageReceived.class, e -> true).packet().payload());
                connection.close().sync();
                datagram.close().sync();
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }
}
