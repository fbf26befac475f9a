package dev.msgtrans.guide.port;

import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.Transport;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builders for the tests: small thread counts (the machine is shared), TCP or WebSocket loopback, or a fresh
 * in-memory name.
 */
final class Endpoints {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private Endpoints() {
    }

    static Transport.Builder server(Protocol protocol) {
        Transport.Builder b = Transport.builder().ioThreads(1).dispatchWorkers(2);
        return switch (protocol) {
            case TCP -> b.tcp("127.0.0.1", 0);
            case WEBSOCKET -> b.websocket("127.0.0.1", 0);
            case MEMORY -> b.memory("presence-" + NAMES.incrementAndGet());
            // the worked port's tests run over the socket protocols and memory; QUIC would need a pinned certificate
            case QUIC -> throw new IllegalArgumentException("the presence tests do not run over QUIC");
        };
    }

    static Transport.Builder client(String variant, String address) {
        return Transport.builder().variant(variant).connectTo(address).ioThreads(1).dispatchWorkers(1);
    }
}
