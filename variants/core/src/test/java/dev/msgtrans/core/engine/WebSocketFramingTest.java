package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;
import dev.msgtrans.core.codec.CodecException;
import dev.msgtrans.core.codec.CodecLimits;
import dev.msgtrans.core.codec.PacketCodec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WebSocket framing on its own, fed bytes as a loop would feed them: the RFC 6455 handshake (its own example
 * key and accept value), masking rules, fragmentation with control frames in between, ping/pong, close, and limits.
 */
class WebSocketFramingTest {

    private static final CodecLimits LIMITS = new CodecLimits(1024, 64);
    private static final PacketCodec CODEC = new PacketCodec(LIMITS);
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    private final List<Packet> got = new ArrayList<>();

    /** RFC 6455, 1.3 (the value as the RFC prints it; the JDK's client in WebSocketTransportTest checks it too). */
    @Test
    void acceptValueIsRfc6455sExample() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketFraming.acceptFor(KEY));
    }

    @Test
    void serverAnswersAValidUpgradeWith101AndTheAcceptValue() throws Exception {
        WebSocketFraming ws = upgradedServer();
        // bytes after the request, in the same read, are frames
        assertFalse(ws.holdsData());
    }

    @Test
    void serverRefusesAnUpgradeWithoutKeyWith400() throws Exception {
        WebSocketFraming ws = WebSocketFraming.server(LIMITS);
        LinkException e = assertThrows(LinkException.class, () -> ws.receive(ascii("GET / HTTP/1.1\r\nHost: x\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n"), got::add));
        assertEquals("WS_BAD_HANDSHAKE", e.cause);
        assertTrue(e.getMessage().contains("Sec-WebSocket-Key"), e.getMessage());
        assertTrue(ws.discardsData());
        assertTrue(ws.owesFarewell());
        assertTrue(text(ws.farewell(CloseReason.PROTOCOL_ERROR)).startsWith("HTTP/1.1 400 "));
        assertThrows(LinkException.class, () -> ws.receive(ascii("more"), got::add), "poisoned");
    }

    @Test
    void serverRefusesAnotherVersionWith426() throws Exception {
        WebSocketFraming ws = WebSocketFraming.server(LIMITS);
        assertThrows(LinkException.class, () -> ws.receive(ascii(request("8")), got::add));
        String answer = text(ws.farewell(CloseReason.PROTOCOL_ERROR));
        assertTrue(answer.startsWith("HTTP/1.1 426 ") && answer.contains("Sec-WebSocket-Version: 13"), answer);
    }

    @Test
    void aPostOrAHugeRequestIsRefused() {
        WebSocketFraming post = WebSocketFraming.server(LIMITS);
        assertThrows(LinkException.class, () -> post.receive(ascii(request("13").replace("GET", "POST")), got::add));
        WebSocketFraming huge = WebSocketFraming.server(LIMITS);
        LinkException e = assertThrows(LinkException.class, () -> huge.receive(
                ByteBuffer.wrap(new byte[WebSocketFraming.MAX_HANDSHAKE + 1]), got::add));
        assertEquals("WS_HANDSHAKE_TOO_LARGE", e.cause);
    }

    @Test
    void aBinaryMessageCarriesOnePacketEvenSplitAtEveryByte() throws Exception {
        WebSocketFraming ws = upgradedServer();
        byte[] frame = clientFrame(0x82, bytes(CODEC.encode(Packet.oneWay(5, utf8("hello")))));
        for (byte b : frame) {
            ws.receive(ByteBuffer.wrap(new byte[]{b}), got::add);
        }
        assertEquals(1, got.size());
        assertEquals(5, got.get(0).bizType());
        assertArrayEquals(utf8("hello"), got.get(0).payload());
        assertFalse(ws.hasPartialFrame());
    }

    @Test
    void fragmentsJoinAndControlFramesMayComeBetweenThem() throws Exception {
        WebSocketFraming ws = upgradedServer();
        byte[] packet = bytes(CODEC.encode(Packet.request(9, utf8("fragmented payload"))));
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(clientFrame(0x02, slice(packet, 0, 5)));          // binary, not final
        in.writeBytes(clientFrame(0x89, utf8("are you there")));        // ping in between
        in.writeBytes(clientFrame(0x00, slice(packet, 5, 20)));         // continuation
        in.writeBytes(clientFrame(0x8A, new byte[0]));                  // an unsolicited pong: ignored
        in.writeBytes(clientFrame(0x80, slice(packet, 20, packet.length))); // final continuation
        assertFalse(ws.receive(ByteBuffer.wrap(in.toByteArray()), got::add));
        assertEquals(1, got.size());
        assertEquals(PacketType.REQUEST, got.get(0).type());
        assertArrayEquals(utf8("fragmented payload"), got.get(0).payload());
        assertTrue(ws.takeFlushRequest());
        ByteBuffer pong = ws.nextControl();
        assertNotNull(pong);
        assertEquals(0x8A, pong.get(0) & 0xFF, "a final pong");
        assertEquals(13, pong.get(1), "unmasked, with the ping's 13 bytes");
        assertEquals("are you there", new String(bytes(pong.position(2)), StandardCharsets.UTF_8));
        assertNull(ws.nextControl());
    }

    @Test
    void aTextMessageIsAOneWayWithBizTypeZero() throws Exception {
        WebSocketFraming ws = upgradedServer();
        ws.receive(ByteBuffer.wrap(clientFrame(0x81, utf8("debug me"))), got::add);
        assertEquals(PacketType.ONE_WAY, got.get(0).type());
        assertEquals(0, got.get(0).bizType());
        assertArrayEquals(utf8("debug me"), got.get(0).payload());
        WebSocketFraming bad = upgradedServer();
        LinkException e = assertThrows(LinkException.class,
                () -> bad.receive(ByteBuffer.wrap(clientFrame(0x81, new byte[]{(byte) 0xC3, 0x28})), got::add));
        assertEquals("WS_BAD_UTF8", e.cause);
        assertEquals(WebSocketFraming.CLOSE_INVALID_DATA, e.closeCode);
    }

    @Test
    void aServerFailsAnUnmaskedFrameAndAClientAMaskedOne() throws Exception {
        WebSocketFraming server = upgradedServer();
        byte[] unmasked = {(byte) 0x82, 0};
        LinkException e = assertThrows(LinkException.class, () -> server.receive(ByteBuffer.wrap(unmasked), got::add));
        assertEquals("WS_UNMASKED_FRAME", e.cause);
        ByteBuffer close = server.farewell(CloseReason.PROTOCOL_ERROR);
        assertEquals(0x88, close.get(0) & 0xFF);
        assertEquals(WebSocketFraming.CLOSE_PROTOCOL_ERROR, close.getShort(2) & 0xFFFF);

        WebSocketFraming client = upgradedClient();
        LinkException m = assertThrows(LinkException.class,
                () -> client.receive(ByteBuffer.wrap(clientFrame(0x82, new byte[0])), got::add));
        assertEquals("WS_MASKED_FRAME", m.cause);
    }

    @Test
    void clientFramesAreMaskedWithAFreshKeyAndServerFramesAreNot() throws Exception {
        WebSocketFraming client = upgradedClient();
        Packet p = Packet.oneWay(1, utf8("same bytes"));
        ByteBuffer a = client.frame(CODEC, p);
        ByteBuffer b = client.frame(CODEC, p);
        assertEquals(0x80, a.get(1) & 0x80, "mask bit set");
        assertFalse(a.getInt(2) == b.getInt(2) && a.equals(b), "a fresh key per frame");
        assertNull(client.shareKey(), "masked frames cannot be shared");
        // the server decodes what the client framed
        WebSocketFraming server = upgradedServer();
        server.receive(a, got::add);
        assertArrayEquals(utf8("same bytes"), got.get(0).payload());

        ByteBuffer s = server.frame(CODEC, p);
        assertEquals(0, s.get(1) & 0x80, "server frames are unmasked");
        assertEquals(s.remaining() - CODEC.encode(p).remaining(), server.overhead(CODEC.encode(p).remaining()));
        client.receive(s, got::add);
        assertEquals(2, got.size());
    }

    @Test
    void protocolViolationsEachNameTheirCause() throws Exception {
        assertCause("WS_BAD_CONTINUATION", clientFrame(0x80, new byte[1]));
        assertCause("WS_BAD_CONTINUATION", concat(clientFrame(0x02, new byte[1]), clientFrame(0x82, new byte[1])));
        assertCause("WS_CONTROL_TOO_LARGE", clientFrame(0x89, new byte[126]));
        assertCause("WS_BAD_FRAME", clientFrame(0x09, new byte[1]));  // a fragmented ping
        assertCause("WS_BAD_FRAME", clientFrame(0xC2, new byte[1]));  // RSV1 without an extension
        assertCause("WS_BAD_FRAME", clientFrame(0x83, new byte[1]));  // opcode 3
        byte[] two = concat(bytes(CODEC.encode(Packet.oneWay(1, new byte[1]))), bytes(CODEC.encode(Packet.oneWay(1, new byte[1]))));
        assertCause("WS_NOT_ONE_PACKET", clientFrame(0x82, two));
        assertCause("WS_NOT_ONE_PACKET", clientFrame(0x82, slice(two, 0, 20)));
    }

    @Test
    void anOversizedMessageIsRefusedOnItsHeader() throws Exception {
        WebSocketFraming ws = upgradedServer();
        // a header announcing one byte more than a maximal msgtrans frame, and no payload at all
        long tooBig = PacketCodec.HEADER_SIZE + LIMITS.maxExtHeader() + LIMITS.maxPayload() + 1;
        byte[] header = {(byte) 0x82, (byte) (0x80 | 126), (byte) (tooBig >>> 8), (byte) tooBig, 1, 2, 3, 4};
        LinkException e = assertThrows(LinkException.class, () -> ws.receive(ByteBuffer.wrap(header), got::add));
        assertEquals("WS_MESSAGE_TOO_BIG", e.cause);
        assertEquals(WebSocketFraming.CLOSE_TOO_BIG, e.closeCode);
        // and a packet whose msgtrans header declares too much is the decoder's refusal, before its body
        WebSocketFraming other = upgradedServer();
        ByteBuffer big = ByteBuffer.allocate(16).put(0, (byte) 1).putInt(10, 1025);
        assertThrows(CodecException.class, () -> other.receive(ByteBuffer.wrap(clientFrame(0x02, bytes(big))), got::add));
    }

    @Test
    void aCloseEndsTheLinkAndIsEchoed() throws Exception {
        WebSocketFraming ws = upgradedServer();
        byte[] close = clientFrame(0x88, new byte[]{0x03, (byte) 0xE9}); // 1001
        assertTrue(ws.receive(ByteBuffer.wrap(close), got::add));
        assertTrue(ws.owesFarewell());
        ByteBuffer answer = ws.farewell(CloseReason.PEER_CLOSED);
        assertEquals(0x88, answer.get(0) & 0xFF);
        assertEquals(1001, answer.getShort(2) & 0xFFFF);
        assertFalse(ws.owesFarewell(), "one close message");

        WebSocketFraming reserved = upgradedServer();
        reserved.receive(ByteBuffer.wrap(clientFrame(0x88, new byte[]{0x03, (byte) 0xED})), got::add); // 1005
        assertEquals(WebSocketFraming.CLOSE_PROTOCOL_ERROR, reserved.farewell(CloseReason.PEER_CLOSED).getShort(2),
                "1005 may not be sent: answered with 1002");
    }

    @Test
    void theClientChecksTheAcceptValue() throws Exception {
        WebSocketFraming client = WebSocketFraming.client(LIMITS, "h:1");
        String request = text(client.nextControl());
        assertTrue(request.startsWith("GET / HTTP/1.1\r\n") && request.contains("Sec-WebSocket-Version: 13"), request);
        assertTrue(client.holdsData(), "no data before the 101");
        LinkException e = assertThrows(LinkException.class, () -> client.receive(ascii("HTTP/1.1 101 Switching\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + WebSocketFraming.acceptFor(KEY)
                + "\r\n\r\n"), got::add));
        assertEquals("WS_BAD_HANDSHAKE", e.cause);
        assertTrue(client.upgraded.isCompletedExceptionally());
        assertNull(client.farewell(CloseReason.PROTOCOL_ERROR), "no close message without an upgrade");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private void assertCause(String cause, byte[] frames) throws Exception {
        WebSocketFraming ws = upgradedServer();
        LinkException e = assertThrows(LinkException.class, () -> ws.receive(ByteBuffer.wrap(frames), got::add));
        assertEquals(cause, e.cause, e.getMessage());
    }

    private static WebSocketFraming upgradedServer() throws Exception {
        WebSocketFraming ws = WebSocketFraming.server(LIMITS);
        assertFalse(ws.receive(ascii(request("13")), p -> { }));
        String answer = text(ws.nextControl());
        assertTrue(answer.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), answer);
        assertTrue(answer.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), answer);
        assertTrue(ws.takeFlushRequest());
        return ws;
    }

    private static WebSocketFraming upgradedClient() throws Exception {
        WebSocketFraming ws = WebSocketFraming.client(LIMITS, "h:1");
        String request = text(ws.nextControl());
        String key = request.substring(request.indexOf("Sec-WebSocket-Key: ") + 19);
        key = key.substring(0, key.indexOf('\r'));
        ws.receive(ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + WebSocketFraming.acceptFor(key) + "\r\n\r\n"), p -> { });
        assertTrue(ws.upgraded.isDone() && !ws.upgraded.isCompletedExceptionally());
        return ws;
    }

    private static String request(String version) {
        return "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nOrigin: http://example.com\r\nSec-WebSocket-Version: " + version
                + "\r\n\r\n";
    }

    /** A masked client frame: {@code b0} is FIN, RSV and opcode. */
    private static byte[] clientFrame(int b0, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(b0);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length);
        }
        f.writeBytes(MASK);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ MASK[i & 3]);
        }
        return f.toByteArray();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    private static byte[] slice(byte[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(ByteBuffer b) {
        return new String(bytes(b), StandardCharsets.ISO_8859_1);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
