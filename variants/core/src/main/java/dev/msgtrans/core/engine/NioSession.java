package dev.msgtrans.core.engine;

import dev.msgtrans.core.codec.FrameDecoder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.Function;

/**
 * A session over a non-blocking {@link SocketChannel}, registered with one {@link NioLoop}.
 * <p>
 * {@link #key} and the unwritten remainder of a partial gathering write are confined to the loop thread; the
 * channel itself may be closed from any thread (NIO allows it), after which the loop only skips the session.
 */
final class NioSession extends Session {

    final SocketChannel channel;

    /** Loop-confined: null until the loop registers the channel. */
    SelectionKey key;
    /** Loop-confined: frames of a partial write still to go, from {@link #pendingFrom}; null when none. */
    ByteBuffer[] pending;
    int pendingFrom;
    /**
     * Loop-confined: control bytes (a WebSocket handshake, pong) in the write in flight, and their buffers. They lead
     * every batch they are in, so the first bytes and buffers a write completes are theirs: not released from the
     * byte budget (no sender reserved them) and not counted as packets sent.
     */
    long controlBytes;
    int controlFrames;

    NioSession(long id, String peer, EngineNode node, NioLoop loop, SocketChannel channel,
               Function<FrameDecoder, LinkFraming> framing) {
        super(id, peer, node, loop, framing);
        this.channel = channel;
    }

    /** The session's own loop reads it. */
    @Override
    boolean runAsReader(Runnable task) {
        return loop.execute(task);
    }

    @Override
    void stopReading() {
        if (key != null && key.isValid()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        }
    }

    /** Off the selector's read set: the socket's receive buffer fills and TCP's window closes on the peer. */
    @Override
    void pauseInput() {
        if (key != null && key.isValid()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        }
    }

    /** Back on the read set, unless the session has stopped reading for good (its graceful close began). */
    @Override
    void resumeInput() {
        if (state.isOpen() && key != null && key.isValid()) {
            key.interestOps(key.interestOps() | SelectionKey.OP_READ);
        }
    }

    /** Waits for the peer's end unless it came already; a WebSocket link also writes its close message first. */
    @Override
    boolean lingersForPeer() {
        return !peerFinished || framing.owesFarewell();
    }

    @Override
    void shutdownOutput() {
        try {
            ByteBuffer bye = framing.farewell(state.reason());
            if (bye != null) {
                // Everything queued is written, so a few bytes fit the socket's buffer; if not, the end of stream
                // below still ends the link, only without its close status.
                node.counters.bytesSent.add(channel.write(bye));
            }
            channel.shutdownOutput();
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_READ); // what still arrives is read and discarded, up to the FIN
            }
        } catch (IOException e) {
            node.outbound.onWriteFailure(this, e);
        }
    }

    @Override
    void closeLink() {
        framing.linkClosed();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort; the session is gone either way
        }
        // A registered channel is only really closed (FIN sent, descriptor freed) when its selector next runs,
        // so wake the loop rather than leave the peer waiting until unrelated traffic arrives.
        loop.wake();
    }
}
