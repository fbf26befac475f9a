package dev.msgtrans.core.engine;

import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportConfig;
import dev.msgtrans.core.TransportServer;

import java.io.IOException;

/** Entry point from {@link dev.msgtrans.core.Transport.Builder} to the protocol engines (being written). */
public final class Engine {
    private Engine() {
    }

    public static TransportServer startServer(TransportConfig config) throws IOException {
        throw new UnsupportedOperationException("engine in progress");
    }

    public static TransportClient connect(TransportConfig config) throws IOException {
        throw new UnsupportedOperationException("engine in progress");
    }
}
