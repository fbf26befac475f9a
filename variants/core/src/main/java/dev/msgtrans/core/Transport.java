package dev.msgtrans.core;

import dev.msgtrans.core.engine.Engine;
import dev.msgtrans.core.spi.Composition;
import dev.msgtrans.core.spi.ConnectionPool;

import java.io.IOException;
import java.util.Objects;

/**
 * The one builder for servers and clients, whatever the variant and protocol.
 *
 * <pre>{@code
 * try (TransportServer server = Transport.builder()
 *         .variant("phase3")                 // a preset, a variant alias, or a spec
 *         .tcp("127.0.0.1", 0)
 *         .handler(MessageHandler.echo())
 *         .startServer();
 *      TransportClient client = Transport.builder().variant("phase3").connectTo(server.address()).connect()) {
 *     Packet reply = client.request(Packet.request(7, bytes), Duration.ofSeconds(1)).join();
 * }
 * }</pre>
 */
public final class Transport {

    private Transport() {
    }

    /**
     * The system property that chooses the variant when the builder is not told ({@link Builder#variant}): a preset,
     * a variant alias or a spec, as {@link Builder#variant(String)} takes. A canary host or a rollback is then a
     * change of configuration, not of code. Read when the builder makes its configuration (at start-up).
     */
    public static final String VARIANT_PROPERTY = "msgtrans.variant";

    /** The environment variable read when {@link #VARIANT_PROPERTY} is not set. */
    public static final String VARIANT_ENV = "MSGTRANS_VARIANT";

    /** The variant when neither the builder, the property nor the environment names one. */
    public static final String DEFAULT_VARIANT = "mutex";

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The variant the configuration names: {@link #VARIANT_PROPERTY}, else {@link #VARIANT_ENV}, else
     * {@link #DEFAULT_VARIANT}; an unknown name fails here, naming where it came from and the known ones.
     */
    static Composition configuredVariant(String property, String environment) {
        String source;
        String value;
        if (property != null && !property.isBlank()) {
            source = "system property " + VARIANT_PROPERTY;
            value = property.trim();
        } else if (environment != null && !environment.isBlank()) {
            source = "environment variable " + VARIANT_ENV;
            value = environment.trim();
        } else {
            return Composition.resolve(DEFAULT_VARIANT);
        }
        try {
            return Composition.resolve(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " = '" + value + "': " + e.getMessage(), e);
        }
    }

    /** Mutable, not thread-safe; each {@code startServer}/{@code connect} takes a snapshot. */
    public static final class Builder {
        private Protocol protocol = Protocol.TCP;
        private Composition variant;
        private String host = "127.0.0.1";
        private int port;
        private String memoryName = "default";
        private MessageHandler handler = (ctx, p) -> { };
        private int ioThreads = Runtime.getRuntime().availableProcessors();
        private int dispatchWorkers = Runtime.getRuntime().availableProcessors();
        private int dispatchSpins = TransportConfig.DEFAULT_DISPATCH_SPINS;
        private int dispatchYields = TransportConfig.DEFAULT_DISPATCH_YIELDS;
        private int maxSessions = 10_000;
        private int mailboxCapacity = 1024;
        private int eventBufferCapacity = 1024;
        private int outboundCapacity = 4096;
        /** {@code null}: {@link OutboundBytes#defaultFor} the payload bounds. */
        private OutboundBytes outboundBytes;
        private OverflowPolicy overflowPolicy = OverflowPolicy.FAIL_SEND;
        private int maxPayload = TransportConfig.DEFAULT_MAX_PAYLOAD;
        private int maxExtHeader = TransportConfig.DEFAULT_MAX_EXT_HEADER;
        private long idleTimeoutMillis;
        private long requestTickMillis = 10;
        private long closeLingerMillis = 5_000;
        private int connections = 1;
        private ConnectionPool.Reuse connectionReuse = ConnectionPool.Reuse.FIFO;
        private long acquireTimeoutMillis = 5_000;
        private long connectTimeoutMillis = 5_000;
        private boolean allowControl;
        private ErrorSink errorSink;
        private RoundTripRecorder roundTrips;
        private QuicOptions quic = QuicOptions.DEFAULT;
        private final java.util.List<Endpoint> alsoListen = new java.util.ArrayList<>();

        private Builder() {
        }

        /**
         * A preset ({@code baseline}, {@code phase1..3}), a variant alias, or a spec; see {@link Composition}.
         * Unknown names fail here. Without this call the configuration chooses ({@link #VARIANT_PROPERTY}).
         */
        public Builder variant(String alias) {
            this.variant = Composition.resolve(Objects.requireNonNull(alias));
            return this;
        }

        /** A composition made in code ({@link Composition#resolve}, {@link Composition#uniform}). */
        public Builder variant(Composition composition) {
            this.variant = Objects.requireNonNull(composition);
            return this;
        }

        public Builder tcp(String host, int port) {
            this.protocol = Protocol.TCP;
            this.host = host;
            this.port = port;
            return this;
        }

        /** A WebSocket server listening on, or a client connecting to, {@code ws://host:port}. */
        public Builder websocket(String host, int port) {
            this.protocol = Protocol.WEBSOCKET;
            this.host = host;
            this.port = port;
            return this;
        }

        public Builder memory(String name) {
            this.protocol = Protocol.MEMORY;
            this.memoryName = name;
            return this;
        }

        /** QUIC on {@code host:port} (port 0 binds an ephemeral one); its settings are the {@code quic*} methods. */
        public Builder quic(String host, int port) {
            this.protocol = Protocol.QUIC;
            this.host = host;
            this.port = port;
            return this;
        }

        /**
         * Parses "host:port" (TCP), "ws://host:port" (WebSocket), "quic://host:port" (QUIC) or "mem:name" (in memory),
         * as returned by {@link TransportServer#address()}.
         */
        public Builder connectTo(String address) {
            Endpoint e = Endpoint.parse(address);
            this.protocol = e.protocol();
            if (e.protocol() == Protocol.MEMORY) {
                this.memoryName = e.memoryName();
            } else {
                this.host = e.host();
                this.port = e.port();
            }
            return this;
        }

        /**
         * Server: listen on {@code address} as well ({@code host:port}, {@code ws://host:port}, {@code quic://host:port}
         * or {@code mem:name}; port 0 binds an ephemeral one), beside the endpoint {@link #tcp}, {@link #websocket},
         * {@link #quic} or {@link #memory} set. Sessions from every listener live in the one session registry, with the
         * one actor system, event stream, broadcast and request tracking; {@link TransportServer#addresses()} lists
         * where each listener is bound. At most one QUIC listener per server. Ignored by a client.
         */
        public Builder alsoListen(String address) {
            alsoListen.add(Endpoint.parse(address));
            return this;
        }

        public Builder handler(MessageHandler handler) {
            this.handler = Objects.requireNonNull(handler);
            return this;
        }

        public Builder ioThreads(int n) {
            this.ioThreads = n;
            return this;
        }

        public Builder dispatchWorkers(int n) {
            this.dispatchWorkers = n;
            return this;
        }

        /**
         * How an idle dispatch worker waits before it blocks, the same for every variant's dispatch
         * ({@link dev.msgtrans.core.spi.IdleStrategy#of}). Defaults:
         * {@link TransportConfig#DEFAULT_DISPATCH_SPINS}, {@link TransportConfig#DEFAULT_DISPATCH_YIELDS}. Raise the
         * spins only when the workers have cores to themselves; yields rarely pay on Linux.
         *
         * @param spins  busy-spins ({@link Thread#onSpinWait()}) before yielding, {@code >= 0}
         * @param yields {@link Thread#yield()} calls before parking, {@code >= 0}
         */
        public Builder dispatchIdle(int spins, int yields) {
            this.dispatchSpins = spins;
            this.dispatchYields = yields;
            return this;
        }

        public Builder maxSessions(int n) {
            this.maxSessions = n;
            return this;
        }

        public Builder mailboxCapacity(int n) {
            this.mailboxCapacity = n;
            return this;
        }

        public Builder eventBufferCapacity(int n) {
            this.eventBufferCapacity = n;
            return this;
        }

        public Builder outboundCapacity(int n) {
            this.outboundCapacity = n;
            return this;
        }

        /**
         * Per-session bound on queued outbound bytes and the water marks of the writability signal; default
         * {@link OutboundBytes#defaultFor} the configured {@code maxPayload} and {@code maxExtHeader}.
         */
        public Builder outboundBytes(OutboundBytes bytes) {
            this.outboundBytes = Objects.requireNonNull(bytes);
            return this;
        }

        public Builder overflowPolicy(OverflowPolicy policy) {
            this.overflowPolicy = Objects.requireNonNull(policy);
            return this;
        }

        public Builder maxPayload(int bytes) {
            this.maxPayload = bytes;
            return this;
        }

        public Builder maxExtHeader(int bytes) {
            this.maxExtHeader = bytes;
            return this;
        }

        public Builder idleTimeoutMillis(long ms) {
            this.idleTimeoutMillis = ms;
            return this;
        }

        public Builder requestTickMillis(long ms) {
            this.requestTickMillis = ms;
            return this;
        }

        /**
         * The bound on a graceful close: when the peer ends its stream or sends a bad frame, the session still
         * handles every packet it accepted and writes the replies, then (over TCP, after a bad frame) shuts its
         * output and waits for the peer's end of stream; after this long it closes anyway, with a
         * {@code LINGER_TIMEOUT} error event. It bounds the graceful close of a whole server or client the same way
         * ({@link TransportServer#close()}). Default 5 s.
         */
        public Builder closeLingerMillis(long ms) {
            this.closeLingerMillis = ms;
            return this;
        }

        /** Client: connections opened into the pool. */
        public Builder connections(int n) {
            this.connections = n;
            return this;
        }

        /**
         * Client: which idle connection of the pool a send or request takes, whatever the variant (every variant's
         * pool honours both orders). {@link ConnectionPool.Reuse#FIFO} (the default) takes the one idle longest, so
         * requests rotate over every connection and so over the I/O loops they live on.
         * {@link ConnectionPool.Reuse#LIFO} takes the one released last, so a light load stays on the few warm
         * connections (fewer, larger writes; fewer loops woken) and the others stay idle. Which is faster depends on
         * the load, the connections and the cores: {@code docs/fairness.md} says how to measure it.
         *
         * @throws NullPointerException if {@code reuse} is null
         */
        public Builder connectionReuse(ConnectionPool.Reuse reuse) {
            this.connectionReuse = Objects.requireNonNull(reuse, "reuse");
            return this;
        }

        public Builder acquireTimeoutMillis(long ms) {
            this.acquireTimeoutMillis = ms;
            return this;
        }

        /**
         * Client: the bound on one TCP connect. A connect that does not complete in time fails with an
         * {@code IOException} naming the target and this bound: {@link #connect()} throws it, and a replacement
         * connection opened in the background is discarded and retried by a later send. Default 5 s; ignored in
         * memory, where there is no network connect. Over WebSocket it bounds the upgrade as well, on both sides: a
         * client's connection counts as connected only once the server's {@code 101} arrived within it, and a server
         * closes a connection whose upgrade request has not arrived within it ({@code WS_HANDSHAKE_TIMEOUT}).
         */
        public Builder connectTimeoutMillis(long ms) {
            this.connectTimeoutMillis = ms;
            return this;
        }

        /** Permits the deliberately broken control variant; for correctness harnesses only. */
        public Builder allowControlVariants() {
            this.allowControl = true;
            return this;
        }

        /**
         * Where errors go besides {@code events()}: every {@link TransportEvent.TransportError}, with the
         * {@code Throwable} behind it. Default: a {@link SystemLoggerErrorSink}, which logs at {@code WARNING} the
         * errors no subscriber received (so a transport nobody subscribes to still reports its failures).
         */
        public Builder errorSink(ErrorSink sink) {
            this.errorSink = Objects.requireNonNull(sink);
            return this;
        }

        /**
         * Times every request this server or client issues and tells the answered ones' round trips to
         * {@code recorder} (see {@link RoundTripRecorder}). Off by default: then no request is timed. The timing is
         * the same whatever the variant (two {@link System#nanoTime()} calls and a completion callback per request).
         */
        public Builder roundTrips(RoundTripRecorder recorder) {
            this.roundTrips = Objects.requireNonNull(recorder, "recorder");
            return this;
        }

        /** QUIC: how packets map onto streams ({@link QuicOptions.Ordering}); default ordered. */
        public Builder quicOrdering(QuicOptions.Ordering ordering) {
            this.quic = quic.with(Objects.requireNonNull(ordering));
            return this;
        }

        /**
         * QUIC: the idle timeout (default 30 s) and the keep-alive period (0, the default, sends none; otherwise
         * below the idle timeout).
         */
        public Builder quicTimeouts(long idleTimeoutMillis, long keepAliveMillis) {
            this.quic = new QuicOptions(quic.ordering(), idleTimeoutMillis, keepAliveMillis, quic.certificate(),
                    quic.privateKey(), quic.trusted(), quic.insecureSkipVerify());
            return this;
        }

        /** QUIC server: serve this certificate and key instead of a self-signed certificate generated at start-up. */
        public Builder quicCertificate(java.security.cert.X509Certificate certificate, java.security.PrivateKey key) {
            this.quic = new QuicOptions(quic.ordering(), quic.idleTimeoutMillis(), quic.keepAliveMillis(),
                    Objects.requireNonNull(certificate), Objects.requireNonNull(key), quic.trusted(),
                    quic.insecureSkipVerify());
            return this;
        }

        /**
         * QUIC client: pin these certificates (e.g. the self-signed one the server generated,
         * {@link TransportServer#certificate()}): the server must present one of them (the host name is then not
         * checked). Without it the client verifies the server against the JVM's default trust store and the host
         * name.
         */
        public Builder quicTrust(java.security.cert.X509Certificate... certificates) {
            java.util.List<java.security.cert.X509Certificate> all = new java.util.ArrayList<>(quic.trusted());
            all.addAll(java.util.List.of(certificates));
            this.quic = new QuicOptions(quic.ordering(), quic.idleTimeoutMillis(), quic.keepAliveMillis(),
                    quic.certificate(), quic.privateKey(), all, quic.insecureSkipVerify());
            return this;
        }

        /**
         * QUIC client, INSECURE: accept any server certificate, as the original's client does. Anyone between client
         * and server can then read and change the traffic. Every connect reports a {@code QUIC_INSECURE} warning
         * through the error sink. For a test bench only; use {@link #quicTrust} instead.
         */
        public Builder quicInsecureSkipVerify() {
            this.quic = new QuicOptions(quic.ordering(), quic.idleTimeoutMillis(), quic.keepAliveMillis(),
                    quic.certificate(), quic.privateKey(), quic.trusted(), true);
            return this;
        }

        public TransportConfig config() {
            Composition c = variant != null ? variant
                    : configuredVariant(System.getProperty(VARIANT_PROPERTY), System.getenv(VARIANT_ENV));
            return new TransportConfig(protocol, c, host, port, memoryName, handler,
                    ioThreads, dispatchWorkers, dispatchSpins, dispatchYields, maxSessions, mailboxCapacity, eventBufferCapacity, outboundCapacity,
                    outboundBytes != null ? outboundBytes : OutboundBytes.defaultFor(maxPayload, maxExtHeader),
                    overflowPolicy, maxPayload, maxExtHeader, idleTimeoutMillis, requestTickMillis, closeLingerMillis,
                    connections, connectionReuse, acquireTimeoutMillis, connectTimeoutMillis, allowControl,
                    errorSink != null ? errorSink : new SystemLoggerErrorSink(), roundTrips, quic, alsoListen);
        }

        /** Binds and starts a server; {@link TransportServer#address()} tells where. */
        public TransportServer startServer() throws IOException {
            return Engine.startServer(config());
        }

        /** Opens {@link #connections(int)} connections to the server at the configured address. */
        public TransportClient connect() throws IOException {
            return Engine.connect(config());
        }
    }
}
