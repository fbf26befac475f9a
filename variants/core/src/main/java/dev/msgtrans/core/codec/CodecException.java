package dev.msgtrans.core.codec;

import java.io.IOException;
import java.util.Objects;

/**
 * A frame broke the msgtrans 1.0 wire format or the {@link CodecLimits}. The stream it came from cannot be
 * resynchronised (frames carry no marker to resume at), so the connection must be closed; {@link #reason()} is the
 * machine-readable cause (suitable for a {@code TransportError} event) and the message a sentence naming the value
 * seen and what was expected.
 */
public final class CodecException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why a frame was rejected, in the order the header checks run. */
    public enum Reason {
        /** Byte 0 is not {@value PacketCodec#VERSION}. */
        BAD_VERSION,
        /** Byte 2 is not 0 (one-way), 1 (request) or 2 (response). */
        UNKNOWN_PACKET_TYPE,
        /** Byte 1 is not 0 (none), 1 (zstd) or 2 (zlib). */
        UNKNOWN_COMPRESSION,
        /** Byte 1 is a defined compression this implementation cannot decode (zstd: the JDK has no zstd). */
        UNSUPPORTED_COMPRESSION,
        /** The payload, on the wire or once inflated, is larger than {@link CodecLimits#maxPayload()}. */
        PAYLOAD_TOO_LARGE,
        /** The extended header is larger than {@link CodecLimits#maxExtHeader()}. */
        EXT_HEADER_TOO_LARGE,
        /** A compressed payload is not a valid zlib stream (garbage, truncated, trailing bytes, preset dictionary). */
        CORRUPT_PAYLOAD
    }

    private final Reason reason;

    /** A rejection for {@code reason}; {@code message} names the value seen and the expectation. */
    public CodecException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** As {@link #CodecException(Reason, String)}, keeping the lower-level failure (e.g. from the inflater). */
    public CodecException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return the machine-readable cause, never null */
    public Reason reason() {
        return reason;
    }
}
