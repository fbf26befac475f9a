package dev.msgtrans.core;

/** The msgtrans 1.0 payload compression, byte 1 of the fixed header. */
public enum Compression {
    NONE(0),
    /** Defined by the wire format; this implementation rejects it with a clear error (no zstd in the JDK). */
    ZSTD(1),
    /** java.util.zip Deflater/Inflater with the zlib wrapper. */
    ZLIB(2);

    private static final Compression[] BY_CODE = values();
    private final int code;

    Compression(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the compression for a wire code, or {@code null} when the code is unknown */
    public static Compression fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
