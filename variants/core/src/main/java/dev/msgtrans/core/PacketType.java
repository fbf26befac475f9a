package dev.msgtrans.core;

/** The msgtrans 1.0 packet type, byte 2 of the fixed header. */
public enum PacketType {
    /** Fire and forget; never answered. */
    ONE_WAY(0),
    /** Expects exactly one {@link #RESPONSE} carrying the same message id. */
    REQUEST(1),
    /** Answers the {@link #REQUEST} with the same message id. */
    RESPONSE(2);

    private static final PacketType[] BY_CODE = values();
    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the type for a wire code, or {@code null} when the code is unknown (the decoder names the error) */
    public static PacketType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
