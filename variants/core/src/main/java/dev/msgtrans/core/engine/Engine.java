package dev.msgtrans.core.engine;

import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportConfig;
import dev.msgtrans.core.TransportServer;

import java.io.IOException;

/**
 * Entry point from {@link dev.msgtrans.core.Transport.Builder} to the engine: builds a server or client from a
 * configuration, over TCP or in memory, from the components of the configuration's composition.
 * <p>
 * Internal (see the package): public for the build's own modules, not API.
 */
public final class Engine {

    /** Every thread the engine starts is named with this prefix (then {@code server-N-} or {@code client-N-}). */
    public static final String THREAD_PREFIX = EngineNode.THREAD_PREFIX;

    private Engine() {
    }

    /** Binds and starts a server; its address is {@link TransportServer#address()}. */
    public static TransportServer startServer(TransportConfig config) throws IOException {
        requireProtocol(config);
        if (config.alsoListen().stream().anyMatch(e -> e.protocol() == dev.msgtrans.core.Protocol.QUIC)) {
            QuicSupport.require();
        }
        return EngineServer.start(config);
    }

    /** Opens {@code config.connections()} connections to the configured server. */
    public static TransportClient connect(TransportConfig config) throws IOException {
        requireProtocol(config);
        return EngineClient.connect(config);
    }

    /** Before anything starts: a protocol whose optional dependencies are missing fails here, naming them. */
    private static void requireProtocol(TransportConfig config) {
        if (config.protocol() == dev.msgtrans.core.Protocol.QUIC) {
            QuicSupport.require();
        }
    }
}
