package dev.msgtrans.core;

/** How frames travel. Both protocols carry the same msgtrans 1.0 frames through the same components. */
public enum Protocol {
    /** TCP over NIO: selector loops sized to the cores, TCP_NODELAY, gathering writes. */
    TCP,
    /**
     * In-process pipes with the same semantics (framing, decoder, outbound queues, I/O loops), so benchmarks can
     * separate the concurrency cost from the kernel's. Addresses are names, e.g. {@code mem:echo}.
     */
    MEMORY
}
