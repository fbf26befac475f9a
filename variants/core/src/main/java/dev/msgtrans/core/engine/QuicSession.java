package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.QuicOptions;
import dev.msgtrans.core.codec.FrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.concurrent.Future;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A session over one QUIC connection. Its outbound queue is the variant's, drained by a {@link QuicLoop} into
 * {@link #write}; Netty's event loop of the connection does the rest and releases the session's budget as each frame
 * is written. Its inbound bytes arrive on that same event loop, for every stream of the connection (Netty runs a
 * connection's stream channels on the connection's event loop), so the decoders are fed by one thread, as over TCP.
 * <p>
 * How packets map onto streams ({@link QuicOptions.Ordering}, agreed by ALPN): {@code ORDERED} sends every frame
 * on one long-lived unidirectional stream per direction, so the session keeps its order, and a graceful close
 * finishes that stream as TCP's half-close does (the peer's finish is this session's end of stream);
 * {@code STREAM_PER_PACKET} opens one unidirectional stream per frame and finishes it. Each stream the peer opens
 * gets a decoder of its own; a stream that ends inside a frame is a protocol error of the session.
 * <p>
 * Threading contract: {@link #write} and {@link #canWrite} on the loop thread; the stream fields and the reader
 * state on the connection's event loop, except {@link #out}, which the event loop publishes to the loop.
 */
final class QuicSession extends Session {

    final QuicChannel connection;
    final QuicOptions.Ordering ordering;
    private final long lingerMillis;

    /** Ordered: this side's stream, published by the event loop once created; null before. */
    private volatile QuicStreamChannel out;
    /** Ordered, event loop: this side finished its stream before the peer (so this side closes the connection). */
    private boolean finishedFirst;
    /** Ordered, event loop: a finish asked for before the stream was created. */
    private boolean finishPending;
    /** Event loop: the peer's streams being read, for pausing and resuming input. */
    private final List<QuicStreamChannel> reading = new ArrayList<>(2);
    /** Ordered, event loop: the peer's one stream (its finish is the peer's end of stream). */
    private QuicStreamChannel peerStream;
    /** Stream per packet, event loop: frames waiting for the peer's stream credit, in order. */
    private final java.util.ArrayDeque<ByteBuffer> waitingForStreams = new java.util.ArrayDeque<>();
    /** Stream per packet, event loop: streams asked for and not created yet (they use credit already). */
    private int opening;
    /** Event loop: input paused for room in the mailbox. */
    private boolean inputPaused;
    /** Event loop: the ordered stream's end, seen while input was paused; acted on when it resumes. */
    private StreamReader endDeferred;
    private ScheduledFuture<?> keepAlive;

    QuicSession(long id, String peer, EngineNode node, QuicLoop loop, QuicChannel connection,
                QuicOptions.Ordering ordering) {
        super(id, peer, node, loop);
        this.connection = connection;
        this.ordering = ordering;
        this.lingerMillis = node.config.closeLingerMillis();
    }

    // ---- after open, on the event loop ---------------------------------------------------------------------------

    /** Event loop, once the session is open: the ordered stream, and the keep-alive if configured. */
    void started() {
        long k = node.config.quic().keepAliveMillis();
        if (k > 0) {
            // An ack-eliciting QUIC datagram (both sides enable them): keeps a quiet connection inside the idle timeout.
            keepAlive = connection.eventLoop().scheduleAtFixedRate(() -> {
                if (connection.isActive()) {
                    connection.writeAndFlush(Unpooled.wrappedBuffer(new byte[]{0}));
                }
            }, k, k, TimeUnit.MILLISECONDS);
        }
        if (ordering != QuicOptions.Ordering.ORDERED) {
            return;
        }
        connection.createStream(QuicStreamType.UNIDIRECTIONAL, new Writability()).addListener(
                (Future<QuicStreamChannel> f) -> {
                    if (!f.isSuccess()) {
                        node.outbound.onWriteFailure(this, new IOException("could not open the stream to " + peer,
                                f.cause()));
                        return;
                    }
                    out = f.getNow();
                    if (finishPending) {
                        finishStream();
                    }
                    loop.schedule(this); // frames queued before the stream existed go now
                });
    }

    /** Our stream's writability: when it comes back, the loop writes what waits. */
    private final class Writability extends ChannelInboundHandlerAdapter {
        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                writable();
            }
            ctx.fireChannelWritabilityChanged();
        }
    }

    /** Event loop: the stream can take frames again. */
    void writable() {
        loop.schedule(this);
    }

    // ---- outbound, on the loop thread ---------------------------------------------------------------------------

    /** Loop thread: the connection is closed, so queued frames can only be discarded. */
    boolean gone() {
        return !connection.isActive();
    }

    /** Loop thread: whether frames can be handed to Netty now. */
    boolean canWrite() {
        if (ordering == QuicOptions.Ordering.ORDERED) {
            QuicStreamChannel o = out;
            return o != null && o.isWritable();
        }
        return connection.isWritable();
    }

    /** Loop thread: hands a batch of frames to the connection's event loop, in order, in one task. */
    void write(ByteBuffer[] batch, int count) {
        ByteBuffer[] frames = java.util.Arrays.copyOf(batch, count);
        Runnable task = ordering == QuicOptions.Ordering.ORDERED ? () -> writeOrdered(frames) : () -> writeStreams(frames);
        if (!runOnEventLoop(task)) {
            long bytes = 0;
            for (ByteBuffer f : frames) {
                bytes += f.remaining();
            }
            budget.release(bytes);
            node.outbound.onWriteFailure(this, new IOException("the QUIC event loop has stopped"));
        }
    }

    private void writeOrdered(ByteBuffer[] frames) {
        QuicStreamChannel o = out;
        for (ByteBuffer frame : frames) {
            int bytes = frame.remaining();
            o.write(Unpooled.wrappedBuffer(frame)).addListener((ChannelFutureListener) f -> written(f, bytes));
        }
        o.flush();
    }

    private void writeStreams(ByteBuffer[] frames) {
        java.util.Collections.addAll(waitingForStreams, frames);
        openStreams();
    }

    /**
     * Event loop: one stream per waiting frame while the peer's stream credit lasts; the rest wait for more credit
     * ({@link #streamCreditChanged}), their bytes still counted in the budget, which bounds them.
     */
    private void openStreams() {
        while (!waitingForStreams.isEmpty()
                && connection.peerAllowedStreams(QuicStreamType.UNIDIRECTIONAL) - opening > 0) {
            ByteBuffer frame = waitingForStreams.poll();
            int bytes = frame.remaining();
            ByteBuf buf = Unpooled.wrappedBuffer(frame);
            opening++;
            connection.createStream(QuicStreamType.UNIDIRECTIONAL, new ChannelInboundHandlerAdapter()).addListener(
                    (Future<QuicStreamChannel> f) -> {
                        opening--;
                        if (!f.isSuccess()) {
                            buf.release();
                            budget.release(bytes);
                            node.outbound.onWriteFailure(this, new IOException("could not open a stream to " + peer,
                                    f.cause()));
                            return;
                        }
                        f.getNow().writeAndFlush(buf).addListener((ChannelFutureListener) w -> written(w, bytes))
                                .addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
                    });
        }
    }

    /** Event loop: the peer granted more streams (it collected ones it had read to their end). */
    void streamCreditChanged() {
        if (ordering == QuicOptions.Ordering.STREAM_PER_PACKET) {
            openStreams();
        }
    }

    /** Event loop: Netty took the frame (or failed it); its bytes leave the budget either way. */
    private void written(io.netty.channel.ChannelFuture f, int bytes) {
        budget.release(bytes);
        if (f.isSuccess()) {
            node.counters.bytesSent.add(bytes);
            node.counters.packetsSent.increment();
        } else if (!state.isClosed()) {
            node.outbound.onWriteFailure(this, f.cause() instanceof Exception e ? e : new IOException(f.cause()));
        }
    }

    // ---- inbound, on the event loop -----------------------------------------------------------------------------

    /** Event loop: the peer opened a stream; its reader decodes it with a decoder of its own. */
    ChannelHandler reader(QuicStreamChannel stream) {
        if (ordering == QuicOptions.Ordering.ORDERED) {
            if (peerStream != null) {
                return null; // a second stream: refused by the caller, reported as a protocol error
            }
            peerStream = stream;
        }
        reading.add(stream);
        if (inputPaused) {
            stream.config().setAutoRead(false);
        }
        FrameDecoder decoder = ordering == QuicOptions.Ordering.ORDERED ? this.decoder : node.newDecoder();
        return new StreamReader(stream, decoder);
    }

    private final class StreamReader extends ChannelInboundHandlerAdapter {
        private final QuicStreamChannel stream;
        private final FrameDecoder streamDecoder;
        private boolean ended;

        StreamReader(QuicStreamChannel stream, FrameDecoder streamDecoder) {
            this.stream = stream;
            this.streamDecoder = streamDecoder;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf buf)) {
                io.netty.util.ReferenceCountUtil.release(msg);
                return;
            }
            try {
                // Through the variant's buffer pool, as a TCP read is: the pool stays on the measured path whatever
                // the protocol (one copy, as the kernel's into the pooled buffer over TCP).
                while (buf.isReadable()) {
                    ByteBuffer pooled = node.buffers.acquire(NioLoop.READ_BUFFER);
                    try {
                        int n = Math.min(buf.readableBytes(), pooled.remaining());
                        pooled.limit(pooled.position() + n);
                        buf.readBytes(pooled);
                        pooled.flip();
                        node.inbound.receive(QuicSession.this, streamDecoder, pooled);
                    } finally {
                        node.buffers.release(pooled);
                    }
                }
            } finally {
                buf.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
                end();
                if (ordering != QuicOptions.Ordering.ORDERED) {
                    // read to its end: closing it lets QUIC collect the stream and give the peer credit for another
                    ctx.close();
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            end();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            node.inbound.onReadFailure(QuicSession.this, cause instanceof IOException io ? io : new IOException(cause));
        }

        /** The peer finished this stream (or the stream went away). */
        private void end() {
            if (ended) {
                return;
            }
            if (inputPaused && ordering == QuicOptions.Ordering.ORDERED && stream.isActive()) {
                // Read in the same pass as the data that paused us: acted on once the held packets are delivered,
                // as TCP's FIN is only read after reading resumes, so the drain never begins with packets held.
                endDeferred = this;
                return;
            }
            ended = true;
            reading.remove(stream);
            if (ordering == QuicOptions.Ordering.ORDERED) {
                node.inbound.onEndOfStream(QuicSession.this); // the session's end, as TCP's FIN
            } else if (streamDecoder.hasPartialFrame() && state.isOpen()) {
                node.counters.protocolErrors.increment();
                node.lifecycle.beginGracefulClose(QuicSession.this, CloseReason.PROTOCOL_ERROR, "TRUNCATED_FRAME",
                        "stream " + stream.streamId() + " from " + peer + " ended inside a frame ("
                                + streamDecoder.bufferedBytes() + " bytes of it received); the connection closes"
                                + " after the replies to what came before it");
            }
        }
    }

    /**
     * Event loop: the connection is gone (closed by the peer, by QUIC's idle timeout, or by us). A peer's close
     * without an error is its end of stream, as a TCP close sends a FIN (QUIC has no half-close of a connection);
     * one with an error, or an idle timeout, is an abort, as a TCP reset.
     *
     * @param clean the peer closed the connection without an error code
     */
    void connectionClosed(boolean clean) {
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        if (state.isClosed()) {
            return;
        }
        if (state.isClosing() || state.isGracefullyClosing()) {
            node.lifecycle.closeSession(this, state.reason(), null, null);
        } else if (clean) {
            // its end of stream: what it sent is handled (replies to it are discarded, the connection being gone)
            node.inbound.onEndOfStream(this);
        } else {
            node.inbound.onReadFailure(this, new IOException("QUIC connection to " + peer + " "
                    + (connection.isTimedOut() ? "timed out (idle timeout)" : "closed with an error")));
        }
    }

    // ---- Session -------------------------------------------------------------------------------------------------

    private boolean runOnEventLoop(Runnable task) {
        if (connection.eventLoop().isShuttingDown()) {
            return false;
        }
        try {
            connection.eventLoop().execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** QUIC's flow control holds the peer back while no stream of it is read. */
    @Override
    void pauseInput() {
        inputPaused = true;
        for (QuicStreamChannel s : reading) {
            s.config().setAutoRead(false);
        }
    }

    @Override
    void resumeInput() {
        inputPaused = false;
        if (state.isOpen()) {
            for (QuicStreamChannel s : reading) {
                s.config().setAutoRead(true);
            }
        }
        StreamReader deferred = endDeferred;
        if (deferred != null) {
            endDeferred = null;
            deferred.end();
        }
    }

    @Override
    boolean runAsReader(Runnable task) {
        return runOnEventLoop(task);
    }

    @Override
    void stopReading() {
        // nothing to stop: what still arrives reaches InboundPath.receive, which discards it unless open
    }

    /** Ordered: wait for the peer's finish, as TCP does; the original's mapping has none to wait for. */
    @Override
    boolean lingersForPeer() {
        return ordering == QuicOptions.Ordering.ORDERED && !peerFinished;
    }

    /** Loop thread, in {@code CLOSING}: finishes our stream after every frame handed over before. */
    @Override
    void shutdownOutput() {
        runOnEventLoop(() -> {
            finishedFirst = true;
            finishStream();
        });
    }

    private void finishStream() {
        QuicStreamChannel o = out;
        if (o == null) {
            finishPending = true;
            return;
        }
        o.shutdownOutput();
    }

    /**
     * Closes the connection. A QUIC close discards what is not yet delivered, unlike a TCP close; so the side that
     * finished its ordered stream second (after draining, in reply to the peer's finish) finishes its stream and
     * leaves the close to the peer, which closes once it has read everything; the linger bounds a peer that does
     * not. Every other close is at once.
     */
    @Override
    void closeLink() {
        boolean leaveToPeer = ordering == QuicOptions.Ordering.ORDERED && closeWhenFlushed && peerFinished;
        boolean queued = runOnEventLoop(() -> {
            if (leaveToPeer && !finishedFirst && connection.isActive()) {
                finishStream();
                connection.eventLoop().schedule(() -> {
                    connection.close();
                }, lingerMillis, TimeUnit.MILLISECONDS);
            } else {
                connection.close();
            }
        });
        if (!queued) {
            connection.close(); // the event loop is gone: Netty closes what is left
        }
    }
}
