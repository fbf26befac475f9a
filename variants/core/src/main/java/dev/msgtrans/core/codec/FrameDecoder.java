package dev.msgtrans.core.codec;

import dev.msgtrans.core.Packet;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Consumer;

import static dev.msgtrans.core.codec.PacketCodec.HEADER_SIZE;

/**
 * Turns one connection's byte stream into packets: frames may arrive split at any byte (inside the header too) and
 * several may arrive in one read; every complete frame comes out, in order, and no byte is lost or skipped.
 * <p>
 * Threading contract: one decoder per connection, confined to the thread that reads that connection (its I/O
 * loop). It is deliberately unsynchronised: the read loop is the only thread that ever needs it, and a persistent
 * per-connection decoder is what keeps coalesced and split frames intact across reads.
 * <p>
 * Structure, and why:
 * <ul>
 *   <li>Zero-copy fast path: a frame that lies whole in the caller's buffer is decoded straight from it; the only
 *       copies are into the packet's own arrays (or the inflater's output).</li>
 *   <li>Only the bytes of an incomplete frame are copied, into an accumulation buffer that starts at 256 bytes
 *       and grows geometrically as bytes actually arrive, never past the frame's declared length, hence never past
 *       {@link CodecLimits#maxFrameLength()}: a peer that announces a 1 MiB frame and then stalls holds its 256-byte
 *       start, not 1 MiB.</li>
 *   <li>The header is validated the moment its 16 bytes are known, before any body byte is buffered, so an
 *       oversized or malformed frame is rejected without holding its body.</li>
 *   <li>After a frame larger than 64 KiB completes, the accumulation buffer goes back to its initial size, so idle
 *       connections do not each pin a maximum-size buffer.</li>
 *   <li>A {@link CodecException} poisons the decoder: the stream has no resynchronisation marker, so every later
 *       call rethrows the same exception instead of decoding garbage.</li>
 * </ul>
 */
public final class FrameDecoder {

    static final int INITIAL_CAPACITY = 256;
    static final int RETAINED_CAPACITY = 64 * 1024;

    private final CodecLimits limits;
    /** Bytes of the current incomplete frame, in write mode: position = bytes buffered, frame starts at index 0. */
    private ByteBuffer partial = ByteBuffer.allocate(INITIAL_CAPACITY);
    /** Length of the buffered frame once its header is known and accepted; -1 while fewer than 16 bytes are. */
    private int partialFrameLength = -1;
    private CodecException failure;

    /** A decoder at a frame boundary, enforcing {@code limits}. */
    public FrameDecoder(CodecLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Consumes every remaining byte of {@code in} (its position ends at its limit) and passes each complete packet
     * to {@code out}, in stream order; the bytes of a trailing incomplete frame are kept for the next call.
     * <p>
     * {@code in} may be a heap or direct buffer of any byte order; only its position moves. If {@code out} throws,
     * the exception propagates: the packet it was given counts as delivered, {@code in}'s position is just after
     * that packet's bytes, and the decoder stays usable (call again with the rest).
     *
     * @throws CodecException on the first frame that breaks the format or the limits, and again on every later call
     *                        (the same instance); {@code in}'s position is then unspecified
     */
    public void decode(ByteBuffer in, Consumer<Packet> out) throws CodecException {
        Objects.requireNonNull(out, "out");
        if (failure != null) {
            throw failure;
        }
        try {
            if (partial.position() > 0 && !completePartial(in, out)) {
                return;
            }
            while (in.hasRemaining()) {
                int at = in.position();
                int available = in.remaining();
                if (available < HEADER_SIZE) {
                    append(in, available);
                    return;
                }
                int length = WireFormat.frameLength(in, at, limits);
                if (available < length) {
                    partialFrameLength = length;
                    append(in, available);
                    return;
                }
                Packet packet = WireFormat.readPacket(in, at, limits);
                in.position(at + length); // before out: a throwing consumer must not see this frame twice
                out.accept(packet);
            }
        } catch (CodecException e) {
            failure = e;
            throw e;
        }
    }

    /** True when bytes of an incomplete frame are buffered; false exactly at frame boundaries. */
    public boolean hasPartialFrame() {
        return partial.position() > 0;
    }

    /** Bytes of the incomplete frame buffered now. */
    public int bufferedBytes() {
        return partial.position();
    }

    /** Capacity of the accumulation buffer, for tests of its bounds. */
    int bufferCapacity() {
        return partial.capacity();
    }

    /**
     * Feeds {@code in} to the buffered frame; delivers it if it completes.
     *
     * @return true if the frame completed (and was delivered), false if {@code in} ran out first
     */
    private boolean completePartial(ByteBuffer in, Consumer<Packet> out) throws CodecException {
        if (partialFrameLength < 0) {
            append(in, Math.min(HEADER_SIZE - partial.position(), in.remaining()));
            if (partial.position() < HEADER_SIZE) {
                return false;
            }
            partialFrameLength = WireFormat.frameLength(partial, 0, limits);
        }
        append(in, Math.min(partialFrameLength - partial.position(), in.remaining()));
        if (partial.position() < partialFrameLength) {
            return false;
        }
        Packet packet = WireFormat.readPacket(partial, 0, limits);
        resetPartial(); // before out, as in decode
        out.accept(packet);
        return true;
    }

    /** Moves {@code n} bytes from {@code in} to the end of the accumulation buffer, growing it if needed. */
    private void append(ByteBuffer in, int n) {
        int needed = partial.position() + n;
        if (needed > partial.capacity()) {
            // While the header is incomplete needed <= 16 <= INITIAL_CAPACITY, so the frame length is known here.
            int grown = (int) Math.min(2L * partial.capacity(), partialFrameLength);
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, grown));
            bigger.put(partial.flip());
            partial = bigger;
        }
        partial.put(partial.position(), in, in.position(), n);
        partial.position(partial.position() + n);
        in.position(in.position() + n);
    }

    private void resetPartial() {
        partialFrameLength = -1;
        if (partial.capacity() > RETAINED_CAPACITY) {
            partial = ByteBuffer.allocate(INITIAL_CAPACITY);
        } else {
            partial.clear();
        }
    }
}
