package dev.msgtrans.testkit.e2e;

import java.nio.ByteBuffer;

/**
 * Hand-made msgtrans 1.0 frames (16-byte big-endian header, extended header, payload), including the broken ones
 * a codec would never write: a wrong version, a length over the limit, a frame cut short.
 */
public final class RawFrames {

    public static final int HEADER_SIZE = 16;

    private RawFrames() {
    }

    /** The 16 header bytes with every field as given (nothing validated). */
    public static byte[] header(int version, int compression, int type, int bizType, int messageId, int extLen,
                                int payloadLen, int flags) {
        return ByteBuffer.allocate(HEADER_SIZE)
                .put((byte) version).put((byte) compression).put((byte) type).put((byte) bizType)
                .putInt(messageId).putShort((short) extLen).putInt(payloadLen).putShort((short) flags)
                .array();
    }

    /** A complete uncompressed one-way frame. */
    public static byte[] oneWay(int bizType, byte[] payload) {
        return frame(1, 0, 0, bizType, 0, payload);
    }

    /** A complete uncompressed request frame. */
    public static byte[] request(int messageId, byte[] payload) {
        return frame(1, 0, 1, 0, messageId, payload);
    }

    /** A complete uncompressed frame with the given version, type and payload. */
    public static byte[] frame(int version, int compression, int type, int bizType, int messageId, byte[] payload) {
        return ByteBuffer.allocate(HEADER_SIZE + payload.length)
                .put(header(version, compression, type, bizType, messageId, 0, payload.length, 0))
                .put(payload)
                .array();
    }

    /** The first {@code n} bytes of {@code frame}. */
    public static byte[] prefix(byte[] frame, int n) {
        byte[] out = new byte[n];
        System.arraycopy(frame, 0, out, 0, n);
        return out;
    }
}
