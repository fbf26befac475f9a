package dev.msgtrans.core;

/** How frames travel. Every protocol carries the same msgtrans 1.0 frames through the same components. */
public enum Protocol {
    /** TCP over NIO: selector loops sized to the cores, TCP_NODELAY, gathering writes. */
    TCP,
    /**
     * In-process pipes with the same semantics (framing, decoder, outbound queues, I/O loops), so benchmarks can
     * separate the concurrency cost from the kernel's. Addresses are names, e.g. {@code mem:echo}.
     */
    MEMORY,
    /**
     * WebSocket (RFC 6455) over TCP on the same NIO loops, as the original's adapter maps it: one msgtrans packet per
     * binary message, a text message taken as a one-way packet with biz type 0, ping answered, a close message a
     * normal close. Addresses are {@code ws://host:port}.
     */
    WEBSOCKET,
    /**
     * QUIC (TLS 1.3 over UDP) through Netty's QUIC codec, whose classes a service adds with {@code msgtrans-quic}
     * (choosing QUIC without them fails at start-up, naming what to add). Addresses are {@code quic://host:port}.
     * A session keeps its order by default ({@link QuicOptions.Ordering#ORDERED}); the options, the certificate and
     * its verification are {@link QuicOptions}.
     */
    QUIC
}
