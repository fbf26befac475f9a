package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportConfig;
import dev.msgtrans.core.TransportEvent.TransportError;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.codec.CodecLimits;
import dev.msgtrans.core.engine.MemoryHub;
import dev.msgtrans.testkit.e2e.E2eTarget;
import dev.msgtrans.testkit.e2e.EventRecorder;
import dev.msgtrans.testkit.e2e.RawFrames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.msgtrans.testkit.e2e.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits an untrusted network meets, each configured on the builder: frame parts (payload, extended header),
 * sessions at once, idle time. Their defaults are the safe ones of {@link TransportConfig}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LimitsTest {

    private static final Duration PATIENCE = EventRecorder.PATIENCE;

    @Test
    void theDefaultsAreBounded() {
        TransportConfig c = dev.msgtrans.core.Transport.builder().config();
        assertEquals(1 << 20, c.maxPayload(), "payload: the original's 1 MiB");
        assertEquals(0xFFFF, c.maxExtHeader(), "extended header: the u16 maximum");
        assertTrue(c.maxSessions() > 0 && c.maxSessions() <= 100_000, "sessions bounded: " + c.maxSessions());
        assertTrue(c.outboundCapacity() > 0 && c.mailboxCapacity() > 0 && c.eventBufferCapacity() > 0);
        assertEquals(CodecLimits.DEFAULT, new CodecLimits(c.maxPayload(), c.maxExtHeader()));
    }

    /** The extra connection is refused with a server-wide SESSION_LIMIT error; the admitted ones keep working. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void theSessionLimitRefusesTheExtraConnection(E2eTarget t) throws Exception {
        int limit = 3;
        try (TransportServer server = t.server().handler(MessageHandler.echo()).maxSessions(limit).startServer()) {
            SessionOutcomes outcomes = SessionOutcomes.subscribe(server.events(), PATIENCE);
            List<TransportClient> admitted = new ArrayList<>();
            try {
                for (int i = 0; i < limit; i++) {
                    admitted.add(t.client(server.address()).connect());
                }
                eventually(() -> assertEquals(limit, server.sessions().size()));
                if (t.protocol() == Protocol.TCP || t.protocol() == Protocol.WEBSOCKET) {
                    // accepted by the kernel, then closed by the server without a session (over WebSocket too:
                    // the limit refuses the connection before any upgrade)
                    try (Socket extra = new Socket()) {
                        String a = server.address();
                        extra.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(a.substring(a.lastIndexOf(':') + 1))));
                        extra.setSoTimeout((int) PATIENCE.toMillis());
                        assertEquals(-1, readOrReset(extra.getInputStream()), "the server closes the extra connection");
                    }
                } else if (t.protocol() == Protocol.QUIC) {
                    // the QUIC handshake completes, then the server closes the connection without a session
                    try (dev.msgtrans.testkit.e2e.RawConnection extra = t.raw(server.address())) {
                        extra.drain(1, PATIENCE);
                        assertTrue(extra.ended(), "the server closes the extra connection");
                    } catch (java.io.IOException closedWhileSettingUp) {
                        // closed before its stream could open: refused all the same
                    }
                } else {
                    ConnectException e = assertThrows(ConnectException.class, () -> MemoryHub.connectRaw(server.address()));
                    assertTrue(e.getMessage().contains("session limit " + limit), e.getMessage());
                }
                eventually(() -> assertEquals(1, outcomes.serverWideErrors().size()));
                TransportError err = outcomes.serverWideErrors().get(0);
                assertEquals("SESSION_LIMIT", err.cause());
                assertTrue(err.message().contains(limit + " sessions open (maxSessions)"), err.message());
                assertEquals(limit, server.stats().sessionsOpened(), "the refused connection never became a session");
                for (TransportClient c : admitted) {
                    byte[] q = "still served".getBytes(StandardCharsets.UTF_8);
                    assertArrayEquals(q, c.request(Packet.request(1, q), PATIENCE).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).payload());
                }
                // room again once one leaves
                admitted.remove(0).close();
                eventually(() -> assertEquals(limit - 1, server.sessions().size()));
                try (TransportClient again = t.client(server.address()).connect()) {
                    byte[] q = "admitted".getBytes(StandardCharsets.UTF_8);
                    assertArrayEquals(q, again.request(Packet.request(1, q), PATIENCE).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).payload());
                }
            } finally {
                for (TransportClient c : admitted) {
                    c.close();
                }
            }
        }
    }

    /** -1 on a clean close; a reset counts as closed too (the kernel may answer our FIN-less socket with RST). */
    private static int readOrReset(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException reset) {
            return -1;
        }
    }

    /**
     * A session that sends nothing is closed with IDLE_TIMEOUT; a session that keeps sending (one request every
     * twentieth of the limit) outlives it. Only a stall of the whole JVM longer than the limit could close the busy
     * one, so the limit is a full second: a few hundred milliseconds of starvation or GC on a loaded CI machine must
     * not look like an idle peer.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void idleSessionsAreClosed(E2eTarget t) throws Exception {
        long idleMillis = 1_000;
        try (TransportServer server = t.server().handler(MessageHandler.echo()).idleTimeoutMillis(idleMillis)
                .requestTickMillis(10).startServer()) {
            SessionOutcomes outcomes = SessionOutcomes.subscribe(server.events(), PATIENCE);
            try (FaultyPeer idle = FaultyPeer.open(t.protocol(), server.address());
                 TransportClient busy = t.client(server.address()).connect()) {
                long idleSession = idle.serverSession(outcomes);
                AtomicBoolean stop = new AtomicBoolean();
                AtomicLong trips = new AtomicLong();
                Thread pinger = new Thread(() -> {
                    long next = System.nanoTime();
                    while (!stop.get()) {
                        try {
                            busy.request(Packet.request(1, new byte[]{1}), PATIENCE).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                            trips.incrementAndGet();
                        } catch (Exception e) {
                            return; // the assertion below sees the session's fate
                        }
                        next += TimeUnit.MILLISECONDS.toNanos(idleMillis / 20);
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                }, "idle-pinger");
                pinger.start();
                SessionOutcomes.Outcome o = outcomes.awaitClosed(idleSession);
                stop.set(true);
                pinger.join();
                assertEquals(CloseReason.IDLE_TIMEOUT, o.reason());
                assertTrue(trips.get() > 0);
                assertEquals(1, server.sessions().size(), "the busy session is still open");
                assertNotEquals(idleSession, server.sessions().get(0));
            }
        }
    }

    /** Smaller limits than the defaults are enforced on the header, before the body is buffered. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void frameLimitsAreConfigurable(E2eTarget t) throws Exception {
        // a short linger: the faulty peer never ends its stream, so the server waits that long after its replies
        try (TransportServer server = t.server().handler(MessageHandler.echo()).maxPayload(100).maxExtHeader(10)
                .closeLingerMillis(300).startServer()) {
            SessionOutcomes outcomes = SessionOutcomes.subscribe(server.events(), PATIENCE);
            byte[][] bad = {
                    RawFrames.header(1, 0, 0, 1, 0, 11, 0, 0),   // extended header one over
                    RawFrames.header(1, 0, 0, 1, 0, 0, 101, 0),  // payload one over
            };
            String[] causes = {"EXT_HEADER_TOO_LARGE", "PAYLOAD_TOO_LARGE"};
            for (int i = 0; i < bad.length; i++) {
                try (FaultyPeer peer = FaultyPeer.open(t.protocol(), server.address())) {
                    long s = peer.serverSession(outcomes);
                    // at the limits exactly: accepted
                    peer.write(ByteBuffer.allocate(16 + 10 + 100).put(RawFrames.header(1, 0, 0, 1, 0, 10, 100, 0)).array());
                    peer.write(bad[i]);
                    SessionOutcomes.Outcome o = outcomes.awaitClosed(s);
                    assertEquals(CloseReason.PROTOCOL_ERROR, o.reason());
                    assertEquals(causes[i], o.firstCause(), o.errors().toString());
                }
            }
            eventually(() -> {
                assertEquals(2, server.stats().protocolErrors());
                assertEquals(2, server.stats().packetsReceived(), "the frames at the limits were accepted");
            });
        }
    }
}
