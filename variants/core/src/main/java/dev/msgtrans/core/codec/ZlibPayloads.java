package dev.msgtrans.core.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static dev.msgtrans.core.codec.CodecException.Reason;

/**
 * Compression code 2: the JDK's {@link Deflater} / {@link Inflater} with the zlib wrapper (RFC 1950).
 * <p>
 * Stateless: each call creates its (Deflater|Inflater) and {@code end()}s it, because both hold native memory and
 * are not thread-safe; caching one per thread would pin that memory on every I/O and caller thread for the life of
 * the process. Safe from any thread.
 */
final class ZlibPayloads {

    private static final int MIN_INFLATE_CAPACITY = 64;

    private ZlibPayloads() {
    }

    /** The whole zlib stream of {@code input}, at the default level. */
    static byte[] deflate(byte[] input) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(input);
            deflater.finish();
            byte[] out = new byte[compressBound(input.length)];
            int n = 0;
            while (!deflater.finished()) {
                if (n == out.length) {
                    // Not expected with zlib's own bound; kept so a looser deflater can never loop forever.
                    out = Arrays.copyOf(out, out.length + 1024);
                }
                n += deflater.deflate(out, n, out.length - n);
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        } finally {
            deflater.end();
        }
    }

    /**
     * Inflates the zlib stream in {@code src} (all its remaining bytes). The output buffer never grows past
     * {@code maxPayload + 1} bytes, so a small frame that inflates to gigabytes (a zip bomb) costs at most the
     * limit in memory before it is rejected.
     *
     * @throws CodecException {@code PAYLOAD_TOO_LARGE} past the limit, {@code CORRUPT_PAYLOAD} for anything that is
     *                        not exactly one complete zlib stream
     */
    static byte[] inflate(ByteBuffer src, int maxPayload) throws CodecException {
        int compressedLength = src.remaining();
        int capacityLimit = maxPayload + 1; // one byte past the limit is enough to know it is exceeded
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(src);
            byte[] out = new byte[(int) Math.min(capacityLimit,
                    Math.max(MIN_INFLATE_CAPACITY, 4L * compressedLength))];
            int n = 0;
            while (true) {
                long readBefore = inflater.getBytesRead();
                int produced = inflater.inflate(out, n, out.length - n);
                n += produced;
                if (n > maxPayload) {
                    throw new CodecException(Reason.PAYLOAD_TOO_LARGE, "zlib payload of " + compressedLength
                            + " bytes inflates to more than the limit of " + maxPayload + " bytes");
                }
                if (inflater.finished()) {
                    break;
                }
                if (n == out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(capacityLimit, 2L * out.length));
                } else if (inflater.needsDictionary()) {
                    throw corrupt(compressedLength, "needs a preset dictionary, which msgtrans 1.0 does not define");
                } else if (inflater.needsInput()) {
                    throw corrupt(compressedLength, "is truncated (the zlib stream has no end)");
                } else if (produced == 0 && inflater.getBytesRead() == readBefore) {
                    throw corrupt(compressedLength, "is not a valid zlib stream (the inflater made no progress)");
                }
            }
            int trailing = inflater.getRemaining();
            if (trailing > 0) {
                throw corrupt(compressedLength, "has " + trailing + " bytes after the end of its zlib stream");
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw new CodecException(Reason.CORRUPT_PAYLOAD, "zlib payload of " + compressedLength
                    + " bytes is not a valid zlib stream (" + e.getMessage() + ")", e);
        } finally {
            inflater.end();
        }
    }

    private static CodecException corrupt(int compressedLength, String what) {
        return new CodecException(Reason.CORRUPT_PAYLOAD, "zlib payload of " + compressedLength + " bytes " + what);
    }

    /** zlib's compressBound(): the largest zlib stream deflate can produce for {@code n} input bytes. */
    private static int compressBound(int n) {
        long bound = (long) n + (n >>> 12) + (n >>> 14) + (n >>> 25) + 13;
        return (int) Math.min(bound, Integer.MAX_VALUE - 8);
    }
}
