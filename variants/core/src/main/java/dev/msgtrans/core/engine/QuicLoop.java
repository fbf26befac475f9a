package dev.msgtrans.core.engine;

/**
 * The QUIC counterpart of {@link NioLoop}: drains each QUIC session's outbound queue (the variant's) and hands the
 * frames to the session's Netty connection ({@link QuicSession#write}), whose event loop does the UDP and QUIC work.
 * The bytes count against the session's budget until Netty reports them written. It parks when idle and is woken
 * by the same coalesced mechanism as the other loops, with a {@link ParkingWakeup}.
 * <p>
 * A session whose stream is not there yet or not writable (QUIC's flow control, or Netty's high-water mark) is left
 * scheduled with its frames queued, as a full socket would leave it; the session puts itself back on the loop when
 * the stream becomes writable ({@link QuicSession#writable()}).
 * <p>
 * Threading contract: see {@link IoLoop}. Names no Netty type, so that choosing another protocol loads none.
 */
final class QuicLoop extends IoLoop {

    private final ParkingWakeup wakeup;

    QuicLoop(EngineNode node, String threadName, int maxSessions) {
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
            wakeup.await();
        }
    }

    @Override
    void service(Session session) {
        QuicSession s = (QuicSession) session;
        if (s.state.isClosed()) {
            return; // closed: the connection is closed, queued frames are dropped with it
        }
        for (int round = 0; ; ) {
            if (s.gone()) {
                discard(s); // the peer went while it drained: nothing can be written, the drain still ends
                return;
            }
            if (!s.canWrite()) {
                return; // left scheduled; writable() puts it back
            }
            int n = s.outbound.drain(batchSink, BATCH);
            if (n == 0) {
                if (s.outbound.flushDone()) {
                    if (s.closeWhenFlushed && s.outbound.size() == 0) {
                        node.lifecycle.drainFlushed(s);
                    }
                    return;
                }
                continue;
            }
            try {
                s.write(batch, batchCount);
            } finally {
                clearBatch();
            }
            if (++round == ROUNDS) {
                serviceAgain(s);
                return;
            }
        }
    }

    /** Drops what is queued for a connection that is gone, releasing its bytes, and ends a drain as a flush would. */
    private void discard(QuicSession s) {
        do {
            while (s.outbound.drain(batchSink, BATCH) > 0) {
                long bytes = 0;
                for (int i = 0; i < batchCount; i++) {
                    bytes += batch[i].remaining();
                }
                s.budget.release(bytes);
                clearBatch();
            }
        } while (!s.outbound.flushDone());
        if (s.closeWhenFlushed && s.outbound.size() == 0) {
            node.lifecycle.drainFlushed(s);
        }
    }

    @Override
    void onExit() {
        // nothing owned beyond the thread: the connections belong to the node's QuicEndpoint
    }
}
