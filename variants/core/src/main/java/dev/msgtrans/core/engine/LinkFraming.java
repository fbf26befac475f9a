package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.codec.PacketCodec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * How one link carries msgtrans 1.0 frames on its byte stream, chosen per session: {@link RawFraming} writes them as
 * they are (TCP, memory), {@link WebSocketFraming} puts each in a WebSocket message after an HTTP upgrade. The engine
 * keeps everything else (outbound queue, byte budget, batching, actors) as the variant gives it; only the bytes
 * around each frame, and the link's own control traffic (handshake, ping/pong, close), differ.
 *
 * <pre>
 *   sender:  frame = framing.frame(codec, packet)       // the bytes the budget counts and the queue holds
 *   reader:  framing.receive(bytes, packets)            // true: the peer ended the link (a close message)
 *   loop:    while ((c = framing.nextControl()) != null) write(c)   // before any queued frame
 *            if (!framing.holdsData()) write(queued frames)
 *   closing: write(framing.farewell(reason)); shut output
 * </pre>
 * <p>
 * Threading contract: {@link #frame}, {@link #wrap}, {@link #overhead} and {@link #shareKey} from any thread (they
 * keep no state); everything else on the thread that reads the link, which for a socket is also the one that writes
 * it (its {@link NioLoop}).
 */
interface LinkFraming {

    /** Any thread: the bytes to queue for {@code p}, its msgtrans frame with this link's header. */
    ByteBuffer frame(PacketCodec codec, Packet p);

    /** Any thread: the bytes to queue for an encoded msgtrans frame (a new buffer, or {@code frame} itself). */
    ByteBuffer wrap(ByteBuffer frame);

    /** Any thread: the bytes this framing adds to a msgtrans frame of {@code frameLength} bytes. */
    int overhead(int frameLength);

    /**
     * Any thread: sessions whose framings return the same non-null key get the same bytes from {@link #wrap}, so a
     * broadcast may share one buffer between them; {@code null} if every call makes different bytes (a masked
     * client frame).
     */
    Object shareKey();

    /**
     * Reading thread: consumes every byte of {@code in}, passing each msgtrans packet to {@code out} in order.
     *
     * @return {@code true} if the peer ended the link at a message boundary (the bytes after it are ignored)
     * @throws IOException a {@link dev.msgtrans.core.codec.CodecException} for a bad msgtrans frame, a
     *                     {@link LinkException} for a bad link frame or handshake; either poisons the framing
     */
    boolean receive(ByteBuffer in, Consumer<Packet> out) throws IOException;

    /** Reading thread: bytes of an incomplete frame or message are buffered. */
    boolean hasPartialFrame();

    /** Reading thread: how many. */
    int bufferedBytes();

    /**
     * Loop thread: the next control bytes to write before any queued frame (handshake, pong), or {@code null}. The
     * byte budget does not count them: they are owed to the peer, not queued by a sender.
     */
    ByteBuffer nextControl();

    /** Loop thread, after a read: control bytes were queued or data was released, so the session needs a flush. */
    boolean takeFlushRequest();

    /** Loop thread: queued frames must wait (the handshake has not completed). */
    boolean holdsData();

    /** Loop thread: queued frames can never be written (the handshake failed): they are discarded. */
    boolean discardsData();

    /** Loop thread, as a graceful close shuts the output: the bytes to write first (a close message), or null. */
    ByteBuffer farewell(CloseReason reason);

    /** Loop thread, before {@link #farewell}: whether a graceful close must write one even when the peer has ended. */
    boolean owesFarewell();

    /** Any thread, once, as the session's link is released. */
    void linkClosed();
}
