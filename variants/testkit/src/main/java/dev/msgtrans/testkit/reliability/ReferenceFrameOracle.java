package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.codec.CodecException.Reason;
import dev.msgtrans.core.codec.CodecLimits;

import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A second, independent reading of the msgtrans 1.0 wire format (ORIGINAL.md), written from the specification and
 * not from the codec: given the bytes a fresh connection receives, it says what a conforming streaming decoder must
 * do with them. Disagreement between this oracle and {@link dev.msgtrans.core.codec.FrameDecoder} is a bug in one of
 * them, which is the point of differential fuzzing.
 * <p>
 * The header checks run in the order the codec documents (version, packet type, compression, extended header
 * length, payload length), because a header that breaks several rules is rejected for the first. A header is only
 * judged once all 16 of its bytes are there; the body is only judged (zlib) once the whole frame is there.
 * <p>
 * Stateless; safe from any thread.
 */
public final class ReferenceFrameOracle {

    /** Fixed header length of msgtrans 1.0. */
    public static final int HEADER = 16;

    private final CodecLimits limits;

    public ReferenceFrameOracle(CodecLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public CodecLimits limits() {
        return limits;
    }

    /** What a decoder at a frame boundary must make of {@code stream}: the frames it delivers, and how it ends. */
    public Expected expect(byte[] stream) {
        int at = 0;
        int packets = 0;
        while (at < stream.length) {
            int left = stream.length - at;
            if (left < HEADER) {
                return Expected.partial(packets, left);
            }
            Reason bad = judgeHeader(stream, at);
            if (bad != null) {
                return Expected.rejected(packets, bad);
            }
            long frame = frameLength(stream, at);
            if (left < frame) {
                return Expected.partial(packets, left);
            }
            int ext = u16(stream, at + 8);
            if (stream[at + 1] == 2) {
                int payloadAt = at + HEADER + ext;
                Reason zlib = judgeZlib(stream, payloadAt, (int) (at + frame - payloadAt));
                if (zlib != null) {
                    return Expected.rejected(packets, zlib);
                }
            }
            packets++;
            at += (int) frame;
        }
        return Expected.boundary(packets);
    }

    /** @return the first rule the 16 header bytes at {@code at} break, or {@code null} if they are acceptable */
    Reason judgeHeader(byte[] b, int at) {
        if ((b[at] & 0xFF) != 1) {
            return Reason.BAD_VERSION;
        }
        if ((b[at + 2] & 0xFF) > 2) {
            return Reason.UNKNOWN_PACKET_TYPE;
        }
        int compression = b[at + 1] & 0xFF;
        if (compression > 2) {
            return Reason.UNKNOWN_COMPRESSION;
        }
        if (compression == 1) {
            return Reason.UNSUPPORTED_COMPRESSION; // zstd: defined by the format, not decodable with the JDK
        }
        if (u16(b, at + 8) > limits.maxExtHeader()) {
            return Reason.EXT_HEADER_TOO_LARGE;
        }
        if (u32(b, at + 10) > limits.maxPayload()) {
            return Reason.PAYLOAD_TOO_LARGE;
        }
        return null;
    }

    /** Header, extended header and payload length as the header at {@code at} declares them. */
    static long frameLength(byte[] b, int at) {
        return HEADER + u16(b, at + 8) + u32(b, at + 10);
    }

    /**
     * A zlib payload must be exactly one complete stream (RFC 1950), no preset dictionary, nothing after it, and
     * inflate to at most the payload limit. Inflating into a buffer of limit + 1 bytes finds an oversized stream
     * without ever holding more than that.
     */
    private Reason judgeZlib(byte[] b, int at, int length) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(b, at, length);
            byte[] out = new byte[limits.maxPayload() + 1];
            int n = 0;
            while (true) {
                int produced = inflater.inflate(out, n, out.length - n);
                n += produced;
                if (n > limits.maxPayload()) {
                    return Reason.PAYLOAD_TOO_LARGE;
                }
                if (inflater.finished()) {
                    break;
                }
                if (produced == 0) {
                    // truncated (needs input), a preset dictionary msgtrans does not define, or no progress
                    return Reason.CORRUPT_PAYLOAD;
                }
            }
            return inflater.getRemaining() > 0 ? Reason.CORRUPT_PAYLOAD : null;
        } catch (DataFormatException e) {
            return Reason.CORRUPT_PAYLOAD;
        } finally {
            inflater.end();
        }
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static long u32(byte[] b, int i) {
        return ((long) u16(b, i) << 16) | u16(b, i + 2);
    }

    /** How a byte stream ends for a decoder that started at a frame boundary. */
    public enum End {
        /** Every byte formed whole, accepted frames: the decoder is at a boundary again. */
        BOUNDARY,
        /** The last frame is incomplete: its bytes are buffered, waiting for more (or for a mid-frame close). */
        PARTIAL,
        /** A frame broke the format or the limits: the decoder throws {@code CodecException} with the reason. */
        REJECTED
    }

    /**
     * The expected outcome of one byte stream.
     *
     * @param packets  frames delivered before the end
     * @param end      how the stream ends
     * @param reason   the rejection's reason when {@code end == REJECTED}, else {@code null}
     * @param buffered bytes of the incomplete frame when {@code end == PARTIAL}, else 0
     */
    public record Expected(int packets, End end, Reason reason, int buffered) {

        static Expected boundary(int packets) {
            return new Expected(packets, End.BOUNDARY, null, 0);
        }

        static Expected partial(int packets, int buffered) {
            return new Expected(packets, End.PARTIAL, null, buffered);
        }

        static Expected rejected(int packets, Reason reason) {
            return new Expected(packets, End.REJECTED, reason, 0);
        }

        @Override
        public String toString() {
            return packets + " packet(s) then " + (end == End.REJECTED ? "REJECTED " + reason
                    : end == End.PARTIAL ? "PARTIAL (" + buffered + " bytes buffered)" : "BOUNDARY");
        }
    }
}
