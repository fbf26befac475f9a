package dev.msgtrans.core.codec;

import dev.msgtrans.core.Compression;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Inflater;

import static dev.msgtrans.core.codec.Frames.bytes;
import static dev.msgtrans.core.codec.Frames.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketCodecTest {

    private static final byte[] AB = "ab".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    private final PacketCodec codec = new PacketCodec(CodecLimits.DEFAULT);

    /** One-way, biz 7, id 0x01020304, flags 0x0002, ext "ab", payload "hello", computed by hand from the spec. */
    private static final byte[] ONE_WAY_VECTOR = hex(""
            + "01"            // 0  version 1
            + "00"            // 1  compression 0 = none
            + "00"            // 2  packet type 0 = one-way
            + "07"            // 3  biz_type 7
            + "01 02 03 04"   // 4  message_id 0x01020304, big-endian
            + "00 02"         // 8  ext_header_len 2
            + "00 00 00 05"   // 10 payload_len 5
            + "00 02"         // 14 flags 0x0002 = high priority
            + "61 62"         // 16 ext header "ab"
            + "68 65 6c 6c 6f"); // 18 payload "hello"

    private static final Packet ONE_WAY_PACKET =
            new Packet(PacketType.ONE_WAY, Compression.NONE, 7, 0x01020304, Packet.FLAG_HIGH_PRIORITY, AB, HELLO);

    @Test
    void encodesTheOneWayVectorByteForByte() {
        assertEquals(23, ONE_WAY_VECTOR.length);
        ByteBuffer frame = codec.encode(ONE_WAY_PACKET);
        assertEquals(0, frame.position());
        assertEquals(23, frame.limit());
        assertEquals(23, frame.capacity());
        assertArrayEquals(ONE_WAY_VECTOR, bytes(frame));
        assertEquals(23, codec.encodedLength(ONE_WAY_PACKET));
    }

    @Test
    void decodesTheOneWayVector() throws CodecException {
        ByteBuffer in = ByteBuffer.wrap(ONE_WAY_VECTOR);
        assertEquals(ONE_WAY_PACKET, codec.decode(in));
        assertEquals(23, in.position());
    }

    @Test
    void unsignedFieldsAtTheirMaximumsSurviveAsTheSameBits() throws CodecException {
        Packet p = new Packet(PacketType.RESPONSE, Compression.NONE, 255, 0xFFFFFFFF, 0xFFFF, null, null);
        byte[] expected = hex(""
                + "01"            // version 1
                + "00"            // compression none
                + "02"            // packet type 2 = response
                + "ff"            // biz_type 255
                + "ff ff ff ff"   // message_id 4294967295
                + "00 00"         // no ext header
                + "00 00 00 00"   // empty payload
                + "ff ff");       // every flag bit
        assertArrayEquals(expected, bytes(codec.encode(p)));
        assertEquals(p, codec.decode(ByteBuffer.wrap(expected)));
    }

    @Test
    void requestVector() throws CodecException {
        Packet p = new Packet(PacketType.REQUEST, Compression.NONE, 0x2a, 0x00000100, Packet.FLAG_FRAGMENTED
                | Packet.FLAG_ROUTE_TAG, null, new byte[] {(byte) 0xca, (byte) 0xfe});
        byte[] expected = hex(""
                + "01"            // version 1
                + "00"            // compression none
                + "01"            // packet type 1 = request
                + "2a"            // biz_type 42
                + "00 00 01 00"   // message_id 256
                + "00 00"         // no ext header
                + "00 00 00 02"   // payload_len 2
                + "00 05"         // flags fragmented | route tag
                + "ca fe");       // payload
        assertArrayEquals(expected, bytes(codec.encode(p)));
        assertEquals(p, codec.decode(ByteBuffer.wrap(expected)));
    }

    static Stream<Arguments> typesCompressionsAndFlags() {
        int[] flagSets = {0, Packet.FLAG_FRAGMENTED, Packet.FLAG_HIGH_PRIORITY, Packet.FLAG_ROUTE_TAG,
                Packet.FLAG_FRAGMENTED | Packet.FLAG_HIGH_PRIORITY | Packet.FLAG_ROUTE_TAG, 0x8000, 0xFFFF};
        Stream.Builder<Arguments> args = Stream.builder();
        for (PacketType type : PacketType.values()) {
            for (Compression compression : new Compression[] {Compression.NONE, Compression.ZLIB}) {
                for (int flags : flagSets) {
                    args.add(Arguments.of(type, compression, flags));
                }
            }
        }
        return args.build();
    }

    @ParameterizedTest
    @MethodSource("typesCompressionsAndFlags")
    void roundTripsEveryTypeCompressionAndFlag(PacketType type, Compression compression, int flags)
            throws CodecException {
        byte[] payload = "payload payload payload payload".getBytes(StandardCharsets.US_ASCII);
        Packet p = new Packet(type, compression, 200, -7, flags, AB, payload);
        ByteBuffer frame = codec.encode(p);
        assertEquals(codec.encodedLength(p), frame.remaining());
        Packet decoded = codec.decode(frame);
        assertEquals(p, decoded);
        assertEquals(flags, decoded.flags());
        assertEquals(0, frame.remaining());
    }

    @Test
    void encodeToWritesAtThePositionOfABufferInAnyByteOrder() throws CodecException {
        ByteBuffer dst = ByteBuffer.allocateDirect(64).order(ByteOrder.LITTLE_ENDIAN);
        dst.position(5);
        codec.encodeTo(ONE_WAY_PACKET, dst);
        assertEquals(28, dst.position());
        dst.flip().position(5);
        assertArrayEquals(ONE_WAY_VECTOR, bytes(dst));
        assertEquals(ONE_WAY_PACKET, codec.decode(dst));
    }

    @Test
    void encodeToOverflowLeavesTheDestinationUntouched() {
        ByteBuffer dst = ByteBuffer.allocate(30);
        dst.position(8); // 22 bytes left, the frame needs 23
        assertThrows(BufferOverflowException.class, () -> codec.encodeTo(ONE_WAY_PACKET, dst));
        assertEquals(8, dst.position());
        assertEquals(30, dst.limit());
        assertArrayEquals(new byte[30], dst.array());
        dst.position(7); // exactly 23 left
        codec.encodeTo(ONE_WAY_PACKET, dst);
        assertEquals(30, dst.position());
    }

    @Test
    void zlibFrameCheckedByHandAndInflatedWithJavaUtilZip() throws Exception {
        byte[] payload = "abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc".getBytes(StandardCharsets.US_ASCII);
        Packet p = new Packet(PacketType.REQUEST, Compression.ZLIB, 9, 0x0A0B0C0D, 0, AB, payload);
        byte[] frame = bytes(codec.encode(p));

        assertArrayEquals(hex("01 02 01 09 0a0b0c0d 0002"), Arrays.copyOfRange(frame, 0, 10)); // ver, zlib, request
        int wireLength = ByteBuffer.wrap(frame, 10, 4).getInt();
        assertEquals(frame.length - 16 - 2, wireLength);
        assertTrue(wireLength < payload.length, "a repetitive payload must shrink, was " + wireLength);
        assertArrayEquals(hex("0000"), Arrays.copyOfRange(frame, 14, 16)); // flags
        assertArrayEquals(AB, Arrays.copyOfRange(frame, 16, 18));
        // RFC 1950 header: CM 8 (deflate) in the low nibble of CMF, and CMF*256+FLG divisible by 31.
        int cmf = frame[18] & 0xFF;
        int flg = frame[19] & 0xFF;
        assertEquals(8, cmf & 0x0F);
        assertEquals(0, (cmf * 256 + flg) % 31);

        Inflater inflater = new Inflater();
        inflater.setInput(frame, 18, wireLength);
        byte[] inflated = new byte[payload.length + 10];
        int n = inflater.inflate(inflated);
        assertTrue(inflater.finished());
        assertEquals(0, inflater.getRemaining());
        inflater.end();
        assertArrayEquals(payload, Arrays.copyOf(inflated, n));

        assertEquals(p, codec.decode(ByteBuffer.wrap(frame)));
    }

    @Test
    void decodesAHandWrittenZlibStreamWithAStoredBlock() throws CodecException {
        byte[] frame = hex(""
                + "01 02 00 09"   // version 1, zlib, one-way, biz 9
                + "00 00 00 2a"   // message_id 42
                + "00 00"         // no ext header
                + "00 00 00 10"   // payload_len 16: the zlib stream below
                + "00 00"         // flags
                + "78 01"         // zlib CMF/FLG: deflate, 32 KiB window, fastest; 0x7801 % 31 == 0
                + "01"            // final block, type 00 = stored
                + "05 00 fa ff"   // LEN 5, NLEN ~5 (little-endian, as deflate says)
                + "68 65 6c 6c 6f" // "hello"
                + "06 2c 02 15"); // Adler-32 of "hello": b=1580=0x062c, a=533=0x0215
        Packet p = codec.decode(ByteBuffer.wrap(frame));
        assertEquals(new Packet(PacketType.ONE_WAY, Compression.ZLIB, 9, 42, 0, null, HELLO), p);
    }

    @Test
    void emptyPayloadRoundTripsCompressedAndNot() throws CodecException {
        for (Compression c : new Compression[] {Compression.NONE, Compression.ZLIB}) {
            Packet p = new Packet(PacketType.ONE_WAY, c, 1, 1, 0, null, null);
            assertEquals(p, codec.decode(codec.encode(p)));
        }
        assertEquals(16, codec.encodedLength(Packet.oneWay(1, null)));
    }

    @Test
    void extHeaderExactlyAtTheLimitPassesAndOneMoreIsRejected() throws CodecException {
        PacketCodec small = new PacketCodec(new CodecLimits(100, 10));
        Packet atLimit = ONE_WAY_PACKET.withExtHeader(new byte[10]);
        assertEquals(atLimit, small.decode(small.encode(atLimit)));

        Packet over = ONE_WAY_PACKET.withExtHeader(new byte[11]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small.encode(over));
        assertEquals("extended header of 11 bytes exceeds the limit of 10 bytes", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> small.encodeTo(over, ByteBuffer.allocate(100)));
        assertThrows(IllegalArgumentException.class, () -> small.encodedLength(over));
    }

    @Test
    void payloadExactlyAtTheLimitPassesAndOneMoreIsRejected() throws CodecException {
        PacketCodec small = new PacketCodec(new CodecLimits(100, 10));
        for (Compression c : new Compression[] {Compression.NONE, Compression.ZLIB}) {
            Packet atLimit = new Packet(PacketType.REQUEST, c, 1, 1, 0, null, new byte[100]);
            assertEquals(atLimit, small.decode(small.encode(atLimit)));

            Packet overPayload = new Packet(PacketType.REQUEST, c, 1, 1, 0, null, new byte[101]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small.encode(overPayload));
            assertEquals("payload of 101 bytes exceeds the limit of 100 bytes", e.getMessage());
        }
    }

    @Test
    void defaultLimitsAcceptTheOriginalsMaximumFrame() throws CodecException {
        Packet max = new Packet(PacketType.ONE_WAY, Compression.NONE, 1, 1, 0, new byte[65535], new byte[1 << 20]);
        ByteBuffer frame = codec.encode(max);
        assertEquals(16 + 65535 + (1 << 20), frame.remaining());
        assertEquals(max, codec.decode(frame));
    }

    @Test
    void incompressiblePayloadThatGrowsPastTheLimitIsRejectedOnEncode() {
        PacketCodec small = new PacketCodec(new CodecLimits(1000, 0));
        byte[] noise = new byte[1000];
        new Random(1).nextBytes(noise);
        Packet p = new Packet(PacketType.ONE_WAY, Compression.ZLIB, 1, 1, 0, null, noise);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small.encode(p));
        assertTrue(e.getMessage().matches("zlib-compressed payload of 10\\d\\d bytes \\(from 1000\\) exceeds the limit"
                + " of 1000 bytes; send it uncompressed"), e.getMessage());
    }

    @Test
    void zstdIsRejectedOnEncodeWithTheSupportedAlternatives() {
        Packet p = ONE_WAY_PACKET.withCompression(Compression.ZSTD);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.encode(p));
        assertEquals("zstd compression (1) is not supported by this implementation; use none (0) or zlib (2)",
                e.getMessage());
    }

    @Test
    void decodeOfAnIncompleteFrameUnderflowsWithoutMoving() throws CodecException {
        ByteBuffer shortHeader = ByteBuffer.wrap(ONE_WAY_VECTOR, 0, 15);
        assertThrows(BufferUnderflowException.class, () -> codec.decode(shortHeader));
        assertEquals(0, shortHeader.position());
        ByteBuffer shortBody = ByteBuffer.wrap(ONE_WAY_VECTOR, 0, 22);
        assertThrows(BufferUnderflowException.class, () -> codec.decode(shortBody));
        assertEquals(0, shortBody.position());
        assertEquals(ONE_WAY_PACKET, codec.decode(ByteBuffer.wrap(ONE_WAY_VECTOR)));
    }
}
