package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.OverflowPolicy;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.SendResult;
import dev.msgtrans.core.TransportEvent.ConnectionClosed;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.spi.Variants;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's JFR events ({@code dev.msgtrans.*}, docs/robustness.md "Watching it in production: JFR") reach a
 * recording made in-process: a session opened and closed, a send refused by a peer that stopped reading, packets
 * still waiting for mailbox room when their session closed, and a handler call slower than the event's default
 * threshold (while fast calls stay below it). The events are engine code, the same for every variant: one variant
 * over both protocols.
 */
class JfrEventsTest {

    private static final int FAST = 1;
    private static final int SLOW = 2;
    private static final int BLOCK = 3;
    /** Well past HandlerCall's default 10 ms threshold. */
    private static final long SLOW_MILLIS = 50;

    static Stream<E2eTarget> targets() {
        String alias = Variants.realAliases().get(0);
        return Stream.of(Protocol.values()).map(p -> new E2eTarget(alias, p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theEngineRecordsSessionsRefusalsDropsAndSlowHandlerCalls(E2eTarget t, @TempDir Path dir) throws Exception {
        CountDownLatch unblock = new CountDownLatch(1);
        CountDownLatch slowHandled = new CountDownLatch(1);
        MessageHandler handler = (ctx, p) -> {
            try {
                if (p.bizType() == SLOW) {
                    Thread.sleep(SLOW_MILLIS);
                    slowHandled.countDown();
                } else if (p.bizType() == BLOCK) {
                    unblock.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        int capacity = 4;
        int fastCalls = 20;
        Path file = dir.resolve("engine.jfr");
        long stalled;
        long blocked;
        String stalledReason;
        try (Recording recording = new Recording()) {
            for (String name : List.of("SessionOpened", "SessionClosed", "SendRefused", "MailboxDrop", "HandlerCall")) {
                recording.enable("dev.msgtrans." + name); // HandlerCall keeps its default threshold
            }
            recording.start();
            EventRecorder events;
            try (TransportServer server = t.server().handler(handler).mailboxCapacity(2).outboundCapacity(capacity)
                    .overflowPolicy(OverflowPolicy.FAIL_SEND).closeLingerMillis(200).startServer()) {
                events = EventRecorder.subscribe(server.events());
              try {
                // one session: fast and slow handler calls, then sends refused while the peer does not read
                try (RawConnection raw = t.raw(server.address())) {
                    stalled = raw.serverSession(events);
                    for (int i = 0; i < fastCalls; i++) {
                        raw.write(RawFrames.oneWay(FAST, new byte[]{1}));
                    }
                    raw.write(RawFrames.oneWay(SLOW, new byte[]{2}));
                    raw.stopReading();
                    int refusedInARow = 0;
                    for (int i = 0; i < 20_000 && refusedInARow < 50; i++) {
                        SendResult r = server.send(stalled, Packet.oneWay(FAST, new byte[32 * 1024]));
                        refusedInARow = r == SendResult.OUTBOUND_FULL ? refusedInARow + 1 : 0;
                    }
                    assertEquals(50, refusedInARow, "sends were refused while the peer did not read");
                    // before the peer goes: closing with our frames unread resets the connection, and an aborted
                    // session drops what its mailbox (2 places) has not handled yet, the slow call among them
                    assertTrue(slowHandled.await(10, TimeUnit.SECONDS), "the slow call ran");
                }
                stalledReason = events.await(ConnectionClosed.class, e -> e.session() == stalled).reason().name();
                // another: its handler blocks, the mailbox fills, packets wait for room; the server's close gives up
                // on them after the linger time
                RawConnection raw = t.raw(server.address());
                blocked = raw.serverSession(events);
                // one write: in memory a write waits while the server end does not read, which here it stops doing
                ByteArrayOutputStream frames = new ByteArrayOutputStream();
                frames.writeBytes(RawFrames.oneWay(BLOCK, new byte[]{3}));
                for (int i = 0; i < 10; i++) {
                    frames.writeBytes(RawFrames.oneWay(FAST, new byte[]{4}));
                }
                raw.write(frames.toByteArray());
                Eventually.eventually(() -> assertTrue(server.stats().inboundPauses() > 0, "the blocked session stops reading"));
                Thread release = new Thread(() -> {
                    try {
                        events.await(ConnectionClosed.class, e -> e.session() == blocked);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    unblock.countDown();
                });
                release.start();
                server.close();
                release.join();
                raw.close();
              } finally {
                unblock.countDown(); // a failure above must not leave the server's close waiting for the handler
              }
            }
            recording.stop();
            recording.dump(file);
        }

        List<RecordedEvent> recorded = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.msgtrans."))
                .collect(Collectors.toList());
        for (RecordedEvent e : recorded) {
            assertEquals("MsgTrans", e.getEventType().getCategoryNames().get(0), e.getEventType().getName());
        }
        List<RecordedEvent> opened = named(recorded, "SessionOpened");
        assertTrue(opened.stream().anyMatch(e -> e.getLong("session") == stalled), "opened: " + opened);
        assertTrue(opened.stream().anyMatch(e -> e.getLong("session") == blocked), "opened: " + opened);
        assertFalse(opened.get(0).getString("peer").isEmpty());

        List<RecordedEvent> closed = named(recorded, "SessionClosed");
        assertTrue(closed.stream().anyMatch(e -> e.getLong("session") == stalled
                && e.getString("reason").equals(stalledReason)), "closed (" + stalledReason + "): " + closed);
        assertTrue(closed.stream().anyMatch(e -> e.getLong("session") == blocked
                && e.getString("reason").equals("SHUTDOWN")), "closed: " + closed);

        List<RecordedEvent> refused = named(recorded, "SendRefused");
        assertTrue(refused.size() >= 50, refused.size() + " refusals recorded");
        // a WebSocket server frame's header (4 bytes for a 32 KiB payload) counts in the budget as the frame does
        long linkHeader = t.protocol() == Protocol.WEBSOCKET ? 4 : 0;
        for (RecordedEvent e : refused) {
            assertEquals(stalled, e.getLong("session"));
            if (t.protocol() == Protocol.QUIC && e.getString("bound").equals("BYTES")) {
                // over QUIC the loop hands frames to Netty, which holds them (in the budget) until QUIC's flow
                // control lets them go: the byte limit can come first
                assertTrue(e.getLong("queuedBytes") + e.getLong("bytes") > e.getLong("limit"), e.toString());
            } else {
                assertEquals("FRAMES", e.getString("bound"), "32 KiB frames fill the 4-frame queue before the byte limit");
                assertEquals(capacity, e.getLong("limit"));
            }
            assertEquals(32 * 1024 + RawFrames.HEADER_SIZE + linkHeader, e.getLong("bytes"));
        }

        List<RecordedEvent> drops = named(recorded, "MailboxDrop");
        assertTrue(drops.stream().anyMatch(e -> e.getLong("session") == blocked && e.getInt("packets") > 0
                && e.getString("where").equals("HELD_AT_CLOSE")), "drops: " + drops);

        List<RecordedEvent> calls = named(recorded, "HandlerCall");
        assertTrue(calls.stream().anyMatch(e -> e.getLong("session") == stalled && e.getInt("bizType") == SLOW
                && e.getString("packetType").equals("ONE_WAY")
                && e.getDuration().toMillis() >= SLOW_MILLIS), "handler calls: " + calls);
        long fastRecorded = calls.stream().filter(e -> e.getInt("bizType") == FAST).count();
        // a GC pause may push a fast call past 10 ms; all of them would mean the threshold is not applied
        assertTrue(fastRecorded < fastCalls, fastRecorded + " of " + fastCalls + " fast handler calls recorded");
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals("dev.msgtrans." + name))
                .collect(Collectors.toList());
    }
}
