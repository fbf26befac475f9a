package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;

import java.nio.ByteBuffer;

/**
 * A session over an in-memory pipe: its {@link MemoryLoop} drains its outbound queue into {@link #peer}'s decoder,
 * and the peer's loop drains the peer's queue into this session's decoder.
 */
final class MemorySession extends Session implements MemoryEndpoint {

    /** Set once by the connecting code before either end is opened; opening publishes it to the loops. */
    private MemoryEndpoint peerEnd;

    /** Loop-confined: the in-memory FIN has been delivered to the peer. */
    boolean eofSent;

    MemorySession(long id, String peer, EngineNode node, MemoryLoop loop) {
        super(id, peer, node, loop);
    }

    void link(MemoryEndpoint other) {
        if (peerEnd != null) {
            throw new IllegalStateException(this + " is already linked");
        }
        peerEnd = other;
    }

    MemoryEndpoint peerEnd() {
        return peerEnd;
    }

    @Override
    public void receive(ByteBuffer bytes) {
        node.inbound.receive(this, bytes);
    }

    @Override
    public void peerClosed() {
        node.inbound.onEndOfStream(this);
    }

    /** {@code false} while paused for room in the mailbox: the peer's loop then leaves its frames queued. */
    @Override
    public boolean reading() {
        return !readPaused;
    }

    /** The writer's loop leaves this session's input queued on its side while {@link #reading()} is false. */
    @Override
    void pauseInput() {
        // nothing to do: readPaused, set by the caller, is what the peer's loop reads
    }

    /** Tells the peer end, whose frames wait on its side, that this end reads again. */
    @Override
    void resumeInput() {
        peerEnd.readerResumed();
    }

    /** This end's reader resumed: frames queued here while it was paused go out now. */
    @Override
    public void readerResumed() {
        // Left scheduled with its flush flag set while the peer was paused, so a plain requestFlush() would not
        // wake the loop: put the session straight on it (as MemoryRawPeer.reading(true) does).
        loop.schedule(this);
    }

    /** This session's loop is the one thread that feeds the peer. */
    @Override
    public boolean runAsWriter(Runnable task) {
        return loop.execute(task);
    }

    /** The peer end's writer is the thread that feeds this session's decoder. */
    @Override
    boolean runAsReader(Runnable task) {
        return peerEnd.runAsWriter(task);
    }

    @Override
    void stopReading() {
        // nothing to stop: what the peer still writes reaches InboundPath.receive, which discards it unless open
    }

    /**
     * A pipe has no unread input that a close could turn into a reset, so a drain the peer or a bad frame began
     * closes at once. A node's shutdown lingers as over TCP, so that the peer's replies to this side's requests still
     * arrive (the peer drains when it sees this side's end of stream) and both protocols keep the same promise.
     */
    @Override
    boolean lingersForPeer() {
        return state.reason() == CloseReason.SHUTDOWN && !peerFinished;
    }

    /** Loop thread (the one feeding the peer): the in-memory FIN now; the close's last service then sends none. */
    @Override
    void shutdownOutput() {
        if (!eofSent) {
            eofSent = true;
            peerEnd.peerClosed();
        }
    }

    /** The loop must run once more to deliver the FIN; the pipe has no descriptor to free. */
    @Override
    void closeLink() {
        if (outbound.requestFlush()) {
            loop.schedule(this);
        }
        // else the loop holds the session scheduled and re-checks the state after flushDone(), so it sees the close
    }
}
