package dev.msgtrans.core.engine;

import java.nio.ByteBuffer;

/**
 * The in-memory counterpart of {@link NioLoop}: drains each session's queued frames, copies them into a pooled
 * "wire" buffer (the copy a kernel socket would make) and hands the bytes to the peer end's decoder, so framing,
 * limits and errors run exactly as over TCP. It parks when idle and is woken by the same coalesced mechanism, with
 * a {@link ParkingWakeup} in place of {@code Selector.wakeup()} (a bare {@code unpark} could be swallowed by a lock
 * this thread waits for while it hands bytes over).
 * <p>
 * Threading contract: see {@link IoLoop}. This loop is the only thread that feeds the decoders of its sessions'
 * peers, which keeps each decoder single-threaded. A closed session gets one last service that delivers the
 * in-memory FIN ({@link MemoryEndpoint#peerClosed()}) after every byte already handed over.
 */
final class MemoryLoop extends IoLoop {

    /** Size class of the wire buffer: one hand-over carries up to this many bytes of consecutive frames. */
    static final int WIRE_BUFFER = 64 * 1024;

    private final ParkingWakeup wakeup;

    MemoryLoop(EngineNode node, String threadName, int maxSessions) {
        super(node, threadName, maxSessions);
        this.wakeup = new ParkingWakeup(thread);
    }

    @Override
    void wake() {
        wakeup.wake();
    }

    @Override
    void await(boolean poll) {
        if (!poll && running()) {
            wakeup.await(); // stop() wakes too, so a stopping loop does not sleep here
        }
    }

    @Override
    void service(Session session) {
        MemorySession s = (MemorySession) session;
        if (s.state.isClosed()) {
            finish(s);
            return;
        }
        MemoryEndpoint peer = s.peerEnd();
        if (!peer.reading()) {
            return; // left scheduled with its frames queued, as a full socket would; the queue bound applies
        }
        ByteBuffer wire = node.buffers.acquire(WIRE_BUFFER);
        try {
            for (int round = 0; ; ) {
                if (round > 0 && !peer.reading()) {
                    return; // the peer paused for room in its mailbox: the rest waits here, as behind a full socket
                }
                int n = s.outbound.drain(batchSink, BATCH);
                if (n == 0) {
                    if (s.outbound.flushDone()) {
                        if (s.state.isClosed()) {
                            finish(s); // closed while we were flushing and its wake-up coalesced into ours
                        } else if (s.closeWhenFlushed && s.outbound.size() == 0) {
                            // closes it, and its FIN follows; not empty: a writer rescheduled it, and that
                            // service ends the drain
                            node.lifecycle.drainFlushed(s);
                        }
                        return;
                    }
                    continue;
                }
                deliverBatch(s, peer, wire);
                if (++round == ROUNDS) {
                    serviceAgain(s);
                    return;
                }
            }
        } finally {
            node.buffers.release(wire);
        }
    }

    private void deliverBatch(MemorySession s, MemoryEndpoint peer, ByteBuffer wire) {
        long bytes = 0;
        try {
            for (int i = 0; i < batchCount; i++) {
                ByteBuffer frame = batch[i];
                bytes += frame.remaining();
                if (frame.remaining() > wire.remaining()) {
                    handOver(peer, wire);
                }
                if (frame.remaining() > wire.capacity()) {
                    node.counters.bytesSent.add(frame.remaining());
                    peer.receive(frame); // larger than the wire buffer: hand it over whole
                } else {
                    wire.put(frame);
                }
            }
            handOver(peer, wire);
            node.counters.packetsSent.add(batchCount);
        } finally {
            s.budget.release(bytes); // handed to the peer (or lost with a peer that failed)
            clearBatch();
        }
    }

    private void handOver(MemoryEndpoint peer, ByteBuffer wire) {
        if (wire.position() == 0) {
            return;
        }
        wire.flip();
        node.counters.bytesSent.add(wire.remaining());
        peer.receive(wire);
        wire.clear();
    }

    /** Delivers the in-memory FIN once; queued frames of a closed session are dropped, as a socket close drops them. */
    private static void finish(MemorySession s) {
        if (!s.eofSent) {
            s.eofSent = true;
            MemoryEndpoint peer = s.peerEnd();
            if (peer != null) {
                peer.peerClosed();
            }
        }
    }

    @Override
    void onExit() {
        // nothing owned beyond the thread: pipes have no descriptors
    }
}
