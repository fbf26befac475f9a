package dev.msgtrans.core.codec;

import dev.msgtrans.core.Compression;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Test helpers: hex literals, byte extraction and a seeded generator of varied packets. */
final class Frames {

    private Frames() {
    }

    /** Bytes from hex digits; spaces are ignored so vectors can be grouped by field. */
    static byte[] hex(String digits) {
        String s = digits.replace(" ", "");
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** The remaining bytes of {@code b}, without moving its position. */
    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A 16-byte header with arbitrary (possibly invalid) field values. */
    static byte[] header(int version, int compression, int type, int biz, int messageId, int extLen, long payloadLen,
                         int flags) {
        return ByteBuffer.allocate(PacketCodec.HEADER_SIZE)
                .put((byte) version).put((byte) compression).put((byte) type).put((byte) biz)
                .putInt(messageId).putShort((short) extLen).putInt((int) payloadLen).putShort((short) flags)
                .array();
    }

    /**
     * {@code count} packets covering every type, both supported compressions, empty and non-empty ext headers and
     * payloads, and all flag bits, drawn from {@code random}.
     */
    static List<Packet> randomPackets(Random random, int count, int maxPayload) {
        PacketType[] types = PacketType.values();
        List<Packet> packets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PacketType type = types[random.nextInt(types.length)];
            Compression compression = random.nextInt(4) == 0 ? Compression.ZLIB : Compression.NONE;
            byte[] ext = new byte[random.nextInt(3) == 0 ? 0 : random.nextInt(24)];
            random.nextBytes(ext);
            byte[] payload = new byte[random.nextInt(5) == 0 ? 0 : random.nextInt(maxPayload + 1)];
            if (compression == Compression.ZLIB) {
                Arrays.fill(payload, (byte) ('a' + random.nextInt(26))); // compressible, so it stays in the limit
            } else {
                random.nextBytes(payload);
            }
            packets.add(new Packet(type, compression, random.nextInt(256), random.nextInt(), random.nextInt(0x10000),
                    ext, payload));
        }
        return packets;
    }
}
