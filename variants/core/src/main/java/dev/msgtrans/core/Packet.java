package dev.msgtrans.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * One msgtrans 1.0 packet: the fixed header fields, the opaque extended header and the payload.
 * <p>
 * {@code payload} always holds the <em>uncompressed</em> bytes; {@link #compression()} says how the codec
 * encodes it on the wire. Packets are immutable by contract: the arrays are not copied, so callers must not
 * change them after handing a packet to the transport.
 *
 * @param type        one-way, request or response
 * @param compression wire compression of the payload
 * @param bizType     application-defined, 0-255
 * @param messageId   u32 on the wire, held as an int; a response carries its request's id
 * @param flags       u16 on the wire: {@link #FLAG_FRAGMENTED}, {@link #FLAG_HIGH_PRIORITY}, {@link #FLAG_ROUTE_TAG}
 * @param extHeader   opaque extended header, never null (empty when absent)
 * @param payload     uncompressed payload, never null
 */
public record Packet(PacketType type, Compression compression, int bizType, int messageId, int flags,
                     byte[] extHeader, byte[] payload) {

    public static final int FLAG_FRAGMENTED = 0x1;
    public static final int FLAG_HIGH_PRIORITY = 0x2;
    public static final int FLAG_ROUTE_TAG = 0x4;

    private static final byte[] EMPTY = new byte[0];

    public Packet {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(compression, "compression");
        if (bizType < 0 || bizType > 0xFF) {
            throw new IllegalArgumentException("bizType must be 0-255, was " + bizType);
        }
        if (flags < 0 || flags > 0xFFFF) {
            throw new IllegalArgumentException("flags must fit in 16 bits, was " + flags);
        }
        extHeader = extHeader == null ? EMPTY : extHeader;
        payload = payload == null ? EMPTY : payload;
    }

    public static Packet oneWay(int bizType, byte[] payload) {
        return new Packet(PacketType.ONE_WAY, Compression.NONE, bizType, 0, 0, EMPTY, payload);
    }

    /** A request; the transport assigns the message id when it is sent. */
    public static Packet request(int bizType, byte[] payload) {
        return new Packet(PacketType.REQUEST, Compression.NONE, bizType, 0, 0, EMPTY, payload);
    }

    /** The response to {@code request}: same message id and biz type. */
    public static Packet responseTo(Packet request, byte[] payload) {
        return new Packet(PacketType.RESPONSE, Compression.NONE, request.bizType, request.messageId, 0, EMPTY, payload);
    }

    public Packet withMessageId(int id) {
        return id == messageId ? this : new Packet(type, compression, bizType, id, flags, extHeader, payload);
    }

    public Packet withCompression(Compression c) {
        return c == compression ? this : new Packet(type, c, bizType, messageId, flags, extHeader, payload);
    }

    public Packet withExtHeader(byte[] ext) {
        return new Packet(type, compression, bizType, messageId, flags, ext, payload);
    }

    public Packet withFlags(int f) {
        return new Packet(type, compression, bizType, messageId, f, extHeader, payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Packet p
                && type == p.type && compression == p.compression && bizType == p.bizType
                && messageId == p.messageId && flags == p.flags
                && Arrays.equals(extHeader, p.extHeader) && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(type, compression, bizType, messageId, flags);
        return 31 * (31 * h + Arrays.hashCode(extHeader)) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Packet[" + type + ", " + compression + ", biz=" + bizType + ", id=" + Integer.toUnsignedString(messageId)
                + ", flags=0x" + Integer.toHexString(flags) + ", ext=" + extHeader.length + "B, payload=" + payload.length + "B]";
    }
}
