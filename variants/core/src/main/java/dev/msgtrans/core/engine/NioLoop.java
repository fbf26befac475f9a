package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A selector loop over the TCP sessions assigned to it: reads with a pooled buffer into each session's persistent
 * decoder, writes each session's queued frames with one gathering write per batch, and registers
 * {@code OP_WRITE} only while a write is partial (a full socket buffer), so an idle connection costs no wake-ups.
 * <p>
 * Threading contract: see {@link IoLoop}; the selector, the keys and each session's partial-write remainder are
 * touched only by this loop's thread.
 */
final class NioLoop extends IoLoop {

    /** The read buffer's size class: one read can pull many pipelined small frames at once. */
    static final int READ_BUFFER = 64 * 1024;

    private final Selector selector;
    private final Consumer<SelectionKey> readySink = this::onReady;

    NioLoop(EngineNode node, String threadName, int maxSessions) throws IOException {
        super(node, threadName, maxSessions);
        this.selector = Selector.open();
    }

    /** For {@link TcpConnect}, which registers its channel from the connecting thread. */
    Selector selector() {
        return selector;
    }

    @Override
    void wake() {
        selector.wakeup();
    }

    @Override
    void await(boolean poll) throws IOException {
        if (poll) {
            selector.selectNow(readySink);
        } else {
            selector.select(readySink);
        }
    }

    @Override
    void service(Session session) {
        NioSession s = (NioSession) session;
        if (s.state.isClosed()) {
            return; // closed: the channel is closed (its key cancelled) and queued frames are dropped with it
        }
        if (s.key == null) {
            // First service after the session opened: ConnectionEstablished is already published, so reading
            // may start (this is what orders it before any MessageReceived of the session).
            try {
                s.key = s.channel.register(selector, SelectionKey.OP_READ, s);
            } catch (ClosedChannelException e) {
                node.lifecycle.closeSession(s, CloseReason.IO_ERROR, "IO", "channel closed before registration: " + e);
                return;
            }
        }
        if (s.pending == null) {
            flush(s);
        }
        // else a partial write waits for OP_WRITE, which continues the flush
    }

    private void onReady(SelectionKey key) {
        if (key.attachment() instanceof TcpConnect connect) {
            connect.finish(key); // a client connect; the key becomes its session's once connected
            return;
        }
        NioSession s = (NioSession) key.attachment();
        try {
            if (key.isReadable()) {
                read(s);
            }
            if (key.isValid() && key.isWritable()) {
                writePending(s);
            }
        } catch (CancelledKeyException e) {
            // closed by another thread meanwhile; the close path already reported it
        }
    }

    private void read(NioSession s) {
        ByteBuffer buf = node.buffers.acquire(READ_BUFFER);
        try {
            int n = s.channel.read(buf);
            if (n < 0) {
                node.inbound.onEndOfStream(s);
            } else if (n > 0) {
                buf.flip();
                node.inbound.receive(s, buf);
                if (s.framing.takeFlushRequest()) {
                    schedule(s); // the link owes the peer control bytes (a pong), or its handshake released the data
                }
            }
        } catch (IOException e) {
            node.inbound.onReadFailure(s, e);
        } finally {
            node.buffers.release(buf);
        }
    }

    /**
     * Drains and writes until the queue is idle, the socket is full, or the session has had its share. The link's
     * control bytes go first; while its handshake is pending queued frames wait (the session stays scheduled, and
     * the handshake's end schedules it again), and after a failed one they are discarded.
     */
    private void flush(NioSession s) {
        LinkFraming framing = s.framing;
        for (int round = 0; ; ) {
            for (ByteBuffer c; batchCount < BATCH && (c = framing.nextControl()) != null; ) {
                batch[batchCount++] = c;
                s.controlBytes += c.remaining();
                s.controlFrames++;
            }
            if (framing.holdsData()) {
                if (batchCount > 0) {
                    writeBatch(s);
                }
                return;
            }
            if (framing.discardsData()) {
                discardQueued(s);
            }
            s.outbound.drain(batchSink, BATCH - batchCount);
            if (batchCount == 0) {
                if (s.outbound.flushDone()) {
                    if (s.closeWhenFlushed && s.outbound.size() == 0) {
                        // (not empty: a writer rescheduled it meanwhile, and that service ends the drain)
                        node.lifecycle.drainFlushed(s);
                    }
                    return;
                }
                continue;
            }
            if (!writeBatch(s)) {
                return;
            }
            if (++round == ROUNDS) {
                serviceAgain(s);
                return;
            }
        }
    }

    /** Frames a link can never write (its handshake failed): dropped, their bytes given back to the budget. */
    private void discardQueued(NioSession s) {
        while (s.outbound.drain(b -> s.budget.release(b.remaining()), BATCH) > 0) {
            // until what is queued now is gone; the drain's flushDone() catches the rest
        }
    }

    /** Loop thread, after a write: gives the written data bytes back to the budget and counts the packets. */
    private void written(NioSession s, long bytes, int buffers) {
        node.counters.bytesSent.add(bytes);
        long control = Math.min(bytes, s.controlBytes);
        s.controlBytes -= control;
        s.budget.release(bytes - control);
        int controlDone = Math.min(buffers, s.controlFrames);
        s.controlFrames -= controlDone;
        node.counters.packetsSent.add(buffers - controlDone);
    }

    /** @return {@code true} if the whole batch was written; otherwise the remainder waits for OP_WRITE */
    private boolean writeBatch(NioSession s) {
        int count = batchCount;
        try {
            long written = s.channel.write(batch, 0, count);
            int done = 0;
            while (done < count && !batch[done].hasRemaining()) {
                done++;
            }
            written(s, written, done);
            if (done == count) {
                return true;
            }
            s.pending = Arrays.copyOfRange(batch, done, count);
            s.pendingFrom = 0;
            // keep the read interest as it is: a paused or draining session must not start reading again
            s.key.interestOps(s.key.interestOps() | SelectionKey.OP_WRITE);
            return false;
        } catch (IOException | CancelledKeyException e) {
            node.outbound.onWriteFailure(s, e);
            return false;
        } finally {
            clearBatch();
        }
    }

    private void writePending(NioSession s) {
        ByteBuffer[] p = s.pending;
        if (p == null) {
            s.key.interestOps(s.key.interestOps() & ~SelectionKey.OP_WRITE);
            return;
        }
        try {
            long written = s.channel.write(p, s.pendingFrom, p.length - s.pendingFrom);
            int from = s.pendingFrom;
            while (from < p.length && !p[from].hasRemaining()) {
                from++;
            }
            written(s, written, from - s.pendingFrom);
            s.pendingFrom = from;
            if (from < p.length) {
                return; // socket still full; OP_WRITE stays registered
            }
            s.pending = null;
            s.key.interestOps(s.key.interestOps() & ~SelectionKey.OP_WRITE);
        } catch (IOException e) {
            node.outbound.onWriteFailure(s, e);
            return;
        }
        flush(s); // the session is still scheduled: carry on with what queued meanwhile
    }

    @Override
    void onExit() {
        try {
            selector.close(); // deregisters every key, completing deferred channel closes
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
