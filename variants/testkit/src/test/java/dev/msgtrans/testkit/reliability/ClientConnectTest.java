package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;
import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.TransportException;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.TransportStats;
import dev.msgtrans.testkit.e2e.E2eTarget;
import dev.msgtrans.testkit.e2e.E2eTargets;
import dev.msgtrans.testkit.e2e.EventRecorder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static dev.msgtrans.testkit.e2e.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The client's connects (issue 15, item 5): a connect is bounded by the connect timeout, and no send or request
 * waits for one. An address that never answers is simulated on loopback by a listener whose accept queue is full
 * ({@link StallingProxy}): Linux then drops the SYNs, so a connect neither completes nor is refused. Waits are
 * liveness bounds, each a fraction of the connect time a blocking design would spend, never speed assertions.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClientConnectTest {

    /** Long enough that a send which waited for a connect could not finish within {@link #SEND_BOUND}. */
    private static final long LONG_CONNECT_MS = 60_000;
    private static final Duration SEND_BOUND = Duration.ofSeconds(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    static Stream<E2eTarget> tcpTargets() {
        return E2eTargets.all().filter(t -> t.protocol() == Protocol.TCP);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tcpTargets")
    void aConnectToAnAddressThatNeverAnswersFailsAfterTheTimeout(E2eTarget t) throws Exception {
        try (ServerSocket blackhole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = StallingProxy.fillBacklog(blackhole);
            try {
                String address = "127.0.0.1:" + blackhole.getLocalPort();
                Transport.Builder b = t.client(address).connections(2).connectTimeoutMillis(500);
                CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
                    try (TransportClient c = b.connect()) {
                        return null;
                    } catch (Throwable e) {
                        return e;
                    }
                });
                Throwable e = outcome.get(SEND_BOUND.toSeconds(), TimeUnit.SECONDS); // not forever
                assertTrue(e instanceof IOException, "connect() fails with an IOException, got " + e);
                assertTrue(e.getMessage().contains(address) && e.getMessage().contains("timed out after 500 ms"),
                        "the message names the target and the timeout: " + e.getMessage());
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    /**
     * One of three connections is killed by the server while new connects hang: four threads keep sending requests,
     * all answered on the two others, and none waits for the replacement's connect; once connects get through
     * again, the replacement is made and carries requests.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void aKilledConnectionIsReplacedInTheBackgroundWhileTheOthersServe(E2eTarget t) throws Exception {
        Set<Long> served = ConcurrentHashMap.newKeySet();
        MessageHandler handler = (ctx, p) -> {
            if (p.type() == PacketType.REQUEST) {
                served.add(ctx.session());
                ctx.reply(p, p.payload());
            }
        };
        try (TransportServer server = t.server().handler(handler).startServer();
             StallingProxy proxy = t.protocol() == Protocol.TCP ? new StallingProxy(server.address()) : null) {
            String address = proxy != null ? proxy.address() : server.address();
            try (TransportClient client = t.client(address).connections(3).connectTimeoutMillis(LONG_CONNECT_MS)
                    .acquireTimeoutMillis(REQUEST_TIMEOUT.toMillis()).connect()) {
                eventually(() -> assertEquals(3, server.sessions().size()));
                List<Long> originals = List.copyOf(server.sessions());
                if (proxy != null) {
                    proxy.stall(); // from now on the replacement's connect hangs
                }
                assertTrue(server.close(originals.get(0)));
                eventually(() -> assertEquals(2, client.connections(), "the client saw its connection closed"));

                // (b) the senders are served by the two others and never wait for the replacement's connect
                int senders = 4;
                int perSender = 100;
                CountDownLatch done = new CountDownLatch(senders);
                AtomicReference<Throwable> failure = new AtomicReference<>();
                for (int i = 0; i < senders; i++) {
                    int id = i;
                    Thread th = new Thread(() -> {
                        try {
                            for (int n = 0; n < perSender; n++) {
                                byte[] payload = {(byte) id, (byte) n};
                                Packet reply = client.request(Packet.request(1, payload), REQUEST_TIMEOUT)
                                        .get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
                                assertArrayEquals(payload, reply.payload());
                            }
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            done.countDown();
                        }
                    }, "sender-" + i);
                    th.setDaemon(true); // a sender stuck in a connect must not outlive the case
                    th.start();
                }
                assertTrue(done.await(SEND_BOUND.toSeconds(), TimeUnit.SECONDS), "every sender finished within "
                        + SEND_BOUND.toSeconds() + " s although the replacement's connect hangs for "
                        + LONG_CONNECT_MS / 1000 + " s: no send waited for it");
                assertNull(failure.get(), () -> "every request answered on the open connections: " + failure.get());
                TransportStats mid = client.stats();
                assertEquals(0, mid.sendsWithoutConnection(), "two connections stayed open throughout");
                if (proxy != null) {
                    assertEquals(2, client.connections(), "the replacement cannot have connected: the proxy is stalled");
                    proxy.resume();
                }

                // (c) the replacement connects (a retransmitted SYN gets through) and is used afterwards
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (client.connections() < 3) {
                    if (System.nanoTime() > deadline) {
                        fail("the replacement connection was never made: " + client.connections() + " open");
                    }
                    client.request(Packet.request(1, new byte[]{1}), REQUEST_TIMEOUT).get(); // drives replacement
                    Thread.sleep(20);
                }
                served.clear();
                for (int n = 0; n < 30; n++) {
                    client.request(Packet.request(1, new byte[]{(byte) n}), REQUEST_TIMEOUT).get();
                }
                Set<Long> fresh = new HashSet<>(served);
                fresh.removeAll(originals);
                assertTrue(!fresh.isEmpty(), "requests reached a connection made after the kill; served by " + served
                        + ", the originals were " + originals);
            }
        }
    }

    /**
     * Every connection killed while connects hang: sends fail at once and are counted, not held for a connect;
     * replacements that time out are discarded and retried, and once connects get through the client serves again.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tcpTargets")
    void withEveryConnectionDeadSendsFailAtOnceUntilAReplacementConnects(E2eTarget t) throws Exception {
        try (TransportServer server = t.server().handler(MessageHandler.echo()).startServer();
             StallingProxy proxy = new StallingProxy(server.address())) {
            try (TransportClient client = t.client(proxy.address()).connections(2).connectTimeoutMillis(300)
                    .connect()) {
                eventually(() -> assertEquals(2, server.sessions().size()));
                EventRecorder events = EventRecorder.subscribe(client.events());
                proxy.stall();
                for (long id : server.sessions()) {
                    server.close(id);
                }
                eventually(() -> assertEquals(0, client.connections()));
                int refused = 0;
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2); // several connect timeouts
                while (System.nanoTime() < until) {
                    assertThrows(TransportException.class, () -> client.send(Packet.oneWay(1, new byte[]{1})),
                            "no connection is open: the send fails instead of waiting");
                    refused++;
                    Thread.sleep(10);
                }
                int expected = refused;
                eventually(() -> assertEquals(expected, client.stats().sendsWithoutConnection()));
                TransportEvent.TransportError error = events.await(TransportEvent.TransportError.class,
                        e -> e.cause().equals("CONNECT"));
                assertTrue(error.message().contains(proxy.address()) && error.message().contains("timed out after 300 ms"),
                        "a replacement's failed connect is reported with its target and bound: " + error.message());
                proxy.resume();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (true) {
                    try {
                        Packet reply = client.request(Packet.request(1, new byte[]{7}), REQUEST_TIMEOUT).get();
                        assertArrayEquals(new byte[]{7}, reply.payload());
                        break;
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (!(e.getCause() instanceof TransportException) || System.nanoTime() > deadline) {
                            throw e;
                        }
                        Thread.sleep(20); // still no connection: a later request starts another connect
                    }
                }
            }
        }
    }
}
