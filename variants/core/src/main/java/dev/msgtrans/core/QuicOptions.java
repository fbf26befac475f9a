package dev.msgtrans.core;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The settings of {@link Protocol#QUIC}; the other protocols ignore them. Made by {@link Transport.Builder}
 * ({@code quic*} methods).
 *
 * @param ordering           how packets map onto QUIC streams; the client proposes it, the server follows
 * @param idleTimeoutMillis  QUIC's idle timeout: a connection without traffic for this long is closed by QUIC
 *                           itself (its {@code max_idle_timeout} transport parameter)
 * @param keepAliveMillis    0, or the period of a keep-alive (an ack-eliciting QUIC datagram) while the connection
 *                           is otherwise quiet, so that the idle timeout does not close it; below the idle timeout
 * @param certificate        server: its certificate, or {@code null} to generate a self-signed one at start-up
 *                           ({@link TransportServer#certificate()} exposes it)
 * @param privateKey         server: the key of {@code certificate}, {@code null} with it
 * @param trusted            client: empty to verify the server against the JVM's default trust store and the host
 *                           name; otherwise the certificates pinned (e.g. the server's self-signed one): only they are
 *                           trusted, and the host name is not checked (the pinned certificate identifies the server).
 *                           The server's certificate is verified either way unless {@code insecureSkipVerify}
 * @param insecureSkipVerify client: accept any server certificate. Anyone on the path can then read and change the
 *                           traffic; for a test bench only, and warned about through the error sink at connect
 */
public record QuicOptions(Ordering ordering, long idleTimeoutMillis, long keepAliveMillis, X509Certificate certificate,
                          PrivateKey privateKey, List<X509Certificate> trusted, boolean insecureSkipVerify) {

    /** Ordered, 30 s idle timeout, no keep-alive, a generated certificate, verification against the default trust. */
    public static final QuicOptions DEFAULT = new QuicOptions(Ordering.ORDERED, 30_000, 0, null, null, List.of(), false);

    /** How a session's packets travel on QUIC streams. */
    public enum Ordering {
        /**
         * One long-lived unidirectional stream per direction carries the session's frames in order, as a TCP
         * connection does: the session keeps the order of its packets (what every protocol promises, and what the
         * conformance suite and the soak check), and a graceful close ends the stream as TCP's half-close ends a
         * connection. The default. ALPN {@value #ORDERED_ALPN}.
         */
        ORDERED,
        /**
         * The original's mapping: one unidirectional stream per packet (open, write the packet, finish; the receiver
         * reads the stream to its end and decodes it). Streams are independent, so packets of one session may
         * arrive in another order than they were sent, and a connection's close can discard packets still in
         * flight. For peers that speak the original's mapping. ALPN {@value #PER_PACKET_ALPN}.
         */
        STREAM_PER_PACKET;

        public static final String ORDERED_ALPN = "msgtrans-ordered";
        public static final String PER_PACKET_ALPN = "msgtrans";

        /** The TLS application protocol (ALPN) that names this ordering on the wire. */
        public String alpn() {
            return this == ORDERED ? ORDERED_ALPN : PER_PACKET_ALPN;
        }
    }

    public QuicOptions {
        Objects.requireNonNull(ordering, "ordering");
        trusted = List.copyOf(Objects.requireNonNull(trusted, "trusted"));
        if (idleTimeoutMillis <= 0) {
            throw new IllegalArgumentException("quic idleTimeoutMillis must be positive, was " + idleTimeoutMillis);
        }
        if (keepAliveMillis < 0 || (keepAliveMillis > 0 && keepAliveMillis >= idleTimeoutMillis)) {
            throw new IllegalArgumentException("quic keepAliveMillis must be 0 (off) or below the idle timeout ("
                    + idleTimeoutMillis + " ms), was " + keepAliveMillis);
        }
        if ((certificate == null) != (privateKey == null)) {
            throw new IllegalArgumentException("a QUIC server certificate needs its private key, and a key its certificate");
        }
    }

    QuicOptions with(Ordering o) {
        return new QuicOptions(o, idleTimeoutMillis, keepAliveMillis, certificate, privateKey, trusted, insecureSkipVerify);
    }
}
