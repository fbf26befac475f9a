package dev.msgtrans.harness.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.util.List;

/**
 * Splits a byte stream into msgtrans 1.0 frames (16-byte header, then {@code ext_header_len} bytes at offset 8 and
 * {@code payload_len} bytes at offset 10), emitting each whole frame as a retained slice. Netty's
 * {@code LengthFieldBasedFrameDecoder} reads one length field; the frame length here is the sum of two, hence
 * this small decoder. Limits are the original's (payload 1 MiB, extended header 64 KiB); a larger frame fails
 * the channel, as the msgtrans engine closes that connection.
 * <p>
 * Threading: one instance per channel, called on its event loop only (Netty's contract for
 * {@link ByteToMessageDecoder}).
 */
final class MsgtransFrameDecoder extends ByteToMessageDecoder {

    static final int HEADER_BYTES = 16;
    static final int MAX_PAYLOAD = 1 << 20;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws TooLongFrameException {
        while (in.readableBytes() >= HEADER_BYTES) {
            int start = in.readerIndex();
            int ext = in.getUnsignedShort(start + 8);
            long payload = in.getUnsignedInt(start + 10);
            if (payload > MAX_PAYLOAD) {
                throw new TooLongFrameException("payload of " + payload + " bytes exceeds " + MAX_PAYLOAD);
            }
            int total = HEADER_BYTES + ext + (int) payload;
            if (in.readableBytes() < total) {
                return;
            }
            out.add(in.readRetainedSlice(total));
        }
    }
}
