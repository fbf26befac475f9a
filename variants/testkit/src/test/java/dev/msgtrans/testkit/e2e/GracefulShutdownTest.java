package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportEvent.ConnectionClosed;
import dev.msgtrans.core.TransportEvent.TransportError;
import dev.msgtrans.core.TransportServer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.msgtrans.testkit.e2e.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code close()} of a server or a client is graceful, bounded by the close linger: whatever the node accepted is
 * handled and answered, and whatever it queued is written, before its connections end. Each case holds the
 * handler on a latch so that requests are certainly waiting in the mailbox when {@code close()} is called, then lets
 * it go; against every target (each real variant and preset, over TCP and in memory).
 * <p>
 * Waits are liveness bounds ({@link EventRecorder#PATIENCE}), never speed assertions.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GracefulShutdownTest {

    private static final int REQUESTS = 20;
    private static final int LATE = 3;
    private static final byte[] PAYLOAD = "8 bytes!".getBytes(StandardCharsets.US_ASCII);
    private static final int REPLY_BYTES = RawFrames.HEADER_SIZE + PAYLOAD.length;
    private static final Duration WAIT = EventRecorder.PATIENCE;

    /** An echo handler whose every call waits until {@link #release} (bounded, so a failing case cannot hang). */
    private static final class HeldEcho implements MessageHandler {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void onMessage(dev.msgtrans.core.MessageContext context, Packet packet) {
            try {
                release.await(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            MessageHandler.echo().onMessage(context, packet);
        }
    }

    /** Runs {@code close} on its own thread, as it blocks until the drain is over. */
    private static Thread closeInBackground(AutoCloseable closeable) {
        Thread t = new Thread(() -> {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, "test-close");
        t.start();
        return t;
    }

    /**
     * Lets the held handler go once {@code closing} is inside {@code close()} (blocked, waiting), plus a moment: so
     * that the requests are still in the mailbox when the close acts on them (a close that did not wait for them may
     * have returned already). Not a timing assertion: the graceful
     * close answers them whenever the handler goes; the pause only keeps a discarding close from passing by luck.
     */
    private static void releaseOnceClosing(HeldEcho handler, Thread closing) throws InterruptedException {
        eventually(() -> {
            Thread.State state = closing.getState();
            assertTrue(state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.TERMINATED, "close() is under way (or over), not " + state);
        });
        Thread.sleep(100);
        handler.release.countDown();
    }

    private static void join(Thread t) throws InterruptedException {
        t.join(WAIT.toMillis() * 3);
        assertFalse(t.isAlive(), "close() returned");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void serverCloseAnswersEveryAcceptedRequest(E2eTarget t) throws Exception {
        HeldEcho handler = new HeldEcho();
        TransportServer server = t.server().handler(handler).startServer();
        Thread closing = null;
        EventRecorder events = EventRecorder.subscribe(server.events()); // before connecting: events are not replayed
        try (RawConnection raw = t.raw(server.address())) {
            long session = raw.serverSession(events);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int id = 1; id <= REQUESTS; id++) {
                out.write(RawFrames.request(id, PAYLOAD));
            }
            raw.write(out.toByteArray());
            // every request decoded and in the mailbox, the first in the held handler
            eventually(() -> assertEquals(REQUESTS, server.stats().packetsReceived()));

            closing = closeInBackground(server);
            releaseOnceClosing(handler, closing);
            // sent after close() began: each is answered (if it beat the drain's start) or counted, never silent
            ByteArrayOutputStream late = new ByteArrayOutputStream();
            for (int id = REQUESTS + 1; id <= REQUESTS + LATE; id++) {
                late.write(RawFrames.request(id, PAYLOAD));
            }
            raw.write(late.toByteArray());

            long expected = (long) REQUESTS * REPLY_BYTES;
            long received = raw.drain((long) (REQUESTS + LATE) * REPLY_BYTES + 1, WAIT); // to the end of stream
            assertTrue(raw.ended(), t + ": the server ends the stream after the replies");
            assertTrue(received >= expected && received % REPLY_BYTES == 0, t + ": every accepted request answered,"
                    + " whole replies only: " + received + " bytes");
            raw.finish(); // the end of stream the lingering close waits for
            join(closing);
            long lateAnswered = (received - expected) / REPLY_BYTES;
            assertEquals(LATE, lateAnswered + server.stats().packetsDiscardedClosing(),
                    t + ": the late requests are answered or counted as discarded");

            ConnectionClosed closed = events.await(ConnectionClosed.class, e -> e.session() == session);
            assertEquals(CloseReason.SHUTDOWN, closed.reason());
            assertEquals(List.of(), events.matching(TransportError.class, e -> true), "no errors");
            assertEquals(0, server.stats().mailboxDrops(), "nothing accepted was discarded");
        } finally {
            handler.release.countDown();
            server.close();
            if (closing != null) {
                closing.join(WAIT.toMillis());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void serverCloseThatCannotDrainEndsAtTheLingerAndReportsTheSession(E2eTarget t) throws Exception {
        HeldEcho handler = new HeldEcho();
        TransportServer server = t.server().handler(handler).closeLingerMillis(200).startServer();
        Thread closing = null;
        EventRecorder events = EventRecorder.subscribe(server.events()); // before connecting: events are not replayed
        try (RawConnection raw = t.raw(server.address())) {
            long session = raw.serverSession(events);
            raw.write(RawFrames.request(1, PAYLOAD));
            eventually(() -> assertEquals(1, server.stats().packetsReceived()));

            closing = closeInBackground(server);
            // The handler is still held: the session is closed at the linger bound, reported, while it hangs.
            TransportError error = events.await(TransportError.class, e -> e.session() == session);
            assertEquals("LINGER_TIMEOUT", error.cause(), error.message());
            ConnectionClosed closed = events.await(ConnectionClosed.class, e -> e.session() == session);
            assertEquals(CloseReason.SHUTDOWN, closed.reason());
            assertEquals(1, handler.release.getCount(), "closed while the handler was still held");

            // close() joins the handler's worker, so it returns once the handler does.
            handler.release.countDown();
            join(closing);
        } finally {
            handler.release.countDown();
            server.close();
            if (closing != null) {
                closing.join(WAIT.toMillis());
            }
        }
    }

    /**
     * The per-session counterpart, with the server running on: a peer ends its stream after a request whose handler
     * is held, so the session's graceful close cannot finish; the timer's linger deadline (armed when the drain began)
     * closes it at the bound, with a {@code LINGER_TIMEOUT} error and the reason the drain began with, while the
     * server keeps serving.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void aSessionsDrainThatCannotFinishEndsAtTheLinger(E2eTarget t) throws Exception {
        HeldEcho handler = new HeldEcho();
        try (TransportServer server = t.server().handler(handler).closeLingerMillis(200).startServer()) {
            EventRecorder events = EventRecorder.subscribe(server.events());
            try (RawConnection raw = t.raw(server.address())) {
                long session = raw.serverSession(events);
                raw.write(RawFrames.request(1, PAYLOAD));
                eventually(() -> assertEquals(1, server.stats().packetsReceived()));
                raw.finish(); // the drain begins; the held handler keeps it from finishing

                TransportError error = events.await(TransportError.class, e -> e.session() == session);
                assertEquals("LINGER_TIMEOUT", error.cause(), error.message());
                ConnectionClosed closed = events.await(ConnectionClosed.class, e -> e.session() == session);
                assertEquals(CloseReason.PEER_CLOSED, closed.reason());
                assertEquals(1, handler.release.getCount(), "closed by the linger while the handler was still held");
                assertTrue(server.sessions().isEmpty());
            } finally {
                handler.release.countDown();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void clientCloseWritesItsRequestsAndAwaitsTheReplies(E2eTarget t) throws Exception {
        HeldEcho handler = new HeldEcho();
        try (TransportServer server = t.server().handler(handler).startServer()) {
            TransportClient client = t.client(server.address()).connections(2).connect();
            Thread closing = null;
            try {
                List<CompletableFuture<Packet>> replies = new ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    byte[] payload = ("request " + i).getBytes(StandardCharsets.US_ASCII);
                    replies.add(client.request(Packet.request(7, payload), WAIT.multipliedBy(2)));
                }
                eventually(() -> assertEquals(REQUESTS, server.stats().packetsReceived()));

                closing = closeInBackground(client);
                releaseOnceClosing(handler, closing);
                join(closing);

                for (int i = 0; i < REQUESTS; i++) {
                    Packet reply = replies.get(i).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    assertEquals(PacketType.RESPONSE, reply.type());
                    assertArrayEquals(("request " + i).getBytes(StandardCharsets.US_ASCII), reply.payload(),
                            "reply " + i + ": " + Arrays.toString(reply.payload()));
                }
                assertEquals(0, client.stats().requestsFailed(), "no request failed");
                eventually(() -> assertEquals(0, server.stats().sessionsActive(), "the server's ends closed too"));
            } finally {
                handler.release.countDown();
                client.close();
                if (closing != null) {
                    closing.join(WAIT.toMillis());
                }
            }
        }
    }
}
