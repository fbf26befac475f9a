package dev.msgtrans.core;

/**
 * Application code for incoming packets. Runs on the session's actor: never concurrently for one session, and in
 * arrival order per session; different sessions run in parallel on the dispatch workers.
 */
@FunctionalInterface
public interface MessageHandler {

    /** @param packet a one-way packet or a request (responses complete the sender's futures and do not come here) */
    void onMessage(MessageContext context, Packet packet);

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
