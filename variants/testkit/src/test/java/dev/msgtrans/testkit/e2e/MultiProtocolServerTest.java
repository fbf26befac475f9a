package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.engine.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One server listening on TCP, WebSocket, QUIC and in memory at once (as the original's {@code echo_server} serves
 * TCP, WebSocket and QUIC), one client per protocol: the sessions of all four live in the one registry, so a
 * broadcast reaches every client, the server's requests reach each of them, and the events name all four. Every
 * variant and preset.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MultiProtocolServerTest {

    private static final Duration WAIT = EventRecorder.PATIENCE;
    private static final AtomicInteger NAMES = new AtomicInteger();

    static List<String> aliases() {
        return E2eTargets.aliases();
    }

    private static Transport.Builder common(String alias) {
        return Transport.builder().variant(alias).ioThreads(2).dispatchWorkers(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aliases")
    void oneServerServesEveryProtocolInOneSessionTable(String alias) throws Exception {
        String memoryName = "multi-" + NAMES.incrementAndGet();
        int before = engineThreads();
        try (TransportServer server = common(alias).tcp("127.0.0.1", 0)
                .alsoListen("ws://127.0.0.1:0").alsoListen("quic://127.0.0.1:0").alsoListen("mem:" + memoryName)
                .handler(MessageHandler.echo()).startServer()) {
            EventRecorder events = EventRecorder.subscribe(server.events());
            List<String> addresses = server.addresses();
            assertEquals(4, addresses.size(), addresses.toString());
            assertEquals(server.address(), addresses.get(0));
            assertTrue(addresses.get(0).matches("127\\.0\\.0\\.1:\\d+") && !addresses.get(0).endsWith(":0"),
                    addresses.toString());
            assertTrue(addresses.get(1).matches("ws://127\\.0\\.0\\.1:\\d+") && !addresses.get(1).endsWith(":0"));
            assertTrue(addresses.get(2).matches("quic://127\\.0\\.0\\.1:\\d+") && !addresses.get(2).endsWith(":0"));
            assertEquals("mem:" + memoryName, addresses.get(3));

            List<List<Packet>> received = new ArrayList<>();
            List<TransportClient> clients = new ArrayList<>();
            try {
                for (String address : addresses) {
                    List<Packet> got = new CopyOnWriteArrayList<>();
                    received.add(got);
                    Transport.Builder b = common(alias).connectTo(address).connections(1).handler((ctx, p) -> {
                        got.add(p);
                        if (p.type() == PacketType.REQUEST) {
                            ctx.reply(p, ("from " + address).getBytes(StandardCharsets.UTF_8));
                        }
                    });
                    if (address.startsWith("quic://")) {
                        b.quicTrust(server.certificate().orElseThrow()); // the certificate generated at start-up
                    }
                    clients.add(b.connect());
                }
                // each client's requests are echoed by the one server
                for (int i = 0; i < clients.size(); i++) {
                    byte[] payload = ("echo " + i).getBytes(StandardCharsets.UTF_8);
                    assertArrayEquals(payload, clients.get(i).request(Packet.request(1, payload), WAIT)
                            .get(10, TimeUnit.SECONDS).payload(), addresses.get(i));
                }
                List<TransportEvent.ConnectionEstablished> opened =
                        events.awaitCount(TransportEvent.ConnectionEstablished.class, e -> true, 4);
                Set<Long> ids = new HashSet<>(server.sessions());
                assertEquals(4, ids.size(), "one session per client in the one registry: " + ids);
                for (TransportEvent.ConnectionEstablished e : opened) {
                    assertTrue(ids.contains(e.session()), e.toString());
                }

                // a broadcast reaches the clients of every protocol
                assertEquals(4, server.broadcast(Packet.oneWay(7, "all".getBytes(StandardCharsets.UTF_8))));
                for (int i = 0; i < clients.size(); i++) {
                    List<Packet> got = received.get(i);
                    String over = addresses.get(i);
                    Eventually.eventually(() -> assertTrue(got.stream().anyMatch(p -> p.bizType() == 7),
                            "broadcast not received over " + over));
                }
                // and the server's requests reach each session, whatever its protocol
                Set<String> answers = new HashSet<>();
                for (long id : ids) {
                    answers.add(new String(server.request(id, Packet.request(2, new byte[] {1}), WAIT)
                            .get(10, TimeUnit.SECONDS).payload(), StandardCharsets.UTF_8));
                }
                Set<String> expected = new HashSet<>();
                addresses.forEach(a -> expected.add("from " + a));
                assertEquals(expected, answers);
            } finally {
                for (TransportClient c : clients) {
                    c.close();
                }
            }
        }
        Eventually.eventually(() -> assertEquals(before, engineThreads(), "engine threads left after close"));
    }

    @Test
    void aListenerThatCannotBindLeavesNothingBound() throws Exception {
        int before = engineThreads();
        String memoryName = "multi-taken-" + NAMES.incrementAndGet();
        try (ServerSocket taken = new ServerSocket(0)) {
            Transport.Builder b = common("mutex").memory(memoryName).alsoListen("ws://127.0.0.1:0")
                    .alsoListen("127.0.0.1:" + taken.getLocalPort());
            assertThrows(IOException.class, b::startServer);
        }
        Eventually.eventually(() -> assertEquals(before, engineThreads(), "engine threads left after a failed start"));
        // the memory name bound before the failure is free again
        try (TransportServer again = common("mutex").memory(memoryName).startServer()) {
            assertEquals("mem:" + memoryName, again.address());
        }
    }

    @Test
    void oneQuicListenerPerServer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> common("mutex").quic("127.0.0.1", 0).alsoListen("quic://127.0.0.1:0").config());
        assertTrue(e.getMessage().contains("at most one QUIC listener"), e.getMessage());
    }

    private static int engineThreads() {
        int n = 0;
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            if (th.isAlive() && th.getName().startsWith(Engine.THREAD_PREFIX)) {
                n++;
            }
        }
        return n;
    }
}
