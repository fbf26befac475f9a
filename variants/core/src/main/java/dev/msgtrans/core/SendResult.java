package dev.msgtrans.core;

/** Outcome of a non-blocking send. Every outcome but {@link #QUEUED} is counted in {@link TransportStats}. */
public enum SendResult {
    /** In the session's outbound queue; its I/O thread will write it. */
    QUEUED,
    /** No such session (never existed, or closed). */
    NO_SESSION,
    /**
     * The session's outbound queue was full (the peer stopped reading). Under the {@code FAIL_SEND} policy the
     * packet is dropped and counted; under {@code DISCONNECT} the session is closed as a slow consumer.
     */
    OUTBOUND_FULL,
    /** The transport is closed. */
    CLOSED
}
