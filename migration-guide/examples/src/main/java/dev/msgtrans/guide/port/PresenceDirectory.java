package dev.msgtrans.guide.port;

import dev.msgtrans.core.Packet;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportClient;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A stateless lookup client ({@code WHO}) shared by many threads of another service: its requests spread over a
 * pool of connections, which is the client side of phase 3.1.
 * <p>
 * Threading contract: every method from any thread. Each request leases a pooled connection for the time it takes
 * to queue one frame; a caller finding none free waits up to the acquire timeout.
 */
public final class PresenceDirectory implements AutoCloseable {

    private final TransportClient client;

    private PresenceDirectory(TransportClient client) {
        this.client = client;
    }

    /**
     * @param transport   variant and address set
     * @param connections size of the client's connection pool
     */
    public static PresenceDirectory connect(Transport.Builder transport, int connections) throws IOException {
        // tag::directory-pool[]
        TransportClient client = transport
                .connections(connections)     // the client's pool (phase 3.1): every caller shares these
                .acquireTimeoutMillis(1_000)  // how long a caller may wait for a free connection
                .connect();
        // end::directory-pool[]
        return new PresenceDirectory(client);
    }

    /** @return the users online, sorted */
    public List<String> who(Duration timeout) {
        Packet reply = client.request(Packet.request(PresenceProtocol.WHO, new byte[0]), timeout).join();
        return PresenceProtocol.decodeUsers(reply.payload());
    }

    public int connections() {
        return client.connections();
    }

    @Override
    public void close() {
        client.close();
    }
}
