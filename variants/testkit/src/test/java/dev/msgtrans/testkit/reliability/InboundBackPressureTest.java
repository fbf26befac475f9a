package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.PacketType;
import dev.msgtrans.core.TransportEvent.ConnectionClosed;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.TransportStats;
import dev.msgtrans.testkit.e2e.E2eTarget;
import dev.msgtrans.testkit.e2e.EventRecorder;
import dev.msgtrans.testkit.e2e.RawConnection;
import dev.msgtrans.testkit.e2e.RawFrames;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.msgtrans.testkit.e2e.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream is not a datagram: when a session's handler falls behind and its mailbox fills, the session stops reading
 * (over TCP the kernel's flow control then holds the peer back) instead of dropping what the peer sent. Each case
 * stalls the handler, sends far more requests than the mailbox holds (in one write, so that one read decodes many
 * more packets than fit), releases the handler, and expects a reply to every request, in order, with no mailbox
 * drop; then the same with the connection ended by a FIN or a bad frame right after the requests, which must not
 * cut the packets still waiting for room. Every real variant and preset, over TCP and in memory.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InboundBackPressureTest {

    private static final int MAILBOX = 8;
    private static final int REQUESTS = 400;
    private static final byte[] PAYLOAD = "8 bytes!".getBytes(StandardCharsets.US_ASCII);
    private static final int REPLY_BYTES = RawFrames.HEADER_SIZE + PAYLOAD.length;
    private static final Duration WAIT = EventRecorder.PATIENCE;

    private enum Ending { NONE, FIN, BAD_FRAME }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void aFullMailboxPausesReadingAndLosesNothing(E2eTarget t) throws Exception {
        run(t, Ending.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void aFinBehindHeldPacketsWaitsForThem(E2eTarget t) throws Exception {
        run(t, Ending.FIN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void aBadFrameBehindHeldPacketsWaitsForThem(E2eTarget t) throws Exception {
        run(t, Ending.BAD_FRAME);
    }

    private static void run(E2eTarget t, Ending ending) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MessageHandler stalled = (ctx, p) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (p.type() == PacketType.REQUEST) {
                ctx.reply(p, p.payload());
            }
        };
        // A short linger: after a bad frame the raw peer reads to the server's end but never ends its own stream,
        // and the server waits that long for it before it closes (the default 5 s made each such case take 5 s).
        try (TransportServer server = t.server().handler(stalled).mailboxCapacity(MAILBOX).closeLingerMillis(300)
                .startServer()) {
            EventRecorder events = EventRecorder.subscribe(server.events());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int id = 1; id <= REQUESTS; id++) {
                out.write(RawFrames.request(id, PAYLOAD));
            }
            if (ending == Ending.BAD_FRAME) {
                out.write(RawFrames.frame(2, 0, 1, 0, REQUESTS + 1, PAYLOAD));
            }
            try (RawConnection raw = t.raw(server.address())) {
                long session = raw.serverSession(events);
                raw.write(out.toByteArray());
                if (ending == Ending.FIN) {
                    raw.finish();
                }
                // the handler holds the first packet, the mailbox fills: the server must hold the rest unread
                eventually(() -> assertTrue(server.stats().packetsReceived() > MAILBOX,
                        "the server read past its mailbox: " + server.stats()));
                assertEquals(0, server.stats().mailboxDrops(), t + ": a full mailbox dropped packets of a stream");
                release.countDown();
                long expected = (long) REQUESTS * REPLY_BYTES;
                long received = raw.drain(expected + (ending == Ending.NONE ? 0 : 1), WAIT);
                assertEquals(expected, received, t + ", " + ending + ": reply bytes");
                if (ending != Ending.NONE) {
                    assertTrue(raw.ended(), t + ", " + ending + ": the server ends the stream after the replies");
                    ConnectionClosed closed = events.await(ConnectionClosed.class, e -> e.session() == session);
                    assertEquals(ending == Ending.FIN ? CloseReason.PEER_CLOSED : CloseReason.PROTOCOL_ERROR,
                            closed.reason());
                }
            } finally {
                release.countDown();
            }
            eventually(() -> {
                TransportStats s = server.stats();
                assertEquals(REQUESTS, s.packetsReceived());
                assertEquals(0, s.mailboxDrops(), "nothing the peer sent was dropped");
                assertEquals(REQUESTS, s.packetsSent(), "a reply to every request");
            });
        }
    }
}
