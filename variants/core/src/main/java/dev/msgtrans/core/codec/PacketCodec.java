package dev.msgtrans.core.codec;

import dev.msgtrans.core.Compression;
import dev.msgtrans.core.Packet;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Encodes packets as msgtrans 1.0 frames: a 16-byte big-endian header, the extended header, then the payload
 * (zlib-compressed when the packet asks for {@link Compression#ZLIB}).
 * <pre>
 *  0        1            2     3        4            8             10             14      16
 *  +--------+------------+-----+--------+------------+-------------+--------------+-------+-----+---------+
 *  | ver=1  | compression| type| biz    | message id | ext hdr len | payload len  | flags | ext | payload |
 *  | u8     | u8         | u8  | u8     | u32        | u16         | u32 (on wire)| u16   |     |         |
 *  +--------+------------+-----+--------+------------+-------------+--------------+-------+-----+---------+
 * </pre>
 * Threading contract: thread-safe and stateless apart from its immutable {@link CodecLimits}, so one instance is
 * shared by every sender thread; streaming decode needs per-connection state and lives in {@link FrameDecoder}.
 * <p>
 * Encoding enforces the same limits the receiving decoder enforces, so a packet this codec accepts is never
 * rejected by a peer with the same limits: the extended header, the uncompressed payload and the compressed
 * payload must each fit. Breaking a limit is the caller's bug, hence {@link IllegalArgumentException}, not I/O.
 * A {@link Compression#ZLIB} packet is compressed on every call, {@link #encodedLength} included; for
 * {@link Compression#NONE} every method is O(1) apart from the copy into the frame.
 */
public final class PacketCodec {

    /** Bytes in the fixed header. */
    public static final int HEADER_SIZE = 16;
    /** The only protocol version this codec speaks, byte 0 of the header. */
    public static final int VERSION = 1;

    private final CodecLimits limits;

    public PacketCodec(CodecLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public CodecLimits limits() {
        return limits;
    }

    /**
     * @return a new heap buffer holding exactly one frame: position 0, limit = capacity = frame length
     * @throws IllegalArgumentException if the packet asks for zstd or its extended header or payload exceeds the
     *                                  limits
     */
    public ByteBuffer encode(Packet p) {
        byte[] wirePayload = wirePayload(p);
        ByteBuffer frame = ByteBuffer.allocate(frameLength(p, wirePayload));
        write(p, wirePayload, frame);
        return frame.flip();
    }

    /**
     * Writes one frame at {@code dst}'s position and advances it past the frame.
     *
     * @throws BufferOverflowException  if the frame does not fit in {@code dst.remaining()}; {@code dst} is then
     *                                  unchanged
     * @throws IllegalArgumentException as {@link #encode}
     */
    public void encodeTo(Packet p, ByteBuffer dst) {
        byte[] wirePayload = wirePayload(p);
        if (dst.remaining() < frameLength(p, wirePayload)) {
            throw new BufferOverflowException();
        }
        write(p, wirePayload, dst);
    }

    /**
     * @return the length of the frame {@link #encode} would produce (compresses a zlib packet to find out)
     * @throws IllegalArgumentException as {@link #encode}
     */
    public int encodedLength(Packet p) {
        return frameLength(p, wirePayload(p));
    }

    /**
     * Decodes the one complete frame at {@code frame}'s position and advances the position past it; for streams,
     * where frames arrive split and coalesced, use a {@link FrameDecoder}.
     *
     * @throws BufferUnderflowException if the remaining bytes hold less than one frame (position unchanged)
     * @throws CodecException           if the frame breaks the format or the limits (position unchanged)
     */
    public Packet decode(ByteBuffer frame) throws CodecException {
        int at = frame.position();
        if (frame.remaining() < HEADER_SIZE) {
            throw new BufferUnderflowException();
        }
        int length = WireFormat.frameLength(frame, at, limits);
        if (frame.remaining() < length) {
            throw new BufferUnderflowException();
        }
        Packet packet = WireFormat.readPacket(frame, at, limits);
        frame.position(at + length);
        return packet;
    }

    /** The payload bytes as they go on the wire, after checking the packet against the limits. */
    private byte[] wirePayload(Packet p) {
        if (p.compression() == Compression.ZSTD) {
            throw new IllegalArgumentException(WireFormat.zstdMessage());
        }
        int extLength = p.extHeader().length;
        if (extLength > limits.maxExtHeader()) {
            throw new IllegalArgumentException("extended header of " + extLength + " bytes exceeds the limit of "
                    + limits.maxExtHeader() + " bytes");
        }
        int payloadLength = p.payload().length;
        if (payloadLength > limits.maxPayload()) {
            throw new IllegalArgumentException("payload of " + payloadLength + " bytes exceeds the limit of "
                    + limits.maxPayload() + " bytes");
        }
        if (p.compression() != Compression.ZLIB) {
            return p.payload();
        }
        byte[] compressed = ZlibPayloads.deflate(p.payload());
        if (compressed.length > limits.maxPayload()) {
            // Incompressible data grows by a few bytes; the peer checks the wire length against the same limit.
            throw new IllegalArgumentException("zlib-compressed payload of " + compressed.length
                    + " bytes (from " + payloadLength + ") exceeds the limit of " + limits.maxPayload()
                    + " bytes; send it uncompressed");
        }
        return compressed;
    }

    private static int frameLength(Packet p, byte[] wirePayload) {
        return HEADER_SIZE + p.extHeader().length + wirePayload.length;
    }

    private static void write(Packet p, byte[] wirePayload, ByteBuffer dst) {
        WireFormat.putHeader(dst, dst.position(), p, wirePayload.length);
        dst.position(dst.position() + HEADER_SIZE);
        dst.put(p.extHeader()).put(wirePayload);
    }
}
