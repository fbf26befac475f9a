package dev.msgtrans.core;

import java.util.Objects;

/**
 * Where a server listens or a client connects: a protocol with its host and port, or a name in memory. The text form
 * is what {@link TransportServer#address()} returns and {@link Transport.Builder#connectTo} and
 * {@link Transport.Builder#alsoListen} take: {@code host:port} (TCP), {@code ws://host:port} (WebSocket),
 * {@code quic://host:port} (QUIC), {@code mem:name} (in memory). Immutable.
 *
 * @param protocol   how frames travel
 * @param host       host or address literal; {@code null} in memory
 * @param port       port, 0 for an ephemeral one when listening; 0 in memory
 * @param memoryName the endpoint's name in memory; {@code null} otherwise
 */
public record Endpoint(Protocol protocol, String host, int port, String memoryName) {

    public Endpoint {
        Objects.requireNonNull(protocol, "protocol");
        if (protocol == Protocol.MEMORY) {
            Objects.requireNonNull(memoryName, "memoryName");
        } else {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port must be 0-65535, was " + port);
            }
        }
    }

    /** @throws IllegalArgumentException naming the accepted forms when {@code address} is none of them */
    public static Endpoint parse(String address) {
        if (address.startsWith("mem:")) {
            return new Endpoint(Protocol.MEMORY, null, 0, address.substring(4));
        }
        Protocol protocol = Protocol.TCP;
        String hostPort = address;
        if (address.startsWith("ws://")) {
            protocol = Protocol.WEBSOCKET;
            hostPort = address.substring(5);
            if (hostPort.endsWith("/")) {
                hostPort = hostPort.substring(0, hostPort.length() - 1); // the path is not used: the server serves any
            }
        } else if (address.startsWith("quic://")) {
            protocol = Protocol.QUIC;
            hostPort = address.substring(7);
        }
        int colon = hostPort.lastIndexOf(':');
        try {
            if (colon < 0) {
                throw new NumberFormatException("no port");
            }
            return new Endpoint(protocol, hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)),
                    null);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address must be host:port, ws://host:port, quic://host:port or"
                    + " mem:name, was '" + address + "'", e);
        }
    }

    /** The text form, as {@link #parse} takes it. */
    public String address() {
        return switch (protocol) {
            case TCP -> host + ":" + port;
            case WEBSOCKET -> "ws://" + host + ":" + port;
            case QUIC -> "quic://" + host + ":" + port;
            case MEMORY -> "mem:" + memoryName;
        };
    }

    @Override
    public String toString() {
        return address();
    }
}
