package dev.msgtrans.core.codec;

import dev.msgtrans.core.Compression;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;

import java.nio.ByteBuffer;

import static dev.msgtrans.core.codec.CodecException.Reason;
import static dev.msgtrans.core.codec.PacketCodec.HEADER_SIZE;
import static dev.msgtrans.core.codec.PacketCodec.VERSION;

/**
 * The msgtrans 1.0 fixed header, read and written in one place so that the encoder and the streaming decoder
 * cannot disagree about it. All accesses are absolute and assemble multi-byte fields byte by byte, so they are
 * big-endian whatever {@link ByteBuffer#order()} the caller's buffer has, and never move its position.
 * <p>
 * Stateless static functions; safe from any thread on buffers that thread owns.
 */
final class WireFormat {

    static final int OFF_VERSION = 0;
    static final int OFF_COMPRESSION = 1;
    static final int OFF_TYPE = 2;
    static final int OFF_BIZ_TYPE = 3;
    static final int OFF_MESSAGE_ID = 4;
    static final int OFF_EXT_LEN = 8;
    static final int OFF_PAYLOAD_LEN = 10;
    static final int OFF_FLAGS = 14;

    private static final byte[] EMPTY = new byte[0];

    private WireFormat() {
    }

    /**
     * Validates the header at {@code buf[at, at + 16)} in the documented order (version, packet type, compression,
     * extended header length, payload length) and returns the length of the whole frame.
     */
    static int frameLength(ByteBuffer buf, int at, CodecLimits limits) throws CodecException {
        int version = u8(buf, at + OFF_VERSION);
        if (version != VERSION) {
            throw new CodecException(Reason.BAD_VERSION,
                    "unsupported protocol version " + version + " (expected " + VERSION + ")");
        }
        int type = u8(buf, at + OFF_TYPE);
        if (PacketType.fromCode(type) == null) {
            throw new CodecException(Reason.UNKNOWN_PACKET_TYPE,
                    "unknown packet type " + type + " (expected 0 one-way, 1 request or 2 response)");
        }
        int compressionCode = u8(buf, at + OFF_COMPRESSION);
        Compression compression = Compression.fromCode(compressionCode);
        if (compression == null) {
            throw new CodecException(Reason.UNKNOWN_COMPRESSION,
                    "unknown compression " + compressionCode + " (expected 0 none, 1 zstd or 2 zlib)");
        }
        if (compression == Compression.ZSTD) {
            throw new CodecException(Reason.UNSUPPORTED_COMPRESSION, zstdMessage());
        }
        int extLen = u16(buf, at + OFF_EXT_LEN);
        if (extLen > limits.maxExtHeader()) {
            throw new CodecException(Reason.EXT_HEADER_TOO_LARGE, "extended header length " + extLen
                    + " exceeds the limit of " + limits.maxExtHeader() + " bytes");
        }
        // u32 on the wire: read as unsigned, or a length >= 2^31 would look negative and pass the check.
        long payloadLen = u32(buf, at + OFF_PAYLOAD_LEN);
        if (payloadLen > limits.maxPayload()) {
            throw new CodecException(Reason.PAYLOAD_TOO_LARGE, "payload length " + payloadLen
                    + " exceeds the limit of " + limits.maxPayload() + " bytes");
        }
        return HEADER_SIZE + extLen + (int) payloadLen;
    }

    /**
     * Builds the packet of the complete frame at {@code at}, whose header {@link #frameLength} has accepted.
     * Copies the extended header and an uncompressed payload once, into the packet's own arrays; a zlib payload
     * is inflated straight from {@code buf}.
     */
    static Packet readPacket(ByteBuffer buf, int at, CodecLimits limits) throws CodecException {
        Compression compression = Compression.fromCode(u8(buf, at + OFF_COMPRESSION));
        PacketType type = PacketType.fromCode(u8(buf, at + OFF_TYPE));
        int bizType = u8(buf, at + OFF_BIZ_TYPE);
        int messageId = (int) u32(buf, at + OFF_MESSAGE_ID);
        int extLen = u16(buf, at + OFF_EXT_LEN);
        int payloadLen = (int) u32(buf, at + OFF_PAYLOAD_LEN);
        int flags = u16(buf, at + OFF_FLAGS);

        int extAt = at + HEADER_SIZE;
        byte[] ext = copy(buf, extAt, extLen);
        int payloadAt = extAt + extLen;
        byte[] payload = compression == Compression.ZLIB
                ? ZlibPayloads.inflate(buf.slice(payloadAt, payloadLen), limits.maxPayload())
                : copy(buf, payloadAt, payloadLen);
        return new Packet(type, compression, bizType, messageId, flags, ext, payload);
    }

    /** Writes the 16 header bytes at {@code dst[at, at + 16)}; the caller has checked the lengths. */
    static void putHeader(ByteBuffer dst, int at, Packet p, int wirePayloadLength) {
        dst.put(at + OFF_VERSION, (byte) VERSION);
        dst.put(at + OFF_COMPRESSION, (byte) p.compression().code());
        dst.put(at + OFF_TYPE, (byte) p.type().code());
        dst.put(at + OFF_BIZ_TYPE, (byte) p.bizType());
        putU32(dst, at + OFF_MESSAGE_ID, p.messageId());
        putU16(dst, at + OFF_EXT_LEN, p.extHeader().length);
        putU32(dst, at + OFF_PAYLOAD_LEN, wirePayloadLength);
        putU16(dst, at + OFF_FLAGS, p.flags());
    }

    static String zstdMessage() {
        return "zstd compression (1) is not supported by this implementation; use none (0) or zlib (2)";
    }

    private static byte[] copy(ByteBuffer buf, int at, int length) {
        if (length == 0) {
            return EMPTY;
        }
        byte[] bytes = new byte[length];
        buf.get(at, bytes);
        return bytes;
    }

    private static int u8(ByteBuffer b, int i) {
        return b.get(i) & 0xFF;
    }

    private static int u16(ByteBuffer b, int i) {
        return (u8(b, i) << 8) | u8(b, i + 1);
    }

    private static long u32(ByteBuffer b, int i) {
        return ((long) u16(b, i) << 16) | u16(b, i + 2);
    }

    private static void putU16(ByteBuffer b, int i, int v) {
        b.put(i, (byte) (v >>> 8));
        b.put(i + 1, (byte) v);
    }

    private static void putU32(ByteBuffer b, int i, int v) {
        putU16(b, i, v >>> 16);
        putU16(b, i + 2, v);
    }
}
