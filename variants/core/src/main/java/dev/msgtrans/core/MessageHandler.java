package dev.msgtrans.core;

/**
 * Application code for a session's life: its opening, its incoming packets, its closing. Every call runs on the
 * session's actor: never concurrently for one session, and in order per session; different sessions run in parallel
 * on the dispatch workers.
 * <p>
 * Per session the calls are {@code onOpen}, then {@code onMessage} for each packet in arrival order, then
 * {@code onClose}, each lifecycle call exactly once, and each call happens-before the next. Unlike the
 * {@link TransportEvent} stream, whose per-subscriber buffers may drop events under load, the two lifecycle calls
 * are never dropped: {@code onClose} does not go through the session's bounded mailbox, so it runs even when the
 * mailbox was full, and even for a session that closes before any packet (or its {@code onOpen}) was handled. An
 * application can therefore keep per-session state in its own tables and rely on {@code onClose} to remove it.
 * <p>
 * When the peer ends its stream, ends it mid-frame, or sends a bad frame, or when the server or client is closed
 * ({@link TransportServer#close()}, {@link TransportClient#close()}), the session closes gracefully: every packet
 * accepted before is handled and the replies are written first (bounded by
 * {@link Transport.Builder#closeLingerMillis}). When this side closes one session ({@code close(session)}, idle
 * timeout, an I/O error, the linger bound), packets still queued in the mailbox are discarded (and counted in
 * {@link TransportStats#mailboxDrops()}): {@code onClose} follows the last packet that was handled. A handler that
 * throws (an {@code Error} too) is reported as a {@link TransportEvent.TransportError} with cause {@code HANDLER},
 * which also reaches the transport's {@link ErrorSink}; the session carries on.
 */
@FunctionalInterface
public interface MessageHandler {

    /** @param packet a one-way packet or a request (responses complete the sender's futures and do not come here) */
    void onMessage(MessageContext context, Packet packet);

    /**
     * The session is open: called once, before its first {@code onMessage}. The context may send at once (a
     * greeting, say); the session may already be closing, in which case sends answer
     * {@link SendResult#NO_SESSION} and {@code onClose} follows.
     */
    default void onOpen(MessageContext context) {
    }

    /**
     * The session's writability changed ({@link MessageContext#isWritable()}, {@link OutboundBytes}): {@code false}
     * when its queued outbound bytes rose above the high water mark, {@code true} when they fell below the low one.
     * Runs on the actor after the message it was running, so a producer that stopped in {@code onMessage} resumes
     * here; consecutive changes that happen before the actor gets to them are told once, as the state then is, so
     * the calls alternate and never repeat a state.
     */
    default void onWritabilityChanged(MessageContext context, boolean writable) {
    }

    /**
     * The session has closed: called once, after its last {@code onMessage} (and after {@code onOpen}, which is
     * always called first, even for a session that closed before it could run). Sends from here answer
     * {@link SendResult#NO_SESSION} or {@link SendResult#CLOSED}. On shutdown every session's {@code onClose} has
     * run before {@link TransportServer#close()} or {@link TransportClient#close()} returns.
     *
     * @param reason why the session closed, as in its {@link TransportEvent.ConnectionClosed} event
     */
    default void onClose(MessageContext context, CloseReason reason) {
    }

    /** Handler that answers every request with its own payload and sends every one-way packet back unchanged. */
    static MessageHandler echo() {
        return (ctx, p) -> {
            if (p.type() == PacketType.REQUEST) {
                ctx.reply(p, p.payload());
            } else {
                ctx.send(p);
            }
        };
    }
}
