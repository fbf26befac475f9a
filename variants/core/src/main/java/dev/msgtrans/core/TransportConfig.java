package dev.msgtrans.core;

import dev.msgtrans.core.spi.Composition;
import dev.msgtrans.core.spi.ConnectionPool;

/**
 * Everything a server or client is built from; made by {@link Transport.Builder}. The defaults are safe for an
 * untrusted network: bounded frames, bounded queues, bounded sessions.
 *
 * @param protocol             TCP, WebSocket, QUIC or in-memory
 * @param composition          the variant per phase
 * @param host                 bind or connect host (TCP, WebSocket); ignored in memory
 * @param port                 bind or connect port (TCP; 0 binds an ephemeral port)
 * @param memoryName           endpoint name (in memory)
 * @param handler              application handler (server and client)
 * @param ioThreads            selector (or in-memory I/O) loops; default: the available processors
 * @param dispatchWorkers      worker threads running actors; default: the available processors
 * @param dispatchSpins        busy-spins of an idle dispatch worker before it yields or blocks, the same for every
 *                             variant's dispatch ({@link dev.msgtrans.core.spi.IdleStrategy#of});
 *                             default {@link #DEFAULT_DISPATCH_SPINS}
 * @param dispatchYields       {@link Thread#yield()} calls of an idle dispatch worker after spinning, before it
 *                             blocks; default {@link #DEFAULT_DISPATCH_YIELDS}
 * @param maxSessions          sessions accepted at once; more are refused at accept with an error event
 * @param mailboxCapacity      per-session actor mailbox bound
 * @param eventBufferCapacity  per-subscriber event buffer bound
 * @param outboundCapacity     per-session outbound queue bound, in packets
 * @param outboundBytes        per-session outbound bound in encoded bytes, with the water marks of its writability
 *                             signal; default {@link OutboundBytes#DEFAULT}
 * @param overflowPolicy       what a full outbound queue does
 * @param maxPayload           largest accepted payload, bytes
 * @param maxExtHeader         largest accepted extended header, bytes
 * @param idleTimeoutMillis    sessions idle longer are closed; 0 disables
 * @param requestTickMillis    how often pending requests are checked for expiry
 * @param closeLingerMillis    how long a graceful close (the peer finished, or sent a bad frame) may take to
 *                             handle what was accepted, write the replies and see the peer's end of stream, before
 *                             the connection is closed anyway; also the bound of a server's or client's graceful
 *                             {@code close()}
 * @param connections          client: connections in the pool
 * @param connectionReuse      client: which idle connection of the pool a send or request takes
 *                             ({@link ConnectionPool.Reuse}); default {@link ConnectionPool.Reuse#FIFO}
 * @param acquireTimeoutMillis client: how long a send or request waits for a pooled connection
 * @param connectTimeoutMillis client: how long one TCP connect may take before it fails with an
 *                             {@code IOException} naming the target and this bound; connects run in the
 *                             background (see {@link TransportClient}), never on a send; ignored in memory
 * @param allowControl         permit a deliberately broken control variant (tests and harnesses only)
 * @param errorSink            where every error goes besides the event stream; default
 *                             {@link SystemLoggerErrorSink}
 * @param roundTrips           told the round trip of every answered request this node issued; {@code null}: none
 *                             (nothing is timed)
 * @param quic                 the QUIC settings (ordering, timeouts, certificate and its verification); ignored by
 *                             the other protocols; default {@link QuicOptions#DEFAULT}
 * @param alsoListen           server: listeners beside the one {@code protocol}, {@code host} and {@code port} (or
 *                             {@code memoryName}) describe, sharing its sessions ({@link Transport.Builder#alsoListen});
 *                             ignored by a client; default none
 */
public record TransportConfig(
        Protocol protocol, Composition composition, String host, int port, String memoryName,
        MessageHandler handler, int ioThreads, int dispatchWorkers, int dispatchSpins, int dispatchYields,
        int maxSessions,
        int mailboxCapacity, int eventBufferCapacity, int outboundCapacity, OutboundBytes outboundBytes,
        OverflowPolicy overflowPolicy,
        int maxPayload, int maxExtHeader, long idleTimeoutMillis, long requestTickMillis,
        long closeLingerMillis,
        int connections, ConnectionPool.Reuse connectionReuse, long acquireTimeoutMillis, long connectTimeoutMillis,
        boolean allowControl, ErrorSink errorSink, RoundTripRecorder roundTrips, QuicOptions quic,
        java.util.List<Endpoint> alsoListen) {

    public static final int DEFAULT_MAX_PAYLOAD = 1 << 20;
    // 64 KiB as the original, less one: the wire field is a u16
    public static final int DEFAULT_MAX_EXT_HEADER = 0xFFFF;

    /** System property that overrides {@link #DEFAULT_DISPATCH_SPINS} for the JVM (a non-negative integer). */
    public static final String DISPATCH_SPINS_PROPERTY = "msgtrans.dispatch.spins";
    /** System property that overrides {@link #DEFAULT_DISPATCH_YIELDS} for the JVM (a non-negative integer). */
    public static final String DISPATCH_YIELDS_PROPERTY = "msgtrans.dispatch.yields";
    /**
     * Default busy-spins of an idle dispatch worker: {@value #DISPATCH_SPINS_PROPERTY} if set, else 0 with fewer
     * than 4 available processors and 100 (a few microseconds of {@link Thread#onSpinWait()}) with 4 or more. On 2
     * cores a server's and a client's workers share the cores with their I/O loops, so every spin there is taken
     * from an I/O thread and no spin count beat none. With cores to spare a short spin catches the next task of a
     * burst without a park/unpark pair; the 100 is a judgement, not a measurement: check it with your own cores
     * ({@code docs/fairness.md} has the figures and the command).
     */
    public static final int DEFAULT_DISPATCH_SPINS = nonNegativeProperty(DISPATCH_SPINS_PROPERTY, defaultSpins());
    /**
     * Default yields of an idle dispatch worker: {@value #DISPATCH_YIELDS_PROPERTY} if set, else 0. A yielding
     * worker stays runnable, so on a box with fewer cores than busy threads it takes turns from the I/O threads,
     * and it is not parked, so producers do not wake a parked worker for a task that arrives meanwhile: the task
     * waits for the scheduler to come back to the yielder. Yields pay off only with cores to spare (measured in
     * {@code docs/fairness.md}).
     */
    public static final int DEFAULT_DISPATCH_YIELDS = nonNegativeProperty(DISPATCH_YIELDS_PROPERTY, 0);

    public TransportConfig {
        if (composition.usesControl() && !allowControl) {
            throw new IllegalArgumentException("composition '" + composition.alias()
                    + "' uses a control variant, which is deliberately unsafe; it is for correctness harnesses only"
                    + " (Transport.Builder.allowControlVariants())");
        }
        java.util.Objects.requireNonNull(errorSink, "errorSink");
        java.util.Objects.requireNonNull(quic, "quic");
        alsoListen = alsoListen == null ? java.util.List.of() : java.util.List.copyOf(alsoListen);
        if ((protocol == Protocol.QUIC ? 1 : 0) + alsoListen.stream().filter(e -> e.protocol() == Protocol.QUIC).count()
                > 1) {
            throw new IllegalArgumentException("at most one QUIC listener per server (one UDP channel and event loop"
                    + " per node), listeners were " + protocol + " and " + alsoListen);
        }
        java.util.Objects.requireNonNull(connectionReuse, "connectionReuse");
        java.util.Objects.requireNonNull(outboundBytes, "outboundBytes");
        positive("ioThreads", ioThreads);
        positive("dispatchWorkers", dispatchWorkers);
        if (dispatchSpins < 0 || dispatchYields < 0) {
            throw new IllegalArgumentException("dispatchSpins and dispatchYields must be >= 0, were " + dispatchSpins
                    + " and " + dispatchYields);
        }
        positive("maxSessions", maxSessions);
        positive("mailboxCapacity", mailboxCapacity);
        positive("eventBufferCapacity", eventBufferCapacity);
        positive("outboundCapacity", outboundCapacity);
        positive("maxPayload", maxPayload);
        positive("connections", connections);
        positive("requestTickMillis", requestTickMillis);
        positive("closeLingerMillis", closeLingerMillis);
        positive("connectTimeoutMillis", connectTimeoutMillis);
        if (maxExtHeader < 0 || maxExtHeader > 0xFFFF) {
            throw new IllegalArgumentException("maxExtHeader must be 0-65535 (u16 on the wire), was " + maxExtHeader);
        }
        long largest = OutboundBytes.largestFrame(maxPayload, maxExtHeader);
        if (outboundBytes.limit() < largest) {
            throw new IllegalArgumentException("outboundBytes.limit (" + outboundBytes.limit() + ") must hold the"
                    + " largest frame (" + largest + " bytes under maxPayload " + maxPayload + " and maxExtHeader "
                    + maxExtHeader + "), or such a frame could never be sent");
        }
    }

    /** The configuration before round trips could be recorded and before QUIC: none timed, {@link QuicOptions#DEFAULT}. */
    public TransportConfig(
            Protocol protocol, Composition composition, String host, int port, String memoryName,
            MessageHandler handler, int ioThreads, int dispatchWorkers, int dispatchSpins, int dispatchYields,
            int maxSessions,
            int mailboxCapacity, int eventBufferCapacity, int outboundCapacity, OutboundBytes outboundBytes,
            OverflowPolicy overflowPolicy,
            int maxPayload, int maxExtHeader, long idleTimeoutMillis, long requestTickMillis,
            long closeLingerMillis,
            int connections, ConnectionPool.Reuse connectionReuse, long acquireTimeoutMillis, long connectTimeoutMillis,
            boolean allowControl, ErrorSink errorSink) {
        this(protocol, composition, host, port, memoryName, handler, ioThreads, dispatchWorkers, dispatchSpins,
                dispatchYields, maxSessions, mailboxCapacity, eventBufferCapacity, outboundCapacity, outboundBytes,
                overflowPolicy, maxPayload, maxExtHeader, idleTimeoutMillis, requestTickMillis, closeLingerMillis,
                connections, connectionReuse, acquireTimeoutMillis, connectTimeoutMillis, allowControl, errorSink,
                null, QuicOptions.DEFAULT, java.util.List.of());
    }

    /** The configuration before the outbound byte bound was a setting: {@link OutboundBytes#DEFAULT}. */
    public TransportConfig(
            Protocol protocol, Composition composition, String host, int port, String memoryName,
            MessageHandler handler, int ioThreads, int dispatchWorkers, int dispatchSpins, int dispatchYields,
            int maxSessions,
            int mailboxCapacity, int eventBufferCapacity, int outboundCapacity, OverflowPolicy overflowPolicy,
            int maxPayload, int maxExtHeader, long idleTimeoutMillis, long requestTickMillis,
            long closeLingerMillis,
            int connections, ConnectionPool.Reuse connectionReuse, long acquireTimeoutMillis, long connectTimeoutMillis,
            boolean allowControl, ErrorSink errorSink) {
        this(protocol, composition, host, port, memoryName, handler, ioThreads, dispatchWorkers, dispatchSpins,
                dispatchYields, maxSessions, mailboxCapacity, eventBufferCapacity, outboundCapacity,
                OutboundBytes.DEFAULT, overflowPolicy, maxPayload, maxExtHeader, idleTimeoutMillis, requestTickMillis,
                closeLingerMillis, connections, connectionReuse, acquireTimeoutMillis, connectTimeoutMillis,
                allowControl, errorSink);
    }

    /** The configuration before the reuse order was a setting: FIFO reuse, as then. */
    public TransportConfig(
            Protocol protocol, Composition composition, String host, int port, String memoryName,
            MessageHandler handler, int ioThreads, int dispatchWorkers, int dispatchSpins, int dispatchYields,
            int maxSessions,
            int mailboxCapacity, int eventBufferCapacity, int outboundCapacity, OverflowPolicy overflowPolicy,
            int maxPayload, int maxExtHeader, long idleTimeoutMillis, long requestTickMillis,
            long closeLingerMillis,
            int connections, long acquireTimeoutMillis, long connectTimeoutMillis, boolean allowControl,
            ErrorSink errorSink) {
        this(protocol, composition, host, port, memoryName, handler, ioThreads, dispatchWorkers, dispatchSpins,
                dispatchYields, maxSessions, mailboxCapacity, eventBufferCapacity, outboundCapacity, overflowPolicy,
                maxPayload, maxExtHeader, idleTimeoutMillis, requestTickMillis, closeLingerMillis, connections,
                ConnectionPool.Reuse.FIFO, acquireTimeoutMillis, connectTimeoutMillis, allowControl, errorSink);
    }

    private static int defaultSpins() {
        return Runtime.getRuntime().availableProcessors() >= 4 ? 100 : 0;
    }

    private static int nonNegativeProperty(String property, int fallback) {
        String v = System.getProperty(property);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the value
        }
        throw new IllegalArgumentException("system property " + property + " must be a non-negative integer, was '"
                + v + "'");
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + v);
        }
    }
}
