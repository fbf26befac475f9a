package dev.msgtrans.guide.port;

import dev.msgtrans.core.Packet;
import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worked port's acceptance test, run unchanged at every {@link MigrationStep}, over TCP and WebSocket loopback
 * and in memory:
 * if a step breaks the service, the step's row fails and names it. Real servers and clients, no mocks.
 */
class PresenceServiceTest {

    /** The guide's service runs over TCP, WebSocket and in memory; QUIC needs msgtrans-quic, which the examples do not use. */
    private static final java.util.Set<Protocol> GUIDE_PROTOCOLS =
            java.util.EnumSet.of(Protocol.TCP, Protocol.WEBSOCKET, Protocol.MEMORY);
    private static final Duration T = Duration.ofSeconds(10);

    static Stream<Arguments> steps() {
        List<Arguments> out = new ArrayList<>();
        for (MigrationStep step : MigrationStep.values()) {
            for (Protocol protocol : GUIDE_PROTOCOLS) {
                out.add(Arguments.of(step, protocol));
            }
        }
        return out.stream();
    }

    // tag::port-test[]
    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("steps")
    void presenceWorksAtEveryStep(MigrationStep step, Protocol protocol) throws Exception {
        try (PresenceService service = PresenceService.start(step, Endpoints.server(protocol));
             PresenceClient alice = PresenceClient.connect(Endpoints.client(step.variant(), service.address()));
             PresenceClient bob = PresenceClient.connect(Endpoints.client(step.variant(), service.address()));
             PresenceDirectory directory = PresenceDirectory.connect(Endpoints.client(step.variant(), service.address()), 3)) {

            assertEquals(PresenceProtocol.OK, alice.join("alice", T));
            assertEquals(PresenceProtocol.TAKEN, alice.join("alice-again", T), "one user per connection");
            assertEquals(PresenceProtocol.OK, bob.join("bob", T));
            assertTrue(alice.awaitNotice("+bob", T), "alice is told that bob joined");
            assertEquals(List.of("alice", "bob"), directory.who(T));
            assertEquals(List.of("alice", "bob"), whoFromManyThreads(directory, 4, 25), "pooled lookups agree");
            assertEquals(List.of("alice", "bob"), service.pingAll(T).get(), "server-to-client requests");

            // LEAVE decodes a new String: equal to the one that joined, not identical (the JCTools remove pitfall)
            assertEquals(PresenceProtocol.OK, bob.leave("bob", T));
            assertEquals(PresenceProtocol.NOT_JOINED, bob.leave("bob", T));
            assertTrue(alice.awaitNotice("-bob", T));
            assertEquals(List.of("alice"), directory.who(T));

            alice.close(); // the handler's onClose removes her
            assertTrue(bob.awaitNotice("-alice", T), "bob is told that alice's connection closed");
            assertEquals(List.of(), directory.who(T));

            TransportStats s = service.stats();
            assertEquals(0, s.mailboxDrops() + s.eventsDropped() + s.sendsRefused() + s.protocolErrors()
                    + s.requestsTimedOut() + s.unmatchedResponses(), "nothing refused, dropped or failed: " + s);
            assertEquals(0, s.requestsPending());
            assertEquals(0, bob.noticesDropped());
        }
    }
    // end::port-test[]

    private static List<String> whoFromManyThreads(PresenceDirectory directory, int threads, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int i = 0; i < threads * each; i++) {
                answers.add(pool.submit(() -> directory.who(T)));
            }
            List<String> first = answers.get(0).get();
            for (Future<List<String>> a : answers) {
                assertEquals(first, a.get());
            }
            return first;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Connections that send a JOIN and close at once, racing the server's handling of it (the race the port once
     * answered with a reply check and a periodic sweep): with {@code onClose} running on the connection's actor
     * after its last message, no user outlives its connection, whatever the order.
     */
    @Test
    void connectionsThatJoinAndLeaveAtOnceLeaveNoUserBehind() throws Exception {
        MigrationStep step = MigrationStep.PHASE3_3_OUTBOUND;
        for (Protocol protocol : GUIDE_PROTOCOLS) {
            try (PresenceService service = PresenceService.start(step, Endpoints.server(protocol));
                 PresenceClient watcher = PresenceClient.connect(Endpoints.client(step.variant(), service.address()))) {
                assertEquals(PresenceProtocol.OK, watcher.join("watcher", T));
                for (int i = 0; i < 20; i++) {
                    try (TransportClient c = Endpoints.client(step.variant(), service.address()).connect()) {
                        c.request(Packet.request(PresenceProtocol.JOIN, PresenceProtocol.encode("user" + i)), T);
                        if (i % 2 == 0) {
                            LockSupport.parkNanos(200_000); // some closes land before the JOIN is handled, some after
                        }
                    }
                }
                long deadline = System.nanoTime() + T.toNanos();
                while (!service.online().equals(List.of("watcher")) && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(1_000_000); // onClose runs on the server's workers: wait for them
                }
                assertEquals(List.of("watcher"), service.online(), protocol + ": every vanished connection's user removed");
            }
        }
    }
}
