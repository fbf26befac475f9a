package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.Transport;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One composition over one protocol: what an end-to-end case runs against. Its builders give every case the same
 * small, explicit configuration (two I/O loops and two workers, as the machines running the suite are small).
 *
 * @param alias    a composition alias: a real variant or a preset
 * @param protocol TCP, WebSocket, in memory or QUIC (QUIC: the server presents {@link TestCertificate}, which its
 *                 clients trust)
 */
public record E2eTarget(String alias, Protocol protocol) {

    private static final AtomicInteger MEMORY_NAMES = new AtomicInteger();

    /**
     * The largest extended header the u16 wire field can declare. It is also the builder's default
     * ({@code TransportConfig.DEFAULT_MAX_EXT_HEADER}); the builders here set it explicitly so that the suite's
     * limit is visible where the targets are defined, whatever the default becomes.
     */
    public static final int MAX_EXT_HEADER = 0xFFFF;

    /** A server builder bound to an ephemeral port, or to a fresh in-memory name. */
    public Transport.Builder server() {
        Transport.Builder b = common();
        return switch (protocol) {
            case TCP -> b.tcp("127.0.0.1", 0);
            case WEBSOCKET -> b.websocket("127.0.0.1", 0);
            case MEMORY -> b.memory("e2e-" + MEMORY_NAMES.incrementAndGet());
            case QUIC -> b.quic("127.0.0.1", 0).quicCertificate(TestCertificate.certificate(), TestCertificate.key());
        };
    }

    /** A client builder connecting to {@code address} (as returned by {@code TransportServer.address()}). */
    public Transport.Builder client(String address) {
        Transport.Builder b = common().connectTo(address);
        return protocol == Protocol.QUIC ? b.quicTrust(TestCertificate.certificate()) : b;
    }

    /**
     * A raw connection to the server at {@code address}: a plain socket, a raw in-memory pipe end, or a QUIC
     * connection of Netty's with one ordered stream ({@link RawQuic}).
     */
    public RawConnection raw(String address) throws IOException {
        return switch (protocol) {
            case TCP -> RawConnection.tcp(address);
            case WEBSOCKET -> RawConnection.websocket(address);
            case MEMORY -> RawConnection.memory(address);
            case QUIC -> RawQuic.connect(address);
        };
    }

    private Transport.Builder common() {
        return Transport.builder().variant(alias).ioThreads(2).dispatchWorkers(2).maxExtHeader(MAX_EXT_HEADER);
    }

    @Override
    public String toString() {
        return alias + "/" + protocol.name().toLowerCase();
    }
}
