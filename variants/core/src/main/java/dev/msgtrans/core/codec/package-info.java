/**
 * The msgtrans 1.0 wire codec: {@link dev.msgtrans.core.codec.PacketCodec} turns packets into frames (a stateless,
 * thread-safe encoder) and {@link dev.msgtrans.core.codec.FrameDecoder} turns a connection's byte stream back into
 * packets (one per connection, on its I/O thread), rejecting bad frames with a
 * {@link dev.msgtrans.core.codec.CodecException} that names the cause before buffering them.
 */
package dev.msgtrans.core.codec;
