package dev.msgtrans.core.codec;

import dev.msgtrans.core.Compression;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.Deflater;

import static dev.msgtrans.core.codec.CodecException.Reason;
import static dev.msgtrans.core.codec.Frames.bytes;
import static dev.msgtrans.core.codec.Frames.concat;
import static dev.msgtrans.core.codec.Frames.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameDecoderTest {

    /** Small limits so that boundary frames and byte-at-a-time feeding stay cheap. */
    private static final CodecLimits SMALL = new CodecLimits(3000, 64);
    private static final int ZSTD = 1;
    private static final int ZLIB = 2;

    private final PacketCodec bigCodec = new PacketCodec(CodecLimits.DEFAULT);

    // ---------------------------------------------------------------- streaming

    /** 300 varied packets, their concatenated frames, and the stream offsets where each frame ends. */
    private static final class Stream300 {
        final List<Packet> packets = Frames.randomPackets(new Random(42), 300, 3000);
        final byte[] stream;
        final Set<Integer> frameEnds = new HashSet<>();

        Stream300() {
            PacketCodec codec = new PacketCodec(SMALL);
            List<byte[]> frames = new ArrayList<>();
            int end = 0;
            for (Packet p : packets) {
                byte[] frame = bytes(codec.encode(p));
                frames.add(frame);
                end += frame.length;
                frameEnds.add(end);
            }
            stream = concat(frames.toArray(new byte[0][]));
        }
    }

    private final Stream300 s = new Stream300();

    @Test
    void wholeStreamInOneBufferComesOutInOrderWithoutTouchingTheAccumulationBuffer() throws CodecException {
        FrameDecoder decoder = new FrameDecoder(SMALL);
        List<Packet> out = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(s.stream);
        decoder.decode(in, out::add);
        assertEquals(s.packets, out);
        assertEquals(0, in.remaining());
        assertFalse(decoder.hasPartialFrame());
        assertEquals(0, decoder.bufferedBytes());
        assertEquals(FrameDecoder.INITIAL_CAPACITY, decoder.bufferCapacity()); // every frame read in place
    }

    @Test
    void oneByteAtATimeReassemblesEveryFrameAndReportsPartialFramesExactly() throws CodecException {
        FrameDecoder decoder = new FrameDecoder(SMALL);
        List<Packet> out = new ArrayList<>();
        int lastEnd = 0;
        for (int i = 0; i < s.stream.length; i++) {
            ByteBuffer in = ByteBuffer.wrap(s.stream, i, 1); // position i: the decoder must honour it
            decoder.decode(in, out::add);
            assertEquals(0, in.remaining());
            int consumed = i + 1;
            boolean boundary = s.frameEnds.contains(consumed);
            if (boundary) {
                lastEnd = consumed;
            }
            assertEquals(!boundary, decoder.hasPartialFrame(), "after byte " + consumed);
            assertEquals(consumed - lastEnd, decoder.bufferedBytes(), "after byte " + consumed);
            assertTrue(decoder.bufferCapacity() <= SMALL.maxFrameLength());
        }
        assertEquals(s.packets, out);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 0xC0DEC})
    void randomChunksHeapAndDirectGiveTheSamePackets(long seed) throws CodecException {
        Random random = new Random(seed);
        FrameDecoder decoder = new FrameDecoder(SMALL);
        List<Packet> out = new ArrayList<>();
        int at = 0;
        while (at < s.stream.length) {
            // Mostly smaller than a frame, sometimes several frames, sometimes empty.
            int n = Math.min(s.stream.length - at, random.nextInt(10) == 0 ? random.nextInt(12_000) : random.nextInt(700));
            ByteBuffer in;
            if (random.nextBoolean()) {
                in = ByteBuffer.allocateDirect(n + 3).position(3); // non-zero position in a direct buffer
                in.put(s.stream, at, n).flip().position(3);
            } else {
                in = ByteBuffer.wrap(s.stream, at, n);
            }
            decoder.decode(in, out::add);
            assertEquals(0, in.remaining());
            at += n;
            assertEquals(!s.frameEnds.contains(at), decoder.hasPartialFrame(), "at " + at);
        }
        assertEquals(s.packets, out);
    }

    @Test
    void headerOnlyFrameSplitInsideTheHeaderComesOutOnItsLastByte() throws CodecException {
        Packet empty = new Packet(PacketType.REQUEST, Compression.NONE, 3, 77, 0, null, null);
        byte[] frame = bytes(bigCodec.encode(empty));
        assertEquals(16, frame.length);
        FrameDecoder decoder = new FrameDecoder(CodecLimits.DEFAULT);
        List<Packet> out = new ArrayList<>();
        decoder.decode(ByteBuffer.wrap(frame, 0, 7), out::add);
        decoder.decode(ByteBuffer.wrap(frame, 7, 8), out::add);
        assertTrue(out.isEmpty());
        assertTrue(decoder.hasPartialFrame());
        decoder.decode(ByteBuffer.wrap(frame, 15, 1), out::add);
        assertEquals(List.of(empty), out);
        assertFalse(decoder.hasPartialFrame());
    }

    @Test
    void aFrameCompletedFromTheBufferIsFollowedByWholeFramesReadInPlace() throws CodecException {
        byte[] two = concat(bytes(bigCodec.encode(s.packets.get(0))), bytes(bigCodec.encode(s.packets.get(1))),
                bytes(bigCodec.encode(s.packets.get(2))));
        FrameDecoder decoder = new FrameDecoder(CodecLimits.DEFAULT);
        List<Packet> out = new ArrayList<>();
        decoder.decode(ByteBuffer.wrap(two, 0, 5), out::add);
        decoder.decode(ByteBuffer.wrap(two, 5, two.length - 5), out::add);
        assertEquals(s.packets.subList(0, 3), out);
        assertFalse(decoder.hasPartialFrame());
    }

    // ---------------------------------------------------------------- memory bounds

    @Test
    void anAnnouncedMaximumFrameCostsOnlyTheBytesThatArrived() throws CodecException {
        FrameDecoder decoder = new FrameDecoder(CodecLimits.DEFAULT);
        byte[] start = concat(header(1, 0, 0, 0, 0, 0, 1 << 20, 0), new byte[10]);
        decoder.decode(ByteBuffer.wrap(start), p -> { });
        assertEquals(26, decoder.bufferedBytes());
        assertEquals(FrameDecoder.INITIAL_CAPACITY, decoder.bufferCapacity());
    }

    @Test
    void theAccumulationBufferNeverExceedsTheLargestFrameAndShrinksAfterABigOne() throws CodecException {
        CodecLimits limits = new CodecLimits(100_000, 100);
        Packet max = new Packet(PacketType.ONE_WAY, Compression.NONE, 1, 1, 0, new byte[100], new byte[100_000]);
        byte[] frame = bytes(new PacketCodec(limits).encode(max));
        FrameDecoder decoder = new FrameDecoder(limits);
        List<Packet> out = new ArrayList<>();
        int maxCapacity = 0;
        for (int at = 0; at < frame.length; at += 997) {
            decoder.decode(ByteBuffer.wrap(frame, at, Math.min(997, frame.length - at)), out::add);
            maxCapacity = Math.max(maxCapacity, decoder.bufferCapacity());
        }
        assertEquals(List.of(max), out);
        assertEquals(limits.maxFrameLength(), maxCapacity); // grew to the frame, and not one byte further
        assertEquals(FrameDecoder.INITIAL_CAPACITY, decoder.bufferCapacity()); // > RETAINED_CAPACITY: released
    }

    // ---------------------------------------------------------------- limits

    @Test
    void extHeaderAndPayloadExactlyAtTheLimitsPass() throws CodecException {
        Packet atLimits = new Packet(PacketType.REQUEST, Compression.NONE, 1, 1, 0, new byte[64], new byte[3000]);
        List<Packet> out = new ArrayList<>();
        new FrameDecoder(SMALL).decode(bigCodec.encode(atLimits), out::add);
        assertEquals(List.of(atLimits), out);
    }

    @Test
    void extHeaderOneOverTheLimitIsRejected() {
        Packet over = new Packet(PacketType.REQUEST, Compression.NONE, 1, 1, 0, new byte[65], new byte[3000]);
        CodecException e = decodeFails(SMALL, bytes(bigCodec.encode(over)));
        assertEquals(Reason.EXT_HEADER_TOO_LARGE, e.reason());
        assertEquals("extended header length 65 exceeds the limit of 64 bytes", e.getMessage());
    }

    @Test
    void payloadOneOverTheLimitIsRejected() {
        Packet over = new Packet(PacketType.REQUEST, Compression.NONE, 1, 1, 0, new byte[64], new byte[3001]);
        CodecException e = decodeFails(SMALL, bytes(bigCodec.encode(over)));
        assertEquals(Reason.PAYLOAD_TOO_LARGE, e.reason());
        assertEquals("payload length 3001 exceeds the limit of 3000 bytes", e.getMessage());
    }

    @Test
    void anOversizedHeaderIsRejectedAsSoonAsItsSixteenBytesAreKnownWithoutBufferingTheBody() throws CodecException {
        byte[] h = header(1, 0, 0, 0, 0, 0, 2_097_152, 0);
        FrameDecoder split = new FrameDecoder(CodecLimits.DEFAULT);
        split.decode(ByteBuffer.wrap(h, 0, 10), p -> { });
        assertEquals(10, split.bufferedBytes());
        CodecException e = assertThrows(CodecException.class, () -> split.decode(ByteBuffer.wrap(h, 10, 6), p -> { }));
        assertEquals("payload length 2097152 exceeds the limit of 1048576 bytes", e.getMessage());

        FrameDecoder whole = new FrameDecoder(CodecLimits.DEFAULT);
        byte[] headerAndSomeBody = concat(h, new byte[500]);
        assertThrows(CodecException.class, () -> whole.decode(ByteBuffer.wrap(headerAndSomeBody), p -> { }));
        assertEquals(0, whole.bufferedBytes()); // not one body byte kept
    }

    // ---------------------------------------------------------------- header errors

    static Stream<Arguments> badHeaders() {
        long huge = 0xFFFF_FFFFL;
        return Stream.of(
                Arguments.of(header(2, 0, 0, 0, 0, 0, 0, 0), Reason.BAD_VERSION,
                        "unsupported protocol version 2 (expected 1)"),
                Arguments.of(header(0, 0, 0, 0, 0, 0, 0, 0), Reason.BAD_VERSION,
                        "unsupported protocol version 0 (expected 1)"),
                // version is checked first: every other field is bad too
                Arguments.of(header(255, 9, 9, 0, 0, 65535, huge, 0), Reason.BAD_VERSION,
                        "unsupported protocol version 255 (expected 1)"),
                Arguments.of(header(1, 0, 3, 0, 0, 0, 0, 0), Reason.UNKNOWN_PACKET_TYPE,
                        "unknown packet type 3 (expected 0 one-way, 1 request or 2 response)"),
                // packet type before compression
                Arguments.of(header(1, 9, 200, 0, 0, 65535, huge, 0), Reason.UNKNOWN_PACKET_TYPE,
                        "unknown packet type 200 (expected 0 one-way, 1 request or 2 response)"),
                Arguments.of(header(1, 3, 0, 0, 0, 0, 0, 0), Reason.UNKNOWN_COMPRESSION,
                        "unknown compression 3 (expected 0 none, 1 zstd or 2 zlib)"),
                // compression before the lengths
                Arguments.of(header(1, 255, 1, 0, 0, 65535, huge, 0), Reason.UNKNOWN_COMPRESSION,
                        "unknown compression 255 (expected 0 none, 1 zstd or 2 zlib)"),
                Arguments.of(header(1, ZSTD, 2, 0, 0, 65535, huge, 0), Reason.UNSUPPORTED_COMPRESSION,
                        "zstd compression (1) is not supported by this implementation; use none (0) or zlib (2)"),
                // ext header length before payload length
                Arguments.of(header(1, 0, 0, 0, 0, 65, huge, 0), Reason.EXT_HEADER_TOO_LARGE,
                        "extended header length 65 exceeds the limit of 64 bytes"),
                Arguments.of(header(1, 0, 0, 0, 0, 65535, 0, 0), Reason.EXT_HEADER_TOO_LARGE,
                        "extended header length 65535 exceeds the limit of 64 bytes"),
                // u32 lengths with the top bit set must not pass as negative ints
                Arguments.of(header(1, 0, 0, 0, 0, 0, huge, 0), Reason.PAYLOAD_TOO_LARGE,
                        "payload length 4294967295 exceeds the limit of 3000 bytes"),
                Arguments.of(header(1, ZLIB, 0, 0, 0, 0, 0x8000_0000L, 0), Reason.PAYLOAD_TOO_LARGE,
                        "payload length 2147483648 exceeds the limit of 3000 bytes"));
    }

    @ParameterizedTest
    @MethodSource("badHeaders")
    void everyHeaderErrorNamesTheValueAndTheExpectation(byte[] header, Reason reason, String message) {
        CodecException e = decodeFails(SMALL, header);
        assertEquals(reason, e.reason());
        assertEquals(message, e.getMessage());
    }

    // ---------------------------------------------------------------- zlib payload errors

    @Test
    void zlibPayloadExactlyAtTheLimitInflates() throws CodecException {
        byte[] frame = zlibFrame(deflate(new byte[3000]));
        List<Packet> out = new ArrayList<>();
        new FrameDecoder(SMALL).decode(ByteBuffer.wrap(frame), out::add);
        assertEquals(3000, out.get(0).payload().length);
    }

    @Test
    void zlibPayloadInflatingOneByteOverTheLimitIsRejected() {
        byte[] compressed = deflate(new byte[3001]);
        CodecException e = decodeFails(SMALL, zlibFrame(compressed));
        assertEquals(Reason.PAYLOAD_TOO_LARGE, e.reason());
        assertEquals("zlib payload of " + compressed.length + " bytes inflates to more than the limit of 3000 bytes",
                e.getMessage());
    }

    @Test
    void zipBombIsStoppedAtTheLimit() {
        byte[] compressed = deflate(new byte[16 << 20]); // 16 MiB of zeros in about 16 KiB
        assertTrue(compressed.length < 1 << 20);
        CodecException e = decodeFails(CodecLimits.DEFAULT, zlibFrame(compressed));
        assertEquals(Reason.PAYLOAD_TOO_LARGE, e.reason());
        assertEquals("zlib payload of " + compressed.length + " bytes inflates to more than the limit of 1048576 bytes",
                e.getMessage());
    }

    @Test
    void garbageInAZlibPayloadIsCorrupt() {
        byte[] garbage = "this is not zlib".getBytes(StandardCharsets.US_ASCII);
        CodecException e = decodeFails(SMALL, zlibFrame(garbage));
        assertEquals(Reason.CORRUPT_PAYLOAD, e.reason());
        assertTrue(e.getMessage().startsWith("zlib payload of 16 bytes is not a valid zlib stream ("), e.getMessage());
    }

    @Test
    void truncatedZlibPayloadIsCorrupt() {
        byte[] full = deflate("hello hello hello".getBytes(StandardCharsets.US_ASCII));
        byte[] truncated = Arrays.copyOf(full, full.length - 4); // drop the Adler-32 trailer
        CodecException e = decodeFails(SMALL, zlibFrame(truncated));
        assertEquals(Reason.CORRUPT_PAYLOAD, e.reason());
        assertEquals("zlib payload of " + truncated.length + " bytes is truncated (the zlib stream has no end)",
                e.getMessage());
    }

    @Test
    void bytesAfterTheZlibStreamAreCorrupt() {
        byte[] trailing = concat(deflate("hello".getBytes(StandardCharsets.US_ASCII)), new byte[] {1, 2});
        CodecException e = decodeFails(SMALL, zlibFrame(trailing));
        assertEquals(Reason.CORRUPT_PAYLOAD, e.reason());
        assertEquals("zlib payload of " + trailing.length + " bytes has 2 bytes after the end of its zlib stream",
                e.getMessage());
    }

    @Test
    void zlibPayloadNeedingAPresetDictionaryIsCorrupt() {
        Deflater deflater = new Deflater();
        deflater.setDictionary("dict".getBytes(StandardCharsets.US_ASCII));
        deflater.setInput("dictionary words".getBytes(StandardCharsets.US_ASCII));
        deflater.finish();
        byte[] buf = new byte[100];
        byte[] compressed = Arrays.copyOf(buf, deflater.deflate(buf));
        deflater.end();
        CodecException e = decodeFails(SMALL, zlibFrame(compressed));
        assertEquals(Reason.CORRUPT_PAYLOAD, e.reason());
        assertEquals("zlib payload of " + compressed.length
                + " bytes needs a preset dictionary, which msgtrans 1.0 does not define", e.getMessage());
    }

    // ---------------------------------------------------------------- failure and consumer contracts

    @Test
    void aPoisonedDecoderRethrowsTheSameErrorForever() throws CodecException {
        FrameDecoder decoder = new FrameDecoder(SMALL);
        List<Packet> out = new ArrayList<>();
        byte[] good = bytes(new PacketCodec(SMALL).encode(s.packets.get(0)));
        decoder.decode(ByteBuffer.wrap(good), out::add);
        CodecException first = assertThrows(CodecException.class,
                () -> decoder.decode(ByteBuffer.wrap(header(7, 0, 0, 0, 0, 0, 0, 0)), out::add));
        assertEquals(Reason.BAD_VERSION, first.reason());
        assertSame(first, assertThrows(CodecException.class, () -> decoder.decode(ByteBuffer.wrap(good), out::add)));
        assertSame(first, assertThrows(CodecException.class, () -> decoder.decode(ByteBuffer.allocate(0), out::add)));
        assertEquals(List.of(s.packets.get(0)), out); // nothing decoded after the error
    }

    @Test
    void aThrowingConsumerDoesNotLoseOrRepeatFrames() throws CodecException {
        PacketCodec codec = new PacketCodec(SMALL);
        byte[] stream = concat(bytes(codec.encode(s.packets.get(0))), bytes(codec.encode(s.packets.get(1))));
        FrameDecoder decoder = new FrameDecoder(SMALL);
        List<Packet> out = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(stream);
        assertThrows(IllegalStateException.class, () -> decoder.decode(in, p -> {
            out.add(p);
            throw new IllegalStateException("handler failed");
        }));
        assertEquals(stream.length - bytes(codec.encode(s.packets.get(1))).length, in.position());
        decoder.decode(in, out::add);
        assertEquals(s.packets.subList(0, 2), out);
    }

    // ---------------------------------------------------------------- helpers

    private static CodecException decodeFails(CodecLimits limits, byte[] stream) {
        FrameDecoder decoder = new FrameDecoder(limits);
        List<Packet> out = new ArrayList<>();
        CodecException e = assertThrows(CodecException.class, () -> decoder.decode(ByteBuffer.wrap(stream), out::add));
        assertTrue(out.isEmpty());
        return e;
    }

    private static byte[] zlibFrame(byte[] zlibStream) {
        return concat(header(1, ZLIB, 0, 5, 1, 0, zlibStream.length, 0), zlibStream);
    }

    private static byte[] deflate(byte[] input) {
        Deflater deflater = new Deflater();
        deflater.setInput(input);
        deflater.finish();
        byte[] buf = new byte[input.length + 64];
        int n = 0;
        while (!deflater.finished()) {
            n += deflater.deflate(buf, n, buf.length - n);
        }
        deflater.end();
        return Arrays.copyOf(buf, n);
    }
}
