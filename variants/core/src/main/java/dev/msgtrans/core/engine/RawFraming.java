package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.codec.CodecException;
import dev.msgtrans.core.codec.FrameDecoder;
import dev.msgtrans.core.codec.PacketCodec;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * msgtrans 1.0 frames as they are, back to back on the stream (TCP, memory): the frame is the whole link protocol,
 * so every link hook is a no-op. Threading contract: as {@link LinkFraming}; {@link #decoder} is the reading thread's.
 */
final class RawFraming implements LinkFraming {

    /** The one key every raw framing shares: a broadcast's encoded frame serves every raw session. */
    private static final Object SHARE = new Object();

    private final FrameDecoder decoder;

    RawFraming(FrameDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public ByteBuffer frame(PacketCodec codec, Packet p) {
        return codec.encode(p);
    }

    @Override
    public ByteBuffer wrap(ByteBuffer frame) {
        return frame;
    }

    @Override
    public int overhead(int frameLength) {
        return 0;
    }

    @Override
    public Object shareKey() {
        return SHARE;
    }

    @Override
    public boolean receive(ByteBuffer in, Consumer<Packet> out) throws CodecException {
        decoder.decode(in, out);
        return false;
    }

    @Override
    public boolean hasPartialFrame() {
        return decoder.hasPartialFrame();
    }

    @Override
    public int bufferedBytes() {
        return decoder.bufferedBytes();
    }

    @Override
    public ByteBuffer nextControl() {
        return null;
    }

    @Override
    public boolean takeFlushRequest() {
        return false;
    }

    @Override
    public boolean holdsData() {
        return false;
    }

    @Override
    public boolean discardsData() {
        return false;
    }

    @Override
    public ByteBuffer farewell(CloseReason reason) {
        return null;
    }

    @Override
    public boolean owesFarewell() {
        return false;
    }

    @Override
    public void linkClosed() {
    }
}
