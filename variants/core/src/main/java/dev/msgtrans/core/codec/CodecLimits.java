package dev.msgtrans.core.codec;

/**
 * The largest frame parts a codec accepts, checked on encode (as {@link IllegalArgumentException}) and on decode
 * (as {@link CodecException}, before any body byte is buffered). They bound the memory one connection can make the
 * decoder hold to {@code HEADER_SIZE + maxExtHeader + maxPayload} bytes.
 * <p>
 * Immutable, so shared freely between threads.
 *
 * @param maxPayload   largest payload in bytes, both on the wire (possibly compressed) and after inflating;
 *                     positive and at most {@link #MAX_PAYLOAD_CEILING}
 * @param maxExtHeader largest extended header in bytes, 0-65535 (0 forbids extended headers; the wire field is a u16)
 */
public record CodecLimits(int maxPayload, int maxExtHeader) {

    /**
     * The largest {@code maxPayload}: a whole frame at the limits must still fit in one Java array, so the frame
     * length stays an {@code int} everywhere.
     */
    public static final int MAX_PAYLOAD_CEILING = Integer.MAX_VALUE - 8 - PacketCodec.HEADER_SIZE - 0xFFFF - 1;

    /**
     * The original's limits: payload 1 MiB, extended header "64 KiB", which on a u16 length field means 65535
     * bytes, the most the wire can carry.
     */
    public static final CodecLimits DEFAULT = new CodecLimits(1 << 20, 0xFFFF);

    public CodecLimits {
        if (maxPayload <= 0 || maxPayload > MAX_PAYLOAD_CEILING) {
            throw new IllegalArgumentException("maxPayload must be 1-" + MAX_PAYLOAD_CEILING + " bytes, was " + maxPayload);
        }
        if (maxExtHeader < 0 || maxExtHeader > 0xFFFF) {
            throw new IllegalArgumentException(
                    "maxExtHeader must be 0-65535 bytes (a u16 on the wire), was " + maxExtHeader);
        }
    }

    /** The longest frame these limits allow: header, extended header and payload, all at their limits. */
    public int maxFrameLength() {
        return PacketCodec.HEADER_SIZE + maxExtHeader + maxPayload;
    }
}
