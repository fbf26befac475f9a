package dev.msgtrans.core;

/**
 * What the transport tells its subscribers, through {@code events()}.
 * <p>
 * Per session, {@link ConnectionEstablished} is published before any {@link MessageReceived} of that session,
 * and {@link ConnectionClosed} is its last event. Subscribers have bounded buffers: an event a subscriber has no
 * room for is dropped <em>for that subscriber</em> and counted in the stats, never silently lost.
 */
public sealed interface TransportEvent {

    /** @return the session the event is about, or {@code -1} for server-wide events */
    long session();

    record ConnectionEstablished(long session, String peer) implements TransportEvent {
    }

    record ConnectionClosed(long session, CloseReason reason) implements TransportEvent {
    }

    record MessageReceived(long session, Packet packet) implements TransportEvent {
    }

    /**
     * A session's outbound bytes crossed a water mark ({@link OutboundBytes}): above the high mark it became
     * unwritable ({@code writable} false), below the low mark writable again. Published in the order of the
     * changes for one session; {@code isWritable} answers the current state.
     *
     * @param queuedBytes the session's queued outbound bytes when the change was decided
     */
    record WritabilityChanged(long session, boolean writable, long queuedBytes) implements TransportEvent {
    }

    /**
     * Something went wrong on one session (or server-wide with session -1). Every one is also handed to the
     * transport's {@link ErrorSink}, which by default logs those that no subscriber received.
     *
     * @param cause a short machine-readable kind, e.g. {@code BAD_VERSION}, {@code PAYLOAD_TOO_LARGE}, {@code IO}
     * @param message a sentence a person can act on
     */
    record TransportError(long session, String cause, String message) implements TransportEvent {
    }

    /** A server's first event: replayed to each subscriber of a running server as the first thing it receives. */
    record ServerStarted(String address) implements TransportEvent {
        @Override
        public long session() {
            return -1;
        }
    }

    record ServerStopped(String address) implements TransportEvent {
        @Override
        public long session() {
            return -1;
        }
    }
}
