package dev.msgtrans.core;

/** The session a {@link MessageHandler} call is about, and the way to answer it. */
public interface MessageContext {

    long session();

    /** Remote address ("127.0.0.1:53211", or "mem:name#3" in memory). */
    String peer();

    /**
     * Whether this session's queued outbound bytes are below its high water mark ({@link OutboundBytes}); a
     * producer that finds it {@code false} should hold back until a {@link TransportEvent.WritabilityChanged} says
     * it is writable again. Sends still succeed while unwritable, up to the hard limit.
     */
    boolean isWritable();

    /** Sends a packet on this session (one-way or request semantics as given). */
    SendResult send(Packet packet);

    /** Answers {@code request} with a response carrying its message id. */
    SendResult reply(Packet request, byte[] payload);
}
