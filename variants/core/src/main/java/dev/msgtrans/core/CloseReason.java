package dev.msgtrans.core;

/** Why a session ended; carried by {@link TransportEvent.ConnectionClosed}. */
public enum CloseReason {
    /** This side closed the session ({@code close(session)} or client close). */
    LOCAL,
    /** The peer closed its end cleanly, at a frame boundary. */
    PEER_CLOSED,
    /** The peer closed or reset in the middle of a frame. */
    PEER_CLOSED_MID_FRAME,
    /** A malformed or oversized frame; a {@link TransportEvent.TransportError} names the cause. */
    PROTOCOL_ERROR,
    /** A socket read or write failed. */
    IO_ERROR,
    /** The peer stopped reading and the outbound queue overflowed under the disconnect policy. */
    SLOW_CONSUMER,
    /** Idle longer than the configured limit. */
    IDLE_TIMEOUT,
    /** The server or client shut down. */
    SHUTDOWN
}
