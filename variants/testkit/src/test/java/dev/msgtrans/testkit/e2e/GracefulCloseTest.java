package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.TransportEvent.ConnectionClosed;
import dev.msgtrans.core.TransportEvent.TransportError;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.TransportStats;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.msgtrans.testkit.e2e.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing accepted is lost when a connection ends: a peer that sends requests and then ends its stream (a TCP
 * half-close, as {@code nc} or a batch client does), or follows them with a bad frame or half a frame, gets a reply
 * to every request sent before, and then the server's end of stream. Each case runs 100 times with 1 and with 10
 * requests against every target (each real variant and preset, over TCP and in memory): a lost reply is a race, so
 * one try proves little.
 * <p>
 * Waits are liveness bounds ({@link EventRecorder#PATIENCE}), never speed assertions.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GracefulCloseTest {

    private static final int TRIES = 100;
    private static final List<Integer> REQUESTS = List.of(1, 10);
    private static final byte[] PAYLOAD = "8 bytes!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int REPLY_BYTES = RawFrames.HEADER_SIZE + PAYLOAD.length;
    private static final Duration WAIT = EventRecorder.PATIENCE;

    /** How the raw peer ends after its requests. */
    private enum Ending {
        FIN(CloseReason.PEER_CLOSED, null),
        BAD_FRAME(CloseReason.PROTOCOL_ERROR, "BAD_VERSION"),
        HALF_FRAME_THEN_FIN(CloseReason.PEER_CLOSED_MID_FRAME, "TRUNCATED_FRAME");

        final CloseReason reason;
        final String cause;

        Ending(CloseReason reason, String cause) {
            this.reason = reason;
            this.cause = cause;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void everyRequestBeforeAHalfCloseIsAnswered(E2eTarget t) throws Exception {
        run(t, Ending.FIN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void everyRequestBeforeABadFrameIsAnswered(E2eTarget t) throws Exception {
        run(t, Ending.BAD_FRAME);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void everyRequestBeforeATruncatedFrameIsAnswered(E2eTarget t) throws Exception {
        run(t, Ending.HALF_FRAME_THEN_FIN);
    }

    private static void run(E2eTarget t, Ending ending) throws Exception {
        try (TransportServer server = t.server().handler(MessageHandler.echo()).maxPayload(1024).startServer()) {
            EventRecorder events = EventRecorder.subscribe(server.events());
            int connections = 0;
            for (int requests : REQUESTS) {
                for (int attempt = 0; attempt < TRIES; attempt++) {
                    long session = tryOnce(t, server, events, ending, requests, attempt == 0);
                    connections++;
                    if (attempt == 0) {
                        ConnectionClosed closed = events.await(ConnectionClosed.class, e -> e.session() == session);
                        assertEquals(ending.reason, closed.reason(), "close reason of session " + session);
                        if (ending.cause != null) {
                            String cause = events.await(TransportError.class, e -> e.session() == session).cause();
                            assertEquals(ending.cause, cause);
                        }
                    }
                }
            }
            int total = connections;
            eventually(() -> {
                TransportStats s = server.stats();
                assertEquals(0, s.sessionsActive(), "every connection closed after its replies");
                assertEquals(total, s.sessionsClosed());
                assertEquals(0, s.mailboxDrops(), "nothing accepted was discarded");
                assertEquals(ending == Ending.BAD_FRAME ? total : 0, s.protocolErrors());
            });
        }
    }

    /** One connection: requests, the ending, then every reply and the server's end of stream. */
    private static long tryOnce(E2eTarget t, TransportServer server, EventRecorder events, Ending ending,
                                int requests, boolean lookUpSession) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id = 1; id <= requests; id++) {
            out.write(RawFrames.request(id, PAYLOAD));
        }
        switch (ending) {
            case BAD_FRAME -> out.write(RawFrames.frame(2, 0, 1, 0, requests + 1, PAYLOAD));
            case HALF_FRAME_THEN_FIN -> out.write(RawFrames.prefix(RawFrames.request(requests + 1, PAYLOAD),
                    RawFrames.HEADER_SIZE + 3));
            case FIN -> { }
        }
        try (RawConnection raw = t.raw(server.address())) {
            long session = lookUpSession ? raw.serverSession(events) : -1;
            raw.write(out.toByteArray()); // one write: the requests and the ending may arrive in one read
            if (ending != Ending.BAD_FRAME) {
                raw.finish();
            }
            long expected = (long) requests * REPLY_BYTES;
            long received = raw.drain(expected + 1, WAIT); // + 1: read on to the server's end of stream
            assertEquals(expected, received, t + ", " + ending + ", " + requests + " requests: reply bytes");
            assertTrue(raw.ended(), t + ", " + ending + ": the server ends the stream after the replies");
            return session;
        }
    }
}
