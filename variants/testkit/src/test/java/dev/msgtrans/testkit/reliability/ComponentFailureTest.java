package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.TransportConfig;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.engine.Engine;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.testkit.e2e.E2eTarget;
import dev.msgtrans.testkit.e2e.EventRecorder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.msgtrans.testkit.e2e.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A component that fails under the engine, per real variant: an I/O loop that dies takes its own sessions down
 * (each closed with an error and a {@code ConnectionClosed}, its socket closed) and nothing else, and new
 * connections go to the loops still alive; a server or client whose construction fails part-way leaves no thread
 * and no descriptor behind. The faults come from a {@link FaultyVariant} wrapped around the real one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ComponentFailureTest {

    private static final Duration PATIENCE = EventRecorder.PATIENCE;
    /** Failed builds per case: a leak of one selector or dispatch thread per build stands out of the tolerance. */
    private static final int BUILDS = 20;

    static Stream<String> realAliases() {
        return Variants.realAliases().stream();
    }

    @ParameterizedTest(name = "{0}/tcp")
    @MethodSource("realAliases")
    void aDeadIoLoopClosesItsOwnSessionsAndTheServerCarriesOnWithTheOthers(String alias) throws Exception {
        FaultyVariant faulty = new FaultyVariant(Variants.get(alias));
        E2eTarget t = new E2eTarget(alias, Protocol.TCP); // two I/O loops
        // A short linger: the spared sockets stay open, unread, until after the server's graceful close, which
        // ends their streams and then waits the linger for theirs.
        TransportConfig config = FaultyVariant.with(t.server().handler(MessageHandler.echo()).closeLingerMillis(200)
                .config(), faulty.composition());
        List<String> threadsBefore = ResourceCensus.take().engineThreads();
        Map<Long, EchoSocket> bySession = new TreeMap<>();
        try (TransportServer server = Engine.startServer(config)) {
            String loop0 = newThread(threadsBefore, "-io-0");
            EventRecorder events = EventRecorder.subscribe(server.events());
            for (int i = 0; i < 4; i++) {
                EchoSocket s = EchoSocket.connect(server.address());
                long id = events.await(TransportEvent.ConnectionEstablished.class,
                        e -> e.peer().equals(s.serverSidePeer())).session();
                bySession.put(id, s);
                assertTrue(s.echo(new byte[]{(byte) i}, PATIENCE), "echo on session " + id);
            }
            // Sessions go round robin by id over the two loops: the even ids are loop 0's.
            List<Long> doomed = new ArrayList<>();
            List<Long> spared = new ArrayList<>();
            bySession.keySet().forEach(id -> (id % 2 == 0 ? doomed : spared).add(id));

            faulty.poisonNextDrainOn(loop0, new Error("injected I/O loop failure"));
            bySession.get(doomed.get(0)).send(new byte[]{42}); // wakes loop 0, whose next pass drains a queue

            events.await(TransportEvent.TransportError.class, e -> e.session() == -1 && e.cause().equals("IO_LOOP"));
            for (long id : doomed) {
                events.await(TransportEvent.TransportError.class,
                        e -> e.session() == id && e.cause().equals("IO_LOOP"));
                TransportEvent.ConnectionClosed closed = events.await(TransportEvent.ConnectionClosed.class,
                        e -> e.session() == id);
                assertEquals(CloseReason.IO_ERROR, closed.reason());
                assertTrue(bySession.get(id).awaitEndOfStream(PATIENCE), "session " + id + "'s socket closed");
                assertFalse(server.isOpen(id));
            }
            for (long id : spared) {
                assertTrue(bySession.get(id).echo(new byte[]{7}, PATIENCE), "session " + id + " (loop 1) still echoes");
                assertTrue(server.isOpen(id));
            }
            for (int i = 0; i < 3; i++) { // ids go on alternating, so one of these would have gone to loop 0
                try (EchoSocket s = EchoSocket.connect(server.address())) {
                    assertTrue(s.echo(new byte[]{(byte) (100 + i)}, PATIENCE), "new connection " + i + " is served");
                }
            }
        } finally {
            for (EchoSocket s : bySession.values()) {
                s.close();
            }
        }
    }

    /** The one engine thread started since {@code before} whose name ends with {@code suffix}. */
    private static String newThread(List<String> before, String suffix) {
        List<String> found = new ArrayList<>();
        for (String name : ResourceCensus.take().engineThreads()) {
            if (name.endsWith(suffix) && !before.contains(name)) {
                found.add(name);
            }
        }
        assertEquals(1, found.size(), "new threads ending with " + suffix + ": " + found);
        return found.get(0);
    }

    static Stream<Arguments> buildFaults() {
        List<Arguments> out = new ArrayList<>();
        for (String alias : Variants.realAliases()) {
            for (Protocol p : Protocol.values()) {
                for (String role : List.of("server", "client")) {
                    out.add(Arguments.of(alias, p, role, "event bus throws",
                            (Consumer<FaultyVariant>) v -> v.failEventBus(new IllegalStateException("injected"))));
                    out.add(Arguments.of(alias, p, role, "second I/O loop out of memory",
                            (Consumer<FaultyVariant>) v -> v.failOutboundQueue(2, new OutOfMemoryError("injected"))));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}/{1} {2}: {3}")
    @MethodSource("buildFaults")
    void aBuildThatFailsPartWayLeavesNoThreadAndNoDescriptor(String alias, Protocol protocol, String role,
                                                            String fault, Consumer<FaultyVariant> inject)
            throws Exception {
        E2eTarget t = new E2eTarget(alias, protocol);
        if (protocol == Protocol.QUIC) {
            // The first QUIC transport of a JVM opens Netty's jars and loads its native library, once: not a leak.
            t.server().startServer().close();
        }
        ResourceCensus before = ResourceCensus.take();
        for (int i = 0; i < BUILDS; i++) {
            FaultyVariant faulty = new FaultyVariant(Variants.get(alias));
            inject.accept(faulty);
            // the client fails while building its node, before it connects: no server is needed; two connections
            // give it two I/O loops
            TransportConfig base = role.equals("server") ? t.server().config()
                    : t.client(switch (protocol) {
                        case TCP -> "127.0.0.1:1";
                        case WEBSOCKET -> "ws://127.0.0.1:1";
                        case QUIC -> "quic://127.0.0.1:1";
                        case MEMORY -> "mem:nobody";
                    }).connections(2).config();
            TransportConfig config = FaultyVariant.with(base, faulty.composition());
            Throwable thrown = assertThrows(Throwable.class, () -> {
                if (role.equals("server")) {
                    Engine.startServer(config).close();
                } else {
                    Engine.connect(config).close();
                }
            });
            assertEquals("injected", thrown.getMessage(), () -> "not the injected fault: " + thrown);
        }
        assertBack(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realAliases")
    void aServerThatCannotBindLeavesNoThreadAndNoDescriptor(String alias) throws Exception {
        E2eTarget t = new E2eTarget(alias, Protocol.TCP);
        try (TransportServer taken = t.server().startServer()) {
            int port = Integer.parseInt(taken.address().substring(taken.address().lastIndexOf(':') + 1));
            ResourceCensus before = ResourceCensus.take();
            for (int i = 0; i < BUILDS; i++) {
                IOException e = assertThrows(IOException.class,
                        () -> t.server().tcp("127.0.0.1", port).startServer().close());
                assertSame(java.net.BindException.class, e.getClass(), e::toString);
            }
            assertBack(before);
        }
    }

    /** Every engine thread is the same as before, and the descriptors are back within the census tolerance. */
    private static void assertBack(ResourceCensus before) throws InterruptedException {
        eventually(() -> {
            ResourceCensus after = ResourceCensus.take();
            List<String> left = new ArrayList<>(after.engineThreads());
            left.removeAll(before.engineThreads());
            assertEquals(List.of(), left, "engine threads left behind");
            assertEquals(before.engineThreads(), after.engineThreads(), "engine threads");
            if (before.openFds() >= 0) {
                assertTrue(after.openFds() <= before.openFds() + HygieneTest.TOLERANCE,
                        "descriptors: " + before.openFds() + " before, " + after.openFds() + " after " + BUILDS
                                + " failed builds");
            }
        });
    }
}
