package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.Compression;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;
import dev.msgtrans.core.codec.CodecLimits;
import dev.msgtrans.core.codec.PacketCodec;
import dev.msgtrans.testkit.reliability.ReferenceFrameOracle.Expected;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Deflater;

/**
 * A seeded generator of msgtrans 1.0 frames for fuzzing: valid frames, and valid frames broken on purpose (bit
 * flips, truncations, wrong version, type or compression, length fields that lie or exceed the limits, zlib garbage
 * and zip bombs), plus plain random bytes. Every case carries the outcome a conforming decoder must reach, from the
 * independent {@link ReferenceFrameOracle}, so a test can check each one instead of only "did not crash".
 * <p>
 * The same seed and limits give the same cases in the same order on every JVM ({@link SplittableRandom}), so a
 * failure is reproduced from the seed and the case index printed with it. Property-based libraries (jqwik) would
 * shrink failing cases too; a seeded generator keeps this module free of another test engine, and the cases are
 * small enough to read as they are.
 * <p>
 * Not thread-safe: one fuzzer per thread (give each its own seed).
 *
 * <pre>{@code
 * FrameFuzzer fuzzer = new FrameFuzzer(42, new CodecLimits(4096, 512));
 * FrameFuzzer.Case c = fuzzer.next();   // c.bytes(), c.expected(), c.mutation()
 * }</pre>
 */
public final class FrameFuzzer {

    /** How a case was made. */
    public enum Mutation {
        /** A valid frame of a random packet (payload uncompressed or zlib). */
        VALID,
        /** Several valid frames back to back, as pipelined frames arrive coalesced in one read. */
        COALESCED,
        /** A valid frame with one to four bits flipped anywhere (half the time inside the header). */
        BIT_FLIP,
        /** A valid frame cut short: what a peer that dies mid-frame leaves behind. */
        TRUNCATED,
        /** Version byte other than 1. */
        BAD_VERSION,
        /** Packet type byte above 2. */
        BAD_TYPE,
        /** Compression byte above 2. */
        BAD_COMPRESSION,
        /** Compression 1 (zstd): defined by the format, refused by this implementation. */
        ZSTD,
        /**
         * Extended header length above the limit (the body is not sent: it must be refused on the header). When the
         * limit is the u16 maximum no value is above it, and the case is a valid header with a missing body.
         */
        EXT_TOO_LARGE,
        /** Payload length above the limit, up to 2^32 - 1 (the body is not sent). */
        PAYLOAD_TOO_LARGE,
        /** A payload length field that lies, within the limits: shorter or longer than the bytes that follow. */
        LYING_LENGTH,
        /** A frame whose zlib payload is garbage: random bytes, a damaged or cut stream, trailing bytes, a dictionary. */
        ZLIB_GARBAGE,
        /** A small zlib payload that inflates past the payload limit (or, sometimes, exactly to it). */
        ZLIB_BOMB,
        /** Random bytes, sometimes behind a plausible version byte. */
        RANDOM_BYTES
    }

    /**
     * One fuzz case.
     *
     * @param index    position in this fuzzer's sequence (from 0), to reproduce it with the seed
     * @param mutation how it was made
     * @param bytes    what to feed a decoder at a frame boundary
     * @param expected what the decoder must make of them
     * @param packets  the packets that went into the valid frames of a {@code VALID} or {@code COALESCED} case (what
     *                 the decoder must deliver, equal field by field); empty for the others
     */
    public record Case(long index, Mutation mutation, byte[] bytes, Expected expected, List<Packet> packets) {
        @Override
        public String toString() {
            int shown = Math.min(bytes.length, 48);
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < shown; i++) {
                hex.append(String.format("%02x", bytes[i] & 0xFF));
            }
            return "case " + index + " " + mutation + ", " + bytes.length + " bytes [" + hex
                    + (shown < bytes.length ? "..." : "") + "], expected " + expected;
        }
    }

    private static final Mutation[] MUTATIONS = Mutation.values();
    /** Relative frequency of each mutation, in {@link Mutation} order: broken frames dominate, valid ones keep the
     * stream honest (a decoder that rejects everything must fail too). */
    private static final int[] WEIGHTS = {20, 4, 14, 8, 4, 4, 4, 2, 3, 4, 8, 8, 3, 14};
    private static final int WEIGHT_SUM = Arrays.stream(WEIGHTS).sum();

    private final long seed;
    private final SplittableRandom random;
    private final CodecLimits limits;
    private final PacketCodec codec;
    private final ReferenceFrameOracle oracle;
    private long index;

    public FrameFuzzer(long seed, CodecLimits limits) {
        if (WEIGHTS.length != MUTATIONS.length) {
            throw new AssertionError("one weight per mutation");
        }
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.limits = limits;
        this.codec = new PacketCodec(limits);
        this.oracle = new ReferenceFrameOracle(limits);
    }

    public long seed() {
        return seed;
    }

    public CodecLimits limits() {
        return limits;
    }

    /** The next case, of a mutation drawn by weight. */
    public Case next() {
        int r = random.nextInt(WEIGHT_SUM);
        int m = 0;
        while (r >= WEIGHTS[m]) {
            r -= WEIGHTS[m++];
        }
        return next(MUTATIONS[m]);
    }

    /** The next case, of the given mutation. */
    public Case next(Mutation mutation) {
        List<Packet> packets = new ArrayList<>();
        byte[] bytes = switch (mutation) {
            case VALID -> {
                Packet p = randomPacket();
                packets.add(p);
                yield encode(p);
            }
            case COALESCED -> {
                int n = 2 + random.nextInt(7);
                ByteBuffer all = ByteBuffer.allocate(n * limits.maxFrameLength());
                for (int i = 0; i < n; i++) {
                    Packet p = randomPacket();
                    packets.add(p);
                    all.put(encode(p));
                }
                yield Arrays.copyOf(all.array(), all.position());
            }
            case BIT_FLIP -> bitFlip(encode(randomPacket()));
            case TRUNCATED -> {
                byte[] f = encode(randomPacket());
                yield Arrays.copyOf(f, 1 + random.nextInt(f.length - 1));
            }
            case BAD_VERSION -> withByte(encode(randomPacket()), 0, random.nextInt(5) == 0 ? 0 : pick(2, 3, 255));
            case BAD_TYPE -> withByte(encode(randomPacket()), 2, pick(3, 4, 255));
            case BAD_COMPRESSION -> withByte(encode(randomPacket()), 1, pick(3, 4, 255));
            case ZSTD -> withByte(encode(randomPacket()), 1, 1);
            case EXT_TOO_LARGE -> oversizedHeader(true);
            case PAYLOAD_TOO_LARGE -> oversizedHeader(false);
            case LYING_LENGTH -> lyingLength();
            case ZLIB_GARBAGE -> zlibGarbage();
            case ZLIB_BOMB -> zlibBomb();
            case RANDOM_BYTES -> randomBytes();
        };
        return new Case(index++, mutation, bytes, oracle.expect(bytes), List.copyOf(packets));
    }

    // ---- valid material -------------------------------------------------------------------------------------

    /** A packet within the limits; sizes skewed small, as traffic is, with the occasional one at the limit. */
    public Packet randomPacket() {
        PacketType type = PacketType.values()[random.nextInt(3)];
        int ext = random.nextInt(10) < 8 ? 0 : size(limits.maxExtHeader());
        byte[] payload = payload(size(limits.maxPayload()));
        Compression compression = random.nextInt(4) == 0 ? Compression.ZLIB : Compression.NONE;
        Packet p = new Packet(type, compression, random.nextInt(256), random.nextInt(), random.nextInt(0x10000),
                randomArray(ext), payload);
        if (compression == Compression.ZLIB && deflate(payload).length > limits.maxPayload()) {
            return p.withCompression(Compression.NONE); // incompressible and near the limit: grows past it
        }
        return p;
    }

    private byte[] encode(Packet p) {
        ByteBuffer b = codec.encode(p);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private int size(int max) {
        int r = random.nextInt(20);
        int bound = r < 12 ? Math.min(max, 32) : r < 19 ? Math.min(max, 512) : max;
        return random.nextInt(bound + 1);
    }

    /** Half random bytes, half repetitive text (which zlib shrinks, so compressed frames stay in the limits). */
    private byte[] payload(int n) {
        if (random.nextBoolean()) {
            return randomArray(n);
        }
        byte[] b = new byte[n];
        byte[] word = ("msgtrans-" + random.nextInt(1000) + " ").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < n; i++) {
            b[i] = word[i % word.length];
        }
        return b;
    }

    private byte[] randomArray(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    // ---- mutations ------------------------------------------------------------------------------------------

    private byte[] bitFlip(byte[] f) {
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            int at = random.nextBoolean() ? random.nextInt(ReferenceFrameOracle.HEADER) : random.nextInt(f.length);
            f[at] ^= (byte) (1 << random.nextInt(8));
        }
        return f;
    }

    private static byte[] withByte(byte[] f, int at, int value) {
        f[at] = (byte) value;
        return f;
    }

    /** A value in [lo, hi], with the edges more likely than the middle (off-by-one bugs live there). */
    private int pick(int lo, int mid, int hi) {
        return switch (random.nextInt(4)) {
            case 0 -> lo;
            case 1 -> mid;
            case 2 -> hi;
            default -> lo + random.nextInt(hi - lo + 1);
        };
    }

    private byte[] oversizedHeader(boolean ext) {
        byte[] f = encode(new Packet(PacketType.ONE_WAY, Compression.NONE, 1, random.nextInt(), 0, null, null));
        ByteBuffer h = ByteBuffer.wrap(f);
        if (ext) {
            int over = limits.maxExtHeader() + 1;
            h.putShort(8, (short) (over > 0xFFFF ? 0xFFFF : pick(over, Math.min(0xFFFF, over + 1), 0xFFFF)));
        } else {
            long over = limits.maxPayload() + 1L;
            long v = switch (random.nextInt(4)) {
                case 0 -> over;
                case 1 -> 0x8000_0000L; // negative if read as a signed int
                case 2 -> 0xFFFF_FFFFL;
                default -> over + (random.nextLong() & 0x7FFF_FFFFL) % (0x1_0000_0000L - over);
            };
            h.putInt(10, (int) v);
        }
        // A few body bytes after the header: a decoder must refuse on the header and never wait for the body.
        return Arrays.copyOf(f, f.length + random.nextInt(64));
    }

    private byte[] lyingLength() {
        byte[] f = encode(randomPacket().withCompression(Compression.NONE));
        int ext = ReferenceFrameOracle.u16(f, 8);
        int actual = f.length - ReferenceFrameOracle.HEADER - ext;
        int room = limits.maxPayload() - actual;
        int lie;
        if (actual > 0 && (room == 0 || random.nextBoolean())) {
            lie = random.nextInt(actual); // shorter: the bytes after the lie parse as the next frame
        } else {
            // longer, within the limit: the decoder waits for more (room > 0 here, as the limit is positive)
            lie = actual + 1 + random.nextInt(room);
        }
        ByteBuffer.wrap(f).putInt(10, lie);
        return f;
    }

    private byte[] zlibGarbage() {
        byte[] payload;
        byte[] stream = deflate(payload(1 + size(limits.maxPayload() / 2)));
        switch (random.nextInt(5)) {
            case 0 -> payload = randomArray(1 + random.nextInt(Math.min(limits.maxPayload(), 256)));
            case 1 -> {
                payload = stream;
                payload[random.nextInt(payload.length)] ^= (byte) (1 << random.nextInt(8));
            }
            case 2 -> payload = Arrays.copyOf(stream, random.nextInt(stream.length)); // cut: the stream has no end
            case 3 -> {
                payload = Arrays.copyOf(stream, stream.length + 1 + random.nextInt(8)); // bytes after its end
                for (int i = stream.length; i < payload.length; i++) {
                    payload[i] = (byte) random.nextInt(256);
                }
            }
            default -> {
                payload = stream;
                payload[1] |= 0x20; // FDICT: a preset dictionary msgtrans does not define (FCHECK now wrong, too)
            }
        }
        if (payload.length > limits.maxPayload()) {
            payload = Arrays.copyOf(payload, limits.maxPayload());
        }
        return zlibFrame(payload);
    }

    private byte[] zlibBomb() {
        int max = limits.maxPayload();
        int n = random.nextInt(8) == 0 ? max : max + 1 + random.nextInt((int) Math.min(4L * max, 1 << 20));
        byte[] stream = deflate(new byte[n]); // zeros: a ~1000:1 ratio
        if (stream.length > limits.maxPayload()) {
            stream = Arrays.copyOf(stream, limits.maxPayload());
        }
        return zlibFrame(stream);
    }

    /** A frame with a valid header declaring zlib, around {@code wirePayload} as it is. */
    private byte[] zlibFrame(byte[] wirePayload) {
        ByteBuffer f = ByteBuffer.allocate(ReferenceFrameOracle.HEADER + wirePayload.length);
        f.put((byte) 1).put((byte) 2).put((byte) random.nextInt(3)).put((byte) random.nextInt(256))
                .putInt(random.nextInt()).putShort((short) 0).putInt(wirePayload.length).putShort((short) 0)
                .put(wirePayload);
        return f.array();
    }

    private byte[] randomBytes() {
        byte[] b = randomArray(1 + random.nextInt(3 * ReferenceFrameOracle.HEADER + 64));
        if (random.nextBoolean()) {
            b[0] = 1; // a plausible version, so the later header checks get exercised too
            if (random.nextBoolean() && b.length > 2) {
                b[2] = (byte) random.nextInt(3);
                b[1] = (byte) (random.nextBoolean() ? 0 : 2);
            }
        }
        return b;
    }

    private static byte[] deflate(byte[] input) {
        Deflater d = new Deflater();
        try {
            d.setInput(input);
            d.finish();
            byte[] out = new byte[input.length + input.length / 1000 + 64];
            int n = 0;
            while (!d.finished()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                n += d.deflate(out, n, out.length - n);
            }
            return Arrays.copyOf(out, n);
        } finally {
            d.end();
        }
    }
}
