package dev.msgtrans.core.engine;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process "network" of {@link dev.msgtrans.core.Protocol#MEMORY}: names bound to started servers, the way
 * ports are bound to listening sockets. It is name resolution, not part of any connection's data path, so it is a
 * plain concurrent map and not a phase component.
 * <p>
 * Threading contract: every method from any thread. Binding a name that is bound fails with a
 * {@link BindException}; closing a server unbinds its name, after which it may be bound again.
 * <p>
 * Internal (see the package): public for the build's own modules, not API.
 */
public final class MemoryHub {

    /** How a bound server takes an in-memory connection: make its end, then open it once the client's end is open. */
    interface Acceptor {
        MemorySession accept(MemoryEndpoint client, String clientName) throws IOException;

        void open(MemorySession serverEnd);
    }

    private static final ConcurrentHashMap<String, Acceptor> BOUND = new ConcurrentHashMap<>();
    private static final AtomicLong CONNECTIONS = new AtomicLong();

    private MemoryHub() {
    }

    static void bind(String name, Acceptor acceptor) throws BindException {
        if (BOUND.putIfAbsent(name, acceptor) != null) {
            throw new BindException("memory address mem:" + name + " is already in use by a running server");
        }
    }

    static void unbind(String name, Acceptor acceptor) {
        BOUND.remove(name, acceptor);
    }

    static Acceptor lookup(String name) throws ConnectException {
        Acceptor a = BOUND.get(name);
        if (a == null) {
            throw new ConnectException("no memory server bound at mem:" + name);
        }
        return a;
    }

    /** The peer name a server sees for a new in-memory connection, e.g. {@code mem:echo#3}. */
    static String nextClientName(String name) {
        return "mem:" + name + "#" + CONNECTIONS.incrementAndGet();
    }

    /** @return {@code true} if a server is bound at {@code mem:name} now */
    public static boolean isBound(String name) {
        return BOUND.containsKey(name);
    }

    /**
     * Opens a raw in-memory connection to the server at {@code address} ({@code mem:name}): the in-memory
     * equivalent of a plain socket, for tests that must send arbitrary bytes or stop reading.
     */
    public static MemoryRawPeer connectRaw(String address) throws IOException {
        if (!address.startsWith("mem:")) {
            throw new IllegalArgumentException("not a memory address: '" + address + "' (expected mem:name)");
        }
        String name = address.substring(4);
        Acceptor acceptor = lookup(name);
        MemoryRawPeer raw = new MemoryRawPeer();
        MemorySession serverEnd = acceptor.accept(raw, nextClientName(name));
        raw.attach(serverEnd);
        acceptor.open(serverEnd);
        return raw;
    }
}
