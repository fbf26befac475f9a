package dev.msgtrans.core;

/** What the transport does when a peer stops reading and its outbound queue fills. Memory stays bounded either way. */
public enum OverflowPolicy {
    /** Refuse the send with {@link SendResult#OUTBOUND_FULL}; the session stays open. */
    FAIL_SEND,
    /** Refuse the send and close the session with {@link CloseReason#SLOW_CONSUMER}. */
    DISCONNECT
}
