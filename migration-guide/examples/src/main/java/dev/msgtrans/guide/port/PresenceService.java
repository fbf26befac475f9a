package dev.msgtrans.guide.port;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.MessageContext;
import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.TransportStats;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.msgtrans.guide.port.PresenceProtocol.decode;
import static dev.msgtrans.guide.port.PresenceProtocol.encode;

/**
 * The worked port's server: who is online, on top of a {@link TransportServer}.
 * <p>
 * Clients {@code JOIN} as a user (one user per connection), {@code LEAVE}, and ask {@code WHO}; the service
 * broadcasts a {@code NOTICE} ("+alice", "-alice") on every change, removes a connection's user when the
 * connection closes, and can {@link #pingAll ping} every joined connection (server-to-client requests). See
 * {@link PresenceProtocol}.
 * <p>
 * Threading: the message handler runs on each session's actor (serial per connection, connections in parallel on
 * the dispatch workers), its {@code onClose} too, after the connection's last message; {@link #pingAll} and the
 * accessors from any thread. The only shared state is the {@link PresenceRegistry} and the server, so what the
 * migration must preserve is the registry's contract.
 */
public final class PresenceService implements AutoCloseable {

    private final PresenceRegistry registry;
    private final String variant;
    /**
     * Set once, right after the server starts. Handlers and events need it, and they run only for connections,
     * which a client can open only after {@link #address()} returned it, i.e. after this write.
     */
    private volatile TransportServer server;

    private PresenceService(String variant, PresenceRegistry registry) {
        this.variant = variant;
        this.registry = registry;
    }

    /**
     * @param step      the migration step: which composition, and which registry implementation
     * @param transport where to listen and how many threads, e.g. {@code Transport.builder().tcp("0.0.0.0", 7000)}
     */
    public static PresenceService start(MigrationStep step, Transport.Builder transport) throws IOException {
        return start(step.variant(), step.newRegistry(), transport);
    }

    /** @param variant a preset, variant alias or spec, e.g. read from the application's configuration */
    public static PresenceService start(String variant, PresenceRegistry registry, Transport.Builder transport)
            throws IOException {
        PresenceService service = new PresenceService(variant, registry);
        // tag::server-builder[]
        TransportServer server = transport
                .variant(variant)                  // "baseline", "phase1", ..., or a spec: all a phase changes here
                .handler(service.handler())        // runs on the session's actor: serial per connection
                .startServer();
        // end::server-builder[]
        service.server = server;
        return service;
    }

    // tag::lifecycle-handler[]
    private MessageHandler handler() {
        return new MessageHandler() {
            @Override
            public void onMessage(MessageContext ctx, Packet p) {
                PresenceService.this.onMessage(ctx, p);
            }

            @Override
            public void onClose(MessageContext ctx, CloseReason reason) {
                // Once per connection, on its actor, after its last onMessage: a JOIN being handled has finished,
                // and no event buffer can drop this call.
                onClosed(ctx.session());
            }
        };
    }
    // end::lifecycle-handler[]

    // tag::handler[]
    private void onMessage(MessageContext ctx, Packet p) {
        switch (p.bizType()) {
            case PresenceProtocol.JOIN -> join(ctx, p);
            case PresenceProtocol.LEAVE -> leave(ctx, p);
            case PresenceProtocol.WHO -> ctx.reply(p, PresenceProtocol.encodeUsers(registry.online()));
            default -> { } // NOTICE and PING only travel from server to client
        }
    }
    // end::handler[]

    // tag::join[]
    private void join(MessageContext ctx, Packet p) {
        String user = decode(p.payload());
        if (!registry.join(ctx.session(), user)) {
            ctx.reply(p, encode(PresenceProtocol.TAKEN));
            return;
        }
        // No close race to handle: should the connection close meanwhile, its onClose runs after this method
        // returns, on the same actor, and finds the entry.
        ctx.reply(p, encode(PresenceProtocol.OK));
        server.broadcast(notice("+" + user));
    }
    // end::join[]

    private void leave(MessageContext ctx, Packet p) {
        // tag::leave[]
        String user = decode(p.payload()); // equal to the String that joined, never the same object
        if (registry.leave(ctx.session(), user)) {
            ctx.reply(p, encode(PresenceProtocol.OK));
            server.broadcast(notice("-" + user));
        } else {
            ctx.reply(p, encode(PresenceProtocol.NOT_JOINED));
        }
        // end::leave[]
    }

    /** The closed connection's actor: its user, if any, goes. */
    private void onClosed(long session) {
        String user = registry.leave(session);
        if (user != null) {
            server.broadcast(notice("-" + user));
        }
    }

    /**
     * Pings every joined connection (a server-to-client request each).
     *
     * @return the users whose connection answered within {@code timeout}, sorted
     */
    public CompletableFuture<List<String>> pingAll(Duration timeout) {
        List<CompletableFuture<String>> pings = new ArrayList<>();
        // tag::ping[]
        registry.forEach((session, user) -> pings.add(
                server.request(session, Packet.request(PresenceProtocol.PING, encode(user)), timeout)
                        // a timeout or a closed session completes the future exceptionally; the tracker entry
                        // is gone either way (exactly-once completion, RequestTracker's contract)
                        .handle((reply, failure) -> failure == null ? user : null)));
        // end::ping[]
        return CompletableFuture.allOf(pings.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<String> answered = new ArrayList<>();
            for (CompletableFuture<String> ping : pings) {
                String user = ping.join();
                if (user != null) {
                    answered.add(user);
                }
            }
            answered.sort(null);
            return answered;
        });
    }

    private static Packet notice(String text) {
        return Packet.oneWay(PresenceProtocol.NOTICE, encode(text));
    }

    public String address() {
        return server.address();
    }

    /** The composition this service runs on (a preset, alias or spec). */
    public String variant() {
        return variant;
    }

    public List<String> online() {
        return registry.online();
    }

    public TransportStats stats() {
        return server.stats();
    }

    /** For tests in this package: the application's own table. */
    PresenceRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        server.close();
    }
}
