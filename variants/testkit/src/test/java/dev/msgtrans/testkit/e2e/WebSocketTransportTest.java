package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportEvent.ConnectionClosed;
import dev.msgtrans.core.TransportEvent.TransportError;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.codec.CodecLimits;
import dev.msgtrans.core.codec.PacketCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.msgtrans.testkit.e2e.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WebSocket against peers nobody here wrote: the JDK's {@code java.net.http.WebSocket} client against our server
 * (binary msgtrans packets and their echoes, a text message as a one-way with biz type 0, ping/pong, the close
 * handshake from either side), and a raw socket that breaks the handshake or the framing, which closes only its own
 * connection with a {@code TransportError} naming the cause. The conformance suite covers the rest over WebSocket.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketTransportTest {

    private static final Duration WAIT = EventRecorder.PATIENCE;
    private static final PacketCodec CODEC = new PacketCodec(new CodecLimits(1 << 20, 0xFFFF));

    private static TransportServer echoServer(MessageHandler handler) throws IOException {
        return Transport.builder().variant("phase3").websocket("127.0.0.1", 0).ioThreads(2).dispatchWorkers(2)
                .handler(handler).closeLingerMillis(1_000).startServer();
    }

    @Test
    void theJdkClientExchangesPacketsTextPingAndClose() throws Exception {
        List<Packet> seen = new CopyOnWriteArrayList<>();
        MessageHandler recordAndEcho = (ctx, p) -> {
            seen.add(p);
            MessageHandler.echo().onMessage(ctx, p);
        };
        try (TransportServer server = echoServer(recordAndEcho)) {
            assertTrue(server.address().startsWith("ws://127.0.0.1:"), server.address());
            EventRecorder events = EventRecorder.subscribe(server.events());
            Listener listener = new Listener();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(server.address() + "/any/path"), listener).get(20, TimeUnit.SECONDS);

            ws.sendBinary(CODEC.encode(Packet.request(3, utf8("over websocket"))), true).get(20, TimeUnit.SECONDS);
            Packet reply = CODEC.decode(ByteBuffer.wrap(listener.binary.poll(20, TimeUnit.SECONDS)));
            assertEquals(PacketType.RESPONSE, reply.type());
            assertArrayEquals(utf8("over websocket"), reply.payload());

            ws.sendText("a debugging aid", true).get(20, TimeUnit.SECONDS);
            Packet echoed = CODEC.decode(ByteBuffer.wrap(listener.binary.poll(20, TimeUnit.SECONDS)));
            assertEquals(PacketType.ONE_WAY, echoed.type());
            assertEquals(0, echoed.bizType(), "a text message is a one-way with biz type 0");
            assertArrayEquals(utf8("a debugging aid"), echoed.payload());
            assertEquals(0, seen.get(1).bizType());

            ws.sendPing(ByteBuffer.wrap(utf8("p"))).get(20, TimeUnit.SECONDS);
            assertArrayEquals(utf8("p"), listener.pongs.poll(20, TimeUnit.SECONDS));

            long session = server.sessions().get(0);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(20, TimeUnit.SECONDS);
            assertEquals(WebSocket.NORMAL_CLOSURE, listener.closed.get(20, TimeUnit.SECONDS),
                    "the server answers the close with its status");
            assertEquals(CloseReason.PEER_CLOSED, events.await(ConnectionClosed.class,
                    e -> e.session() == session).reason());
            assertEquals(0, server.stats().protocolErrors());
        }
    }

    @Test
    void aServerShutdownClosesTheJdkClientWithGoingAway() throws Exception {
        TransportServer server = echoServer(MessageHandler.echo());
        Listener listener = new Listener();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(server.address()), listener)
                .get(20, TimeUnit.SECONDS);
        eventually(() -> assertEquals(1, server.sessions().size()));
        server.close();
        assertEquals(1001, listener.closed.get(20, TimeUnit.SECONDS), "1001: going away");
    }

    @Test
    void aBadHandshakeIsRefusedWith400AndClosesOnlyItsConnection() throws Exception {
        try (TransportServer server = echoServer(MessageHandler.echo());
             TransportClient good = Transport.builder().variant("phase3").connectTo(server.address()).connect()) {
            EventRecorder events = EventRecorder.subscribe(server.events());
            try (Socket raw = socket(server.address())) {
                write(raw, "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n"); // no key
                String answer = new String(readToEnd(raw), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
            }
            TransportError error = events.await(TransportError.class, e -> e.cause().equals("WS_BAD_HANDSHAKE"));
            assertTrue(error.message().contains("Sec-WebSocket-Key"), error.message());
            assertEquals(CloseReason.PROTOCOL_ERROR, events.await(ConnectionClosed.class,
                    e -> e.session() == error.session()).reason());
            assertArrayEquals(utf8("alive"), good.request(Packet.request(1, utf8("alive")), WAIT)
                    .get(20, TimeUnit.SECONDS).payload());
            eventually(() -> assertEquals(1, server.sessions().size()));
        }
    }

    @Test
    void anUnmaskedFrameIsAnsweredAfterTheRepliesThenClosedWith1002() throws Exception {
        try (TransportServer server = echoServer(MessageHandler.echo());
             TransportClient good = Transport.builder().variant("phase3").connectTo(server.address()).connect()) {
            EventRecorder events = EventRecorder.subscribe(server.events());
            try (Socket raw = socket(server.address())) {
                upgrade(raw);
                byte[] request = bytes(CODEC.encode(Packet.request(2, utf8("before the bad frame"))));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(maskedBinary(request));
                out.write(0x82);
                out.write(0); // an empty binary frame, unmasked: a client must mask
                raw.getOutputStream().write(out.toByteArray());
                byte[] in = readToEnd(raw);
                // the reply to what came before, then a close message with 1002, then the end of stream
                int replyLength = in[1] & 0x7F;
                Packet reply = CODEC.decode(ByteBuffer.wrap(in, 2, replyLength));
                assertArrayEquals(utf8("before the bad frame"), reply.payload());
                int at = 2 + replyLength;
                assertEquals(0x88, in[at] & 0xFF, "a close message");
                assertEquals(1002, ((in[at + 2] & 0xFF) << 8) | (in[at + 3] & 0xFF));
            }
            TransportError error = events.await(TransportError.class, e -> e.cause().equals("WS_UNMASKED_FRAME"));
            assertEquals(CloseReason.PROTOCOL_ERROR, events.await(ConnectionClosed.class,
                    e -> e.session() == error.session()).reason());
            assertArrayEquals(utf8("alive"), good.request(Packet.request(1, utf8("alive")), WAIT)
                    .get(20, TimeUnit.SECONDS).payload());
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheConnectTimeout() throws Exception {
        try (TransportServer server = Transport.builder().variant("phase3").websocket("127.0.0.1", 0).ioThreads(1)
                .connectTimeoutMillis(300).startServer()) {
            EventRecorder events = EventRecorder.subscribe(server.events());
            try (Socket raw = socket(server.address())) {
                TransportError error = events.await(TransportError.class, e -> e.cause().equals("WS_HANDSHAKE_TIMEOUT"));
                assertTrue(error.message().contains("300 ms"), error.message());
                assertEquals(-1, raw.getInputStream().read(), "the server ends the connection");
            }
            eventually(() -> assertEquals(0, server.sessions().size()));
        }
    }

    @Test
    void ourClientRefusesAServerThatDoesNotUpgrade() throws Exception {
        try (TransportServer tcp = Transport.builder().variant("phase3").tcp("127.0.0.1", 0).ioThreads(1)
                .closeLingerMillis(200).startServer()) {
            String ws = "ws://" + tcp.address();
            IOException e = assertThrows(IOException.class, () -> Transport.builder().variant("phase3")
                    .connectTo(ws).connectTimeoutMillis(5_000).connect());
            assertTrue(e.getMessage().contains("WebSocket upgrade"), e.getMessage());
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** Collects what the JDK client receives; each binary message whole. */
    private static final class Listener implements WebSocket.Listener {
        final BlockingQueue<byte[]> binary = new LinkedBlockingQueue<>();
        final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final ByteArrayOutputStream parts = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            parts.writeBytes(bytes(data));
            if (last) {
                binary.add(parts.toByteArray());
                parts.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            pongs.add(bytes(message));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    private static Socket socket(String address) throws IOException {
        String hostPort = address.substring("ws://".length());
        int colon = hostPort.lastIndexOf(':');
        Socket s = new Socket();
        s.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
        s.setSoTimeout(20_000);
        return s;
    }

    private static void upgrade(Socket s) throws IOException {
        write(s, "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertTrue(b >= 0, "end of stream in the upgrade: " + head);
            head.append((char) b);
        }
        assertTrue(head.toString().contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), head.toString());
    }

    private static byte[] maskedBinary(byte[] payload) {
        assertTrue(payload.length < 126);
        byte[] key = {1, 2, 3, 4};
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x82);
        f.write(0x80 | payload.length);
        f.writeBytes(key);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ key[i & 3]);
        }
        return f.toByteArray();
    }

    private static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads until the server ends its stream (the socket's timeout bounds a server that never does). */
    private static byte[] readToEnd(Socket s) throws IOException {
        byte[] all = s.getInputStream().readAllBytes();
        assertNotNull(all);
        return all;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
