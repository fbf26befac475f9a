package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;
import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.TransportStats;
import dev.msgtrans.core.codec.CodecLimits;
import dev.msgtrans.testkit.e2e.E2eTarget;
import dev.msgtrans.testkit.e2e.EventRecorder;
import dev.msgtrans.testkit.reliability.FrameFuzzer.Case;
import dev.msgtrans.testkit.reliability.FrameFuzzer.Mutation;
import dev.msgtrans.testkit.reliability.ReferenceFrameOracle.End;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static dev.msgtrans.testkit.e2e.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzed frames against a live server, over TCP loopback and in memory, for every target. Each fuzz connection sends
 * a run of frames that must be accepted, then ends in one of three ways: a frame the oracle says is rejected (the
 * server must close the connection with a {@code TransportError} naming exactly that cause, and count it in
 * {@code protocolErrors}), an incomplete frame followed by end of stream ({@code TRUNCATED_FRAME},
 * {@code PEER_CLOSED_MID_FRAME}), or a clean end ({@code PEER_CLOSED}, no error). Meanwhile a control client does
 * request/response echo the whole time and must never see a failure, and afterwards the server's packet count must
 * equal exactly the frames the oracle says were acceptable plus the control's requests: nothing lost, nothing
 * invented, no other session affected.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LiveFuzzTest {

    static final CodecLimits LIMITS = new CodecLimits(4096, 512);
    /**
     * Frames per target. 100,000 for every target takes about 40 s for all sixteen on a loaded 2-core box (TCP
     * 2.5-5 s, memory 1-2 s each); {@code -Dreliability.liveFrames=N} lowers it for a quick run.
     */
    static final int FRAMES = Integer.getInteger("reliability.liveFrames", 100_000);
    /** Accepted frames per connection before its ending, on average. */
    private static final int MEAN_RUN = 60;
    private static final int WORKERS = 2;
    private static final Duration PATIENCE = EventRecorder.PATIENCE;

    /** Answers requests (so the fuzzed sessions carry two-way traffic) and ignores everything else. */
    private static final MessageHandler ANSWER_REQUESTS = (ctx, p) -> {
        if (p.type() == PacketType.REQUEST) {
            ctx.reply(p, p.payload());
        }
    };

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void everyBadFrameClosesOnlyItsConnectionWithItsCause(E2eTarget t) throws Exception {
        // Over QUIC every fuzz connection is a TLS handshake (about 7,700 of them for the full budget, past the
        // timeout on 2 cores): a tenth of the frames fuzzes the same decoder over a tenth of the handshakes.
        int budget = t.protocol() == Protocol.QUIC ? FRAMES / 10 : FRAMES;
        long started = System.nanoTime();
        try (TransportServer server = t.server().handler(ANSWER_REQUESTS)
                .maxPayload(LIMITS.maxPayload()).maxExtHeader(LIMITS.maxExtHeader())
                .eventBufferCapacity(1 << 16).startServer();
             TransportClient control = t.client(server.address())
                     .maxPayload(LIMITS.maxPayload()).maxExtHeader(LIMITS.maxExtHeader()).connect()) {
            SessionOutcomes outcomes = SessionOutcomes.subscribe(server.events(), PATIENCE);
            Totals totals = new Totals();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong controlTrips = new AtomicLong();
            Thread controller = new Thread(() -> {
                try {
                    // runs until the fuzz workers are done; each trip is bounded by PATIENCE
                    for (int i = 0; failure.get() == null && !Thread.currentThread().isInterrupted(); i++) {
                        byte[] q = ("control " + i).getBytes(StandardCharsets.UTF_8);
                        Packet r = control.request(Packet.request(2, q), PATIENCE).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                        assertArrayEquals(q, r.payload(), "control echo " + i);
                        controlTrips.incrementAndGet();
                        if (done) {
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Throwable e) {
                    failure.compareAndSet(null, new AssertionError("control session failed during the fuzz: " + e, e));
                }
            }, "fuzz-control");
            done = false;
            controller.start();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                long seed = 0xF022L * 31 + w + t.toString().hashCode();
                workers.add(new Thread(() -> {
                    FrameFuzzer fuzzer = new FrameFuzzer(seed, LIMITS);
                    SplittableRandom rnd = new SplittableRandom(~seed);
                    try {
                        while (totals.cases.get() < budget && failure.get() == null) {
                            oneConnection(t, server.address(), fuzzer, rnd, outcomes, totals);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "fuzz-worker-" + w));
            }
            workers.forEach(Thread::start);
            for (Thread w : workers) {
                w.join();
            }
            done = true;
            controller.join();
            if (failure.get() != null) {
                throw new AssertionError(failure.get().getMessage(), failure.get());
            }

            assertTrue(controlTrips.get() > 0, "the control session made round trips during the fuzz");
            eventually(() -> {
                TransportStats s = server.stats();
                assertEquals(totals.packets.get() + controlTrips.get(), s.packetsReceived(),
                        "packets decoded = frames the oracle accepted + control requests");
                assertEquals(totals.rejected.get(), s.protocolErrors(), "one protocol error per rejected connection");
                assertEquals(1, s.sessionsActive(), "only the control session is left");
                assertEquals(totals.connections.get() + 1, s.sessionsOpened());
            });
            assertEquals(0, server.stats().eventsDropped(), "the outcome subscriber kept up (its buffer is large)");
            assertEquals(1, control.connections());
            System.out.printf("[fuzz] live %s: %d frames (%d bytes, %d packets accepted) over %d connections:"
                            + " %d rejected, %d cut mid-frame, %d clean; %d control round trips; %.1f s%n",
                    t, totals.cases.get(), totals.bytes.get(), totals.packets.get(), totals.connections.get(),
                    totals.rejected.get(), totals.truncated.get(), totals.clean.get(), controlTrips.get(),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    private volatile boolean done;

    /** One connection: a run of acceptable frames, then a rejected frame, a cut frame, or a clean end. */
    private static void oneConnection(E2eTarget t, String address, FrameFuzzer fuzzer, SplittableRandom rnd,
                                      SessionOutcomes outcomes, Totals totals) throws Exception {
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        int run = rnd.nextInt(2 * MEAN_RUN + 1);
        int cases = 0;
        int packets = 0;
        Case last = null;
        while (cases < run) {
            int m = rnd.nextInt(10);
            Case c = fuzzer.next(m < 8 ? Mutation.VALID : m < 9 ? Mutation.COALESCED : Mutation.BIT_FLIP);
            cases++;
            script.writeBytes(c.bytes());
            packets += c.expected().packets();
            if (c.expected().end() != End.BOUNDARY) {
                last = c;
                break;
            }
        }
        if (last == null && rnd.nextInt(20) != 0) {
            // the ending: the first case the oracle does not accept whole (accepted ones join the run)
            do {
                Case c = fuzzer.next();
                cases++;
                script.writeBytes(c.bytes());
                packets += c.expected().packets();
                last = c.expected().end() == End.BOUNDARY ? null : c;
            } while (last == null);
        }
        byte[] bytes = script.toByteArray();

        try (FaultyPeer peer = FaultyPeer.open(t.protocol(), address)) {
            long session = peer.serverSession(outcomes);
            try {
                int at = 0;
                int pieces = 1 + rnd.nextInt(4);
                for (int i = 0; i < pieces && at < bytes.length; i++) {
                    int n = i == pieces - 1 ? bytes.length - at : rnd.nextInt(bytes.length - at + 1);
                    peer.write(Arrays.copyOfRange(bytes, at, at + n));
                    at += n;
                }
                if (last == null || last.expected().end() == End.PARTIAL) {
                    peer.finish();
                }
                // As a well-behaved client: read what the server owes up to its end of stream (it writes every
                // reply to what it accepted before it closes), then end this side too (after a rejected frame
                // the server waits for that, so that unread input cannot turn its close into a reset).
                peer.drain(Long.MAX_VALUE, PATIENCE);
                if (last != null && last.expected().end() == End.REJECTED) {
                    peer.finish();
                }
            } catch (IOException e) {
                // only acceptable once the server has seen the rejected frame and closed the connection
                if (last == null || last.expected().end() != End.REJECTED) {
                    throw new AssertionError("writing to session " + session + " failed: " + e, e);
                }
            }
            SessionOutcomes.Outcome o = outcomes.awaitClosed(session);
            String what = "session " + session + " ending with " + (last == null ? "a clean close" : last);
            if (last == null) {
                assertEquals(CloseReason.PEER_CLOSED, o.reason(), what);
                assertNull(o.firstCause(), what);
                totals.clean.incrementAndGet();
            } else if (last.expected().end() == End.PARTIAL) {
                assertEquals(CloseReason.PEER_CLOSED_MID_FRAME, o.reason(), what);
                assertEquals("TRUNCATED_FRAME", o.firstCause(), what);
                totals.truncated.incrementAndGet();
            } else {
                assertEquals(CloseReason.PROTOCOL_ERROR, o.reason(), what + "; errors " + o.errors());
                assertEquals(last.expected().reason().name(), o.firstCause(), what + "; errors " + o.errors());
                assertFalse(o.errors().get(0).message().isBlank(), what);
                totals.rejected.incrementAndGet();
            }
            assertEquals(last == null ? 0 : 1, o.errors().size(), what + ": one error per bad connection, " + o.errors());
        }
        totals.cases.addAndGet(cases);
        totals.packets.addAndGet(packets);
        totals.bytes.addAndGet(bytes.length);
        totals.connections.incrementAndGet();
    }

    private static final class Totals {
        final AtomicLong cases = new AtomicLong();
        final AtomicLong packets = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong connections = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong truncated = new AtomicLong();
        final AtomicLong clean = new AtomicLong();
    }
}
