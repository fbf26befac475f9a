package dev.msgtrans.core;

import dev.msgtrans.core.spi.Composition;

/**
 * Everything a server or client is built from; made by {@link Transport.Builder}. The defaults are safe for an
 * untrusted network: bounded frames, bounded queues, bounded sessions.
 *
 * @param protocol             TCP or in-memory
 * @param composition          the variant per phase
 * @param host                 bind or connect host (TCP); ignored in memory
 * @param port                 bind or connect port (TCP; 0 binds an ephemeral port)
 * @param memoryName           endpoint name (in memory)
 * @param handler              application handler (server and client)
 * @param ioThreads            selector (or in-memory I/O) loops; default: the available processors
 * @param dispatchWorkers      worker threads running actors; default: the available processors
 * @param maxSessions          sessions accepted at once; more are refused at accept with an error event
 * @param mailboxCapacity      per-session actor mailbox bound
 * @param eventBufferCapacity  per-subscriber event buffer bound
 * @param outboundCapacity     per-session outbound queue bound, in packets
 * @param overflowPolicy       what a full outbound queue does
 * @param maxPayload           largest accepted payload, bytes
 * @param maxExtHeader         largest accepted extended header, bytes
 * @param idleTimeoutMillis    sessions idle longer are closed; 0 disables
 * @param requestTickMillis    how often pending requests are checked for expiry
 * @param connections          client: connections in the pool
 * @param acquireTimeoutMillis client: how long a send or request waits for a pooled connection
 * @param allowControl         permit a deliberately broken control variant (tests and harnesses only)
 */
public record TransportConfig(
        Protocol protocol, Composition composition, String host, int port, String memoryName,
        MessageHandler handler, int ioThreads, int dispatchWorkers, int maxSessions,
        int mailboxCapacity, int eventBufferCapacity, int outboundCapacity, OverflowPolicy overflowPolicy,
        int maxPayload, int maxExtHeader, long idleTimeoutMillis, long requestTickMillis,
        int connections, long acquireTimeoutMillis, boolean allowControl) {

    public static final int DEFAULT_MAX_PAYLOAD = 1 << 20;
    // 64 KiB as the original, less one: the wire field is a u16
    public static final int DEFAULT_MAX_EXT_HEADER = 0xFFFF;

    public TransportConfig {
        if (composition.usesControl() && !allowControl) {
            throw new IllegalArgumentException("composition '" + composition.alias()
                    + "' uses a control variant, which is deliberately unsafe; it is for correctness harnesses only"
                    + " (Transport.Builder.allowControlVariants())");
        }
        positive("ioThreads", ioThreads);
        positive("dispatchWorkers", dispatchWorkers);
        positive("maxSessions", maxSessions);
        positive("mailboxCapacity", mailboxCapacity);
        positive("eventBufferCapacity", eventBufferCapacity);
        positive("outboundCapacity", outboundCapacity);
        positive("maxPayload", maxPayload);
        positive("connections", connections);
        positive("requestTickMillis", requestTickMillis);
        if (maxExtHeader < 0 || maxExtHeader > 0xFFFF) {
            throw new IllegalArgumentException("maxExtHeader must be 0-65535 (u16 on the wire), was " + maxExtHeader);
        }
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + v);
        }
    }
}
