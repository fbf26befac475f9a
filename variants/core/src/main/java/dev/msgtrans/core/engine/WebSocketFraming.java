package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.Compression;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.codec.CodecException;
import dev.msgtrans.core.codec.CodecLimits;
import dev.msgtrans.core.codec.FrameDecoder;
import dev.msgtrans.core.codec.PacketCodec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * WebSocket (RFC 6455) as the original's adapter maps it: one msgtrans 1.0 packet per binary message, a text message
 * taken as a one-way packet with biz type 0, pings answered, a close message a normal close (the engine's graceful
 * close: what came before it is handled and its replies written, then the close is answered and the link ends).
 * <p>
 * What it enforces, each a {@link LinkException} naming the cause and closing only this session: the upgrade
 * handshake (server: {@code GET}, {@code Upgrade: websocket}, {@code Connection: Upgrade}, a 16-byte
 * {@code Sec-WebSocket-Key}, {@code Sec-WebSocket-Version: 13}, at most {@link #MAX_HANDSHAKE} bytes; client: a
 * {@code 101} with the right {@code Sec-WebSocket-Accept}); masking (a server takes only masked frames, a client only
 * unmasked ones); no extensions (RSV bits clear), known opcodes; fragmentation (continuations only inside a message,
 * control frames in between allowed); control frames final and at most 125 bytes; a message at most one maximal
 * msgtrans frame ({@code 16 + maxExtHeader + maxPayload} bytes), checked on each frame's header before its payload
 * is buffered; text valid UTF-8. A binary message's bytes stream into the session's msgtrans decoder as they arrive
 * (its header is checked before its body is held), and a message must end exactly where its one packet does. A bad binary message (not exactly one msgtrans frame) is the
 * {@link CodecException} of the msgtrans decoder, or {@code WS_NOT_ONE_PACKET}.
 * <p>
 * Hand-written rather than a library's: core has no dependencies, and the framing runs inside the engine's own loop
 * (reading thread decodes, any sender frames), which no WebSocket library's threading model fits without its own
 * event loop (Netty's codec needs a channel pipeline; Jetty's and Tyrus' bring their servers).
 * <p>
 * Threading contract: as {@link LinkFraming}. The outbound methods read only final fields (a client masks with
 * {@link ThreadLocalRandom}: fresh per frame and per thread; the mask protects intermediaries from a browser's
 * scripts, which no caller of this client is).
 */
final class WebSocketFraming implements LinkFraming {

    /** The largest upgrade request or response taken, headers included. */
    static final int MAX_HANDSHAKE = 8 * 1024;
    /** RFC 6455, 5.5: a control frame's payload. */
    static final int MAX_CONTROL = 125;
    /** A message buffer larger than this is dropped after its message, as the msgtrans decoder drops its own. */
    static final int RETAINED_MESSAGE = 64 * 1024;
    static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    static final int OP_CONTINUATION = 0;
    static final int OP_TEXT = 1;
    static final int OP_BINARY = 2;
    static final int OP_CLOSE = 8;
    static final int OP_PING = 9;
    static final int OP_PONG = 10;

    static final int CLOSE_NORMAL = 1000;
    static final int CLOSE_GOING_AWAY = 1001;
    static final int CLOSE_PROTOCOL_ERROR = 1002;
    static final int CLOSE_INVALID_DATA = 1007;
    static final int CLOSE_TOO_BIG = 1009;

    /** Server framings share their unmasked frames: a broadcast frames once for all of them. */
    private static final Object SERVER_SHARE = new Object();
    private static final SecureRandom KEYS = new SecureRandom();

    private static final int HANDSHAKE = 0;
    private static final int OPEN = 1;
    private static final int FAILED = 2;
    private static final int ENDED = 3;

    private final boolean server;
    private final FrameDecoder decoder;
    private final long maxMessage;
    private final int maxText;
    /** Client: the key it sent, for checking the accept value; null on a server. */
    private final String clientKey;
    /**
     * Completes when the upgrade succeeded (a server accepted the request, a client the response); fails if it did
     * not or the link closed first. The timer reads it to bound the handshake.
     */
    final CompletableFuture<Void> upgraded = new CompletableFuture<>();

    // ---- reading-thread state ----
    private int phase = HANDSHAKE;
    private boolean opened;
    private ByteBuffer handshake = ByteBuffer.allocate(512);
    /** Server: the status line and headers of a refused upgrade, sent before the close; null otherwise. */
    private String refusal;
    private final ArrayDeque<ByteBuffer> control = new ArrayDeque<>();
    private boolean flushRequest;
    /** The header of the frame being read: its bytes so far, and how many it has in all (2 until the length is known). */
    private final byte[] head = new byte[14];
    private int headHave;
    private int headNeed = 2;
    private boolean inPayload;
    private int opcode;
    private boolean fin;
    private final byte[] mask = new byte[4];
    private boolean masked;
    private int maskAt;
    private long frameLeft;
    /** The data message being assembled (its first frame's opcode), -1 between messages. */
    private int messageOpcode = -1;
    private ByteBuffer message = ByteBuffer.allocate(256);
    private final ByteBuffer controlPayload = ByteBuffer.allocate(MAX_CONTROL);
    /** The status our close message carries: the peer's echoed, or one of ours. */
    private int closeCode = -1;
    private boolean farewellSent;
    private LinkException failure;
    /** Packets one binary message produced (must be exactly one), and where they go during a receive. */
    private int packets;
    private Consumer<Packet> out;
    private final Consumer<Packet> counting = p -> {
        if (++packets == 1) {
            out.accept(p); // a second one is refused after the decode returns
        }
    };
    /** Bytes of the data message so far, against the limit. */
    private long messageBytes;

    private WebSocketFraming(boolean server, FrameDecoder decoder, CodecLimits limits, String hostHeader) {
        this.server = server;
        this.decoder = decoder;
        this.maxMessage = (long) PacketCodec.HEADER_SIZE + limits.maxExtHeader() + limits.maxPayload();
        this.maxText = limits.maxPayload();
        if (server) {
            this.clientKey = null;
        } else {
            byte[] nonce = new byte[16];
            KEYS.nextBytes(nonce);
            this.clientKey = Base64.getEncoder().encodeToString(nonce);
            control.add(ascii("GET / HTTP/1.1\r\nHost: " + hostHeader + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + clientKey + "\r\nSec-WebSocket-Version: 13\r\n\r\n"));
            flushRequest = true;
        }
    }

    /** The server end of an accepted connection around the session's decoder: it waits for the upgrade request. */
    static WebSocketFraming server(FrameDecoder decoder, CodecLimits limits) {
        return new WebSocketFraming(true, decoder, limits, null);
    }

    /** The client end of a connection to {@code hostHeader} ({@code host:port}): its upgrade request is queued. */
    static WebSocketFraming client(FrameDecoder decoder, CodecLimits limits, String hostHeader) {
        return new WebSocketFraming(false, decoder, limits, hostHeader);
    }

    /** {@link #server(FrameDecoder, CodecLimits)} with a decoder of its own (tests). */
    static WebSocketFraming server(CodecLimits limits) {
        return server(new FrameDecoder(limits), limits);
    }

    /** {@link #client(FrameDecoder, CodecLimits, String)} with a decoder of its own (tests). */
    static WebSocketFraming client(CodecLimits limits, String hostHeader) {
        return client(new FrameDecoder(limits), limits, hostHeader);
    }

    /** RFC 6455, 4.2.2: base64 of the SHA-1 of the key and the GUID. */
    static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    // ---- outbound (any thread) --------------------------------------------------------------------------------------

    @Override
    public ByteBuffer frame(PacketCodec codec, Packet p) {
        if (p.compression() != Compression.NONE) {
            return wrap(codec.encode(p)); // its length is known only once compressed
        }
        int length = PacketCodec.HEADER_SIZE + p.extHeader().length + p.payload().length;
        int header = headerLength(length);
        ByteBuffer buf = ByteBuffer.allocate(header + length);
        writeHeader(buf, OP_BINARY, length);
        codec.encodeTo(p, buf);
        return finish(buf, header);
    }

    @Override
    public ByteBuffer wrap(ByteBuffer frame) {
        int length = frame.remaining();
        int header = headerLength(length);
        ByteBuffer buf = ByteBuffer.allocate(header + length);
        writeHeader(buf, OP_BINARY, length);
        buf.put(frame.duplicate());
        return finish(buf, header);
    }

    @Override
    public int overhead(int frameLength) {
        return headerLength(frameLength);
    }

    @Override
    public Object shareKey() {
        return server ? SERVER_SHARE : null;
    }

    /** Header bytes for a payload of {@code length}: 2, 4 or 10, and 4 more for a client's mask. */
    private int headerLength(long length) {
        int base = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        return server ? base : base + 4;
    }

    /** Writes the header; a client's mask key is left as zeros for {@link #finish}. */
    private void writeHeader(ByteBuffer buf, int op, long length) {
        buf.put((byte) (0x80 | op));
        int maskBit = server ? 0 : 0x80;
        if (length < 126) {
            buf.put((byte) (maskBit | length));
        } else if (length <= 0xFFFF) {
            buf.put((byte) (maskBit | 126));
            buf.putShort((short) length);
        } else {
            buf.put((byte) (maskBit | 127));
            buf.putLong(length);
        }
        if (!server) {
            buf.putInt(0);
        }
    }

    /** Flips {@code buf}; a client's frame gets a fresh mask key and its payload masked. */
    private ByteBuffer finish(ByteBuffer buf, int header) {
        buf.flip();
        if (!server) {
            int key = ThreadLocalRandom.current().nextInt();
            buf.putInt(header - 4, key);
            byte[] k = {(byte) (key >>> 24), (byte) (key >>> 16), (byte) (key >>> 8), (byte) key};
            byte[] a = buf.array();
            for (int i = header, j = 0; i < a.length; i++, j++) {
                a[i] ^= k[j & 3];
            }
        }
        return buf;
    }

    /** A control frame (close, pong), framed for this side. */
    private ByteBuffer controlFrame(int op, ByteBuffer payload) {
        int length = payload.remaining();
        int header = headerLength(length);
        ByteBuffer buf = ByteBuffer.allocate(header + length);
        writeHeader(buf, op, length);
        buf.put(payload);
        return finish(buf, header);
    }

    // ---- inbound (reading thread) -----------------------------------------------------------------------------------

    @Override
    public boolean receive(ByteBuffer in, Consumer<Packet> sink) throws java.io.IOException {
        if (failure != null) {
            throw failure;
        }
        if (phase == ENDED || phase == FAILED) {
            in.position(in.limit());
            return false;
        }
        this.out = sink;
        try {
            if (phase == HANDSHAKE && !handshake(in)) {
                return false;
            }
            return frames(in);
        } catch (LinkException e) {
            fail(e);
            throw e;
        } catch (CodecException e) {
            if (closeCode < 0) {
                closeCode = e.reason() == CodecException.Reason.PAYLOAD_TOO_LARGE
                        || e.reason() == CodecException.Reason.EXT_HEADER_TOO_LARGE ? CLOSE_TOO_BIG : CLOSE_INVALID_DATA;
            }
            phase = ENDED;
            throw e;
        } finally {
            this.out = null;
        }
    }

    private void fail(LinkException e) {
        failure = e;
        if (closeCode < 0) {
            closeCode = e.closeCode;
        }
        if (phase == HANDSHAKE) {
            phase = FAILED;
            // the held queue (scheduled, never flushed) must be flushed now: discarded, so the close can proceed
            flushRequest = true;
            upgraded.completeExceptionally(new java.io.IOException(e.getMessage()));
        } else {
            phase = ENDED;
        }
    }

    /** @return {@code true} once the handshake is complete (the rest of {@code in} is frames) */
    private boolean handshake(ByteBuffer in) throws LinkException {
        while (in.hasRemaining()) {
            if (!handshake.hasRemaining()) {
                if (handshake.capacity() >= MAX_HANDSHAKE) {
                    throw new LinkException("WS_HANDSHAKE_TOO_LARGE", CLOSE_PROTOCOL_ERROR, (server ? "upgrade request"
                            : "upgrade response") + " longer than " + MAX_HANDSHAKE + " bytes without its end");
                }
                ByteBuffer bigger = ByteBuffer.allocate(Math.min(MAX_HANDSHAKE, handshake.capacity() * 2));
                handshake.flip();
                bigger.put(handshake);
                handshake = bigger;
            }
            byte b = in.get();
            handshake.put(b);
            int n = handshake.position();
            if (b == '\n' && n >= 4 && handshake.get(n - 2) == '\r' && handshake.get(n - 3) == '\n'
                    && handshake.get(n - 4) == '\r') {
                String text = new String(handshake.array(), 0, n - 4, StandardCharsets.ISO_8859_1);
                handshake = null;
                if (server) {
                    acceptUpgrade(text);
                } else {
                    checkUpgrade(text);
                }
                phase = OPEN;
                opened = true;
                flushRequest = true;
                upgraded.complete(null);
                return true;
            }
        }
        return false;
    }

    private void acceptUpgrade(String request) throws LinkException {
        String[] lines = request.split("\r\n", -1);
        String[] first = lines[0].split(" ");
        if (first.length != 3 || !first[0].equals("GET") || !first[2].startsWith("HTTP/1.")
                || first[2].equals("HTTP/1.0")) {
            throw badRequest("request line is not 'GET <path> HTTP/1.1': '" + abbreviate(lines[0]) + "'");
        }
        String upgrade = null;
        String connection = null;
        String key = null;
        String version = null;
        String host = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw badRequest("malformed header line '" + abbreviate(lines[i]) + "'");
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "upgrade" -> upgrade = value;
                case "connection" -> connection = value;
                case "sec-websocket-key" -> key = value;
                case "sec-websocket-version" -> version = value;
                case "host" -> host = value;
                default -> { } // others (origin, protocols, extensions) are allowed and not taken up
            }
        }
        if (host == null) {
            throw badRequest("no Host header");
        }
        if (upgrade == null || !hasToken(upgrade, "websocket")) {
            throw badRequest("Upgrade header is '" + upgrade + "', not 'websocket'");
        }
        if (connection == null || !hasToken(connection, "upgrade")) {
            throw badRequest("Connection header is '" + connection + "', without 'Upgrade'");
        }
        if (!"13".equals(version)) {
            refusal = "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\n";
            throw new LinkException("WS_BAD_HANDSHAKE", CLOSE_PROTOCOL_ERROR, "Sec-WebSocket-Version is '" + version
                    + "'; only 13 is spoken");
        }
        byte[] nonce;
        try {
            nonce = key == null ? null : Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            nonce = null;
        }
        if (nonce == null || nonce.length != 16) {
            throw badRequest("Sec-WebSocket-Key is '" + key + "', not 16 bytes in base64");
        }
        control.add(ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptFor(key) + "\r\n\r\n"));
    }

    private LinkException badRequest(String why) {
        refusal = "HTTP/1.1 400 Bad Request\r\n";
        return new LinkException("WS_BAD_HANDSHAKE", CLOSE_PROTOCOL_ERROR, "upgrade request refused: " + why);
    }

    private void checkUpgrade(String response) throws LinkException {
        String[] lines = response.split("\r\n", -1);
        String[] first = lines[0].split(" ", 3);
        if (first.length < 2 || !first[0].startsWith("HTTP/1.") || !first[1].equals("101")) {
            throw new LinkException("WS_BAD_HANDSHAKE", CLOSE_PROTOCOL_ERROR, "server did not switch protocols: '"
                    + abbreviate(lines[0]) + "'");
        }
        String upgrade = null;
        String connection = null;
        String accept = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "upgrade" -> upgrade = value;
                case "connection" -> connection = value;
                case "sec-websocket-accept" -> accept = value;
                default -> { }
            }
        }
        if (upgrade == null || !hasToken(upgrade, "websocket") || connection == null
                || !hasToken(connection, "upgrade")) {
            throw new LinkException("WS_BAD_HANDSHAKE", CLOSE_PROTOCOL_ERROR, "101 response without 'Upgrade: websocket'"
                    + " and 'Connection: Upgrade' (Upgrade '" + upgrade + "', Connection '" + connection + "')");
        }
        if (!acceptFor(clientKey).equals(accept)) {
            throw new LinkException("WS_BAD_HANDSHAKE", CLOSE_PROTOCOL_ERROR, "Sec-WebSocket-Accept is '" + accept
                    + "', expected '" + acceptFor(clientKey) + "'");
        }
    }

    private static boolean hasToken(String header, String token) {
        for (String t : header.split(",")) {
            if (t.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /** @return {@code true} if a close message ended the link */
    private boolean frames(ByteBuffer in) throws java.io.IOException {
        while (in.hasRemaining()) {
            if (!inPayload) {
                if (!readHeader(in)) {
                    return false;
                }
                if (frameLeft == 0 && endFrame()) {
                    in.position(in.limit());
                    return true;
                }
                continue;
            }
            int n = (int) Math.min(frameLeft, in.remaining());
            int at = in.position();
            if (masked) {
                // in place: the read buffer is this call's to consume
                for (int i = at; i < at + n; i++) {
                    in.put(i, (byte) (in.get(i) ^ mask[maskAt++ & 3]));
                }
            }
            if (opcode >= OP_CLOSE) {
                controlPayload.put(in.slice(at, n));
            } else if (messageOpcode == OP_TEXT) {
                if (message.remaining() < n) {
                    grow(n);
                }
                message.put(in.slice(at, n));
            } else {
                // Binary bytes go straight into the msgtrans decoder, which checks the packet's header as soon as
                // its 16 bytes are in, before any of its body is buffered.
                decoder.decode(in.slice(at, n), counting);
                if (packets > 1) {
                    throw bad("WS_NOT_ONE_PACKET", CLOSE_INVALID_DATA, "binary message holds more than one msgtrans"
                            + " frame; it must hold exactly one");
                }
            }
            in.position(at + n);
            messageBytes += opcode >= OP_CLOSE ? 0 : n;
            frameLeft -= n;
            if (frameLeft == 0 && endFrame()) {
                in.position(in.limit());
                return true;
            }
        }
        return false;
    }

    /** @return {@code true} once the whole header is read and checked (payload state set up) */
    private boolean readHeader(ByteBuffer in) throws LinkException {
        while (headHave < headNeed && in.hasRemaining()) {
            head[headHave++] = in.get();
            if (headHave == 2) {
                int len7 = head[1] & 0x7F;
                headNeed = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((head[1] & 0x80) != 0 ? 4 : 0);
            }
        }
        if (headHave < headNeed) {
            return false;
        }
        int b0 = head[0] & 0xFF;
        int b1 = head[1] & 0xFF;
        fin = (b0 & 0x80) != 0;
        opcode = b0 & 0x0F;
        masked = (b1 & 0x80) != 0;
        int len7 = b1 & 0x7F;
        int at = 2;
        long length;
        if (len7 == 126) {
            length = ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
            at = 4;
        } else if (len7 == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (head[i] & 0xFF);
            }
            at = 10;
        } else {
            length = len7;
        }
        if (masked) {
            System.arraycopy(head, at, mask, 0, 4);
        }
        headHave = 0;
        headNeed = 2;
        if ((b0 & 0x70) != 0) {
            throw bad("WS_BAD_FRAME", CLOSE_PROTOCOL_ERROR, "reserved bits set (0x" + Integer.toHexString(b0 & 0x70)
                    + ") but no extension was negotiated");
        }
        if (opcode > OP_BINARY && opcode < OP_CLOSE || opcode > OP_PONG) {
            throw bad("WS_BAD_FRAME", CLOSE_PROTOCOL_ERROR, "unknown opcode " + opcode);
        }
        if (server && !masked) {
            throw bad("WS_UNMASKED_FRAME", CLOSE_PROTOCOL_ERROR, "client frame (opcode " + opcode
                    + ") is not masked");
        }
        if (!server && masked) {
            throw bad("WS_MASKED_FRAME", CLOSE_PROTOCOL_ERROR, "server frame (opcode " + opcode + ") is masked");
        }
        if (length < 0) {
            throw bad("WS_BAD_FRAME", CLOSE_PROTOCOL_ERROR, "64-bit length with its top bit set");
        }
        if (opcode >= OP_CLOSE) {
            if (!fin) {
                throw bad("WS_BAD_FRAME", CLOSE_PROTOCOL_ERROR, "fragmented control frame (opcode " + opcode + ")");
            }
            if (length > MAX_CONTROL) {
                throw bad("WS_CONTROL_TOO_LARGE", CLOSE_PROTOCOL_ERROR, "control frame (opcode " + opcode + ") of "
                        + length + " bytes; at most " + MAX_CONTROL);
            }
            controlPayload.clear();
        } else if (opcode == OP_CONTINUATION) {
            if (messageOpcode < 0) {
                throw bad("WS_BAD_CONTINUATION", CLOSE_PROTOCOL_ERROR, "continuation frame outside a message");
            }
        } else {
            if (messageOpcode >= 0) {
                throw bad("WS_BAD_CONTINUATION", CLOSE_PROTOCOL_ERROR, "new " + (opcode == OP_TEXT ? "text" : "binary")
                        + " message before the previous one's final frame");
            }
            messageOpcode = opcode;
            message.clear();
            messageBytes = 0;
            packets = 0;
        }
        if (opcode < OP_CLOSE) {
            long limit = messageOpcode == OP_TEXT ? maxText : maxMessage;
            if (messageBytes + length > limit) {
                throw bad("WS_MESSAGE_TOO_BIG", CLOSE_TOO_BIG, (messageOpcode == OP_TEXT ? "text" : "binary")
                        + " message of at least " + (messageBytes + length) + " bytes; the limit is " + limit
                        + (messageOpcode == OP_TEXT ? " (maxPayload)" : " (one msgtrans frame at maxExtHeader and maxPayload)"));
            }
        }
        frameLeft = length;
        maskAt = 0;
        inPayload = true;
        return true;
    }

    /** RFC 6455, 7.4.1 and 7.4.2: the defined codes an endpoint may send, and the registered and private ranges. */
    static boolean sendable(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }

    private static LinkException bad(String cause, int code, String message) {
        return new LinkException(cause, code, message);
    }

    /** A frame's payload is complete. @return {@code true} if it was a close */
    private boolean endFrame() throws java.io.IOException {
        inPayload = false;
        switch (opcode) {
            case OP_PING -> {
                controlPayload.flip();
                if (closeCode < 0) {
                    control.add(controlFrame(OP_PONG, controlPayload));
                    flushRequest = true;
                }
                return false;
            }
            case OP_PONG -> {
                return false; // unsolicited pongs are allowed (RFC 6455, 5.5.3); we send no pings
            }
            case OP_CLOSE -> {
                controlPayload.flip();
                if (controlPayload.remaining() == 1) {
                    throw bad("WS_BAD_FRAME", CLOSE_PROTOCOL_ERROR, "close frame with a 1-byte payload");
                }
                if (closeCode < 0) {
                    int code = controlPayload.remaining() >= 2 ? controlPayload.getShort(0) & 0xFFFF : CLOSE_NORMAL;
                    // echoed unless it is one no endpoint may send (RFC 6455, 7.4): then the close says 1002
                    closeCode = sendable(code) ? code : CLOSE_PROTOCOL_ERROR;
                }
                phase = ENDED;
                return true;
            }
            default -> {
                if (fin) {
                    deliver();
                }
                return false;
            }
        }
    }

    private void deliver() throws java.io.IOException {
        int op = messageOpcode;
        messageOpcode = -1;
        message.flip();
        try {
            if (op == OP_TEXT) {
                byte[] text = new byte[message.remaining()];
                message.get(text);
                try {
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(text));
                } catch (CharacterCodingException e) {
                    throw bad("WS_BAD_UTF8", CLOSE_INVALID_DATA, "text message of " + text.length
                            + " bytes is not valid UTF-8");
                }
                out.accept(Packet.oneWay(0, text)); // the original's debugging aid: text is a one-way, biz type 0
                return;
            }
            if (packets != 1 || decoder.hasPartialFrame()) {
                throw bad("WS_NOT_ONE_PACKET", CLOSE_INVALID_DATA, "binary message of " + messageBytes + " bytes holds "
                        + (decoder.hasPartialFrame() ? packets + " whole msgtrans frames and part of another"
                        : packets + " msgtrans frames") + "; it must hold exactly one");
            }
        } finally {
            message.clear();
            if (message.capacity() > RETAINED_MESSAGE) {
                message = ByteBuffer.allocate(256); // a big message does not pin its buffer on an idle session
            }
        }
    }

    private void grow(int more) {
        long needed = (long) message.position() + more;
        ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(maxMessage, Math.max(needed, 2L * message.capacity())));
        message.flip();
        bigger.put(message);
        message = bigger;
    }

    @Override
    public boolean hasPartialFrame() {
        return inPayload || headHave > 0 || messageOpcode >= 0 || decoder.hasPartialFrame()
                || (phase == HANDSHAKE && handshake != null && handshake.position() > 0);
    }

    @Override
    public int bufferedBytes() {
        return headHave + decoder.bufferedBytes() + (messageOpcode == OP_TEXT ? message.position() : 0)
                + (phase == HANDSHAKE && handshake != null ? handshake.position() : 0);
    }

    // ---- the loop's writes ------------------------------------------------------------------------------------------

    @Override
    public ByteBuffer nextControl() {
        return control.poll();
    }

    @Override
    public boolean takeFlushRequest() {
        boolean r = flushRequest;
        flushRequest = false;
        return r;
    }

    @Override
    public boolean holdsData() {
        return phase == HANDSHAKE;
    }

    @Override
    public boolean discardsData() {
        return phase == FAILED;
    }

    @Override
    public boolean owesFarewell() {
        return !farewellSent && (opened || refusal != null);
    }

    @Override
    public ByteBuffer farewell(CloseReason reason) {
        if (farewellSent) {
            return null;
        }
        farewellSent = true;
        if (!opened) {
            // no upgrade happened: a refused request gets its HTTP answer, anything else just the end of stream
            return refusal == null ? null : ascii(refusal + "Content-Length: 0\r\nConnection: close\r\n\r\n");
        }
        int code = closeCode >= 0 ? closeCode : reason == CloseReason.SHUTDOWN ? CLOSE_GOING_AWAY : CLOSE_NORMAL;
        ByteBuffer payload = ByteBuffer.allocate(2).putShort(0, (short) code);
        return controlFrame(OP_CLOSE, payload);
    }

    @Override
    public void linkClosed() {
        upgraded.completeExceptionally(new java.io.IOException("connection closed before the WebSocket upgrade"));
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    @Override
    public String toString() {
        return "websocket " + (server ? "server" : "client") + " framing ("
                + new String[]{"handshake", "open", "failed", "ended"}[phase] + ")";
    }
}
