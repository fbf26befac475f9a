package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.SendResult;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.TransportStats;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.testkit.e2e.E2eTarget;
import dev.msgtrans.testkit.e2e.E2eTargets;
import dev.msgtrans.testkit.e2e.EventRecorder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.msgtrans.testkit.e2e.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No thread and no file descriptor outlives a connection: 1,000 connect / send / disconnect cycles of a whole client
 * (its own I/O loop, worker, event thread and timer, and over TCP its socket and selector) against one server, per
 * real variant, over TCP, WebSocket and in memory (and QUIC with {@code -Dmsgtrans.e2e.allProtocols=true}, a fifth
 * of the cycles: each is a TLS handshake and a Netty event loop), with a census before and after.
 * <p>
 * The engine's own threads must come back exactly. Other threads and the descriptor count get a tolerance of
 * {@value #TOLERANCE}, for what the JVM itself starts or opens lazily and keeps (e.g. a {@code Common-Cleaner} or
 * {@code process reaper} thread, a jar or a {@code /dev/random} descriptor opened on first use); the warm-up cycles
 * take most of those before the first census, and a leak of one thread or descriptor per cycle would exceed the
 * tolerance a thousand times over.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HygieneTest {

    static final int CYCLES = Integer.getInteger("reliability.hygieneCycles", 1_000);
    static final int WARM_UP = 20;
    static final int TOLERANCE = 2;

    static Stream<E2eTarget> targets() {
        List<E2eTarget> out = new ArrayList<>();
        for (String alias : Variants.realAliases()) {
            out.add(new E2eTarget(alias, Protocol.TCP));
            out.add(new E2eTarget(alias, Protocol.WEBSOCKET));
            out.add(new E2eTarget(alias, Protocol.MEMORY));
            if (Boolean.getBoolean(E2eTargets.ALL_PROTOCOLS_PROPERTY)) {
                out.add(new E2eTarget(alias, Protocol.QUIC)); // as the other reliability suites: on request
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aThousandConnectDisconnectCyclesLeakNothing(E2eTarget t) throws Exception {
        int cycles = t.protocol() == Protocol.QUIC ? CYCLES / 5 : CYCLES;
        try (TransportServer server = t.server().handler(MessageHandler.echo()).startServer()) {
            for (int i = 0; i < WARM_UP; i++) {
                cycle(t, server, i);
            }
            settle(server, WARM_UP);
            ResourceCensus before = ResourceCensus.take();
            long started = System.nanoTime();
            for (int i = 0; i < cycles; i++) {
                cycle(t, server, i);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            settle(server, WARM_UP + cycles);
            ResourceCensus after = awaitCensus(before);
            assertEquals(before.engineThreads(), after.engineThreads(), "engine threads: exactly the server's again");
            assertTrue(after.otherThreads().size() <= before.otherThreads().size() + TOLERANCE,
                    "threads started and kept: " + before.newThreadsIn(after));
            if (before.openFds() >= 0) {
                assertTrue(after.openFds() <= before.openFds() + TOLERANCE,
                        "descriptors: " + before.openFds() + " before, " + after.openFds() + " after " + cycles + " cycles");
            }
            TransportStats s = server.stats();
            assertEquals(WARM_UP + cycles, s.sessionsOpened());
            assertEquals(0, s.sessionsActive());
            assertEquals(0, s.requestsPending());
            System.out.printf("[hygiene] %s: %d connect/disconnect cycles in %.1f s; before %s; after %s%n",
                    t, cycles, seconds, before, after);
        }
    }

    /** One whole client: connect, one round trip every tenth cycle (a one-way send otherwise), close. */
    private static void cycle(E2eTarget t, TransportServer server, int i) throws Exception {
        try (TransportClient c = t.client(server.address()).ioThreads(1).dispatchWorkers(1).maxSessions(4).connect()) {
            if (i % 10 == 0) {
                byte[] q = {(byte) i};
                assertArrayEquals(q, c.request(Packet.request(1, q), EventRecorder.PATIENCE)
                        .get(EventRecorder.PATIENCE.toMillis(), TimeUnit.MILLISECONDS).payload());
            } else {
                assertEquals(SendResult.QUEUED, c.send(Packet.oneWay(1, new byte[]{(byte) i})));
            }
        }
    }

    /** Waits until the server has closed every session the cycles opened. */
    private static void settle(TransportServer server, int opened) throws InterruptedException {
        eventually(() -> {
            TransportStats s = server.stats();
            assertEquals(opened, s.sessionsOpened());
            assertEquals(opened, s.sessionsClosed());
        });
    }

    /**
     * Takes censuses until the engine threads and descriptors are back where they were or the patience runs out:
     * a closed channel's descriptor is released at its selector's next pass, an instant after close returns.
     */
    private static ResourceCensus awaitCensus(ResourceCensus before) throws InterruptedException {
        long deadline = System.nanoTime() + EventRecorder.PATIENCE.toNanos();
        while (true) {
            ResourceCensus now = ResourceCensus.take();
            boolean back = now.engineThreads().equals(before.engineThreads())
                    && now.openFds() <= before.openFds() + TOLERANCE;
            if (back || System.nanoTime() > deadline) {
                return now;
            }
            Thread.sleep(10);
        }
    }
}
