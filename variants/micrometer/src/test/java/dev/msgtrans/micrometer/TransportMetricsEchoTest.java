package dev.msgtrans.micrometer;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.SendResult;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real server and client (in memory, the default variant) bound to one {@link SimpleMeterRegistry}: after echo
 * round trips and a send to a missing session, the meters show those figures on the right side.
 */
class TransportMetricsEchoTest {

    private static final int ROUND_TRIPS = 7;

    /** Counters trail the results they count by a step (see TransportStats): wait for the figure, generously. */
    private static void awaitValue(double expected, MeterRegistry registry, String name, String side)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        double actual;
        while ((actual = read(registry, name, side)) != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(expected, actual, side + " " + name);
    }

    private static double read(MeterRegistry registry, String name, String side) {
        RequiredSearch search = registry.get(name).tags("side", side, "test", "echo");
        return search.meter().getId().getType() == io.micrometer.core.instrument.Meter.Type.GAUGE
                ? search.gauge().value() : search.functionCounter().count();
    }

    @Test
    void echoRoundTripsAndAMissingSessionShowInTheRegistry() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TransportServer server = Transport.builder().memory("micrometer-echo")
                .handler(MessageHandler.echo()).startServer();
             TransportClient client = Transport.builder().connectTo(server.address()).connections(1)
                     .handler((ctx, p) -> { }).connect()) {
            TransportMetrics.forServer(server, Tag.of("test", "echo")).bindTo(registry);
            TransportMetrics.forClient(client, Tag.of("test", "echo")).bindTo(registry);

            for (int i = 0; i < ROUND_TRIPS; i++) {
                byte[] payload = ("ping " + i).getBytes(StandardCharsets.UTF_8);
                Packet response = client.request(Packet.request(1, payload), Duration.ofSeconds(10))
                        .get(10, TimeUnit.SECONDS);
                assertArrayEquals(payload, response.payload());
            }
            long missing = server.sessions().get(0) + 1_000_000;
            assertEquals(SendResult.NO_SESSION, server.send(missing, Packet.oneWay(1, new byte[] {1})));

            awaitValue(1, registry, "msgtrans.sessions.opened", "server");
            awaitValue(1, registry, "msgtrans.sessions.active", "server");
            awaitValue(ROUND_TRIPS, registry, "msgtrans.packets.received", "server");
            awaitValue(ROUND_TRIPS, registry, "msgtrans.packets.sent", "server");
            awaitValue(1, registry, "msgtrans.sends.to.missing.session", "server");
            awaitValue(0, registry, "msgtrans.sends.refused", "server");
            awaitValue(0, registry, "msgtrans.pool.total", "server");

            awaitValue(1, registry, "msgtrans.sessions.opened", "client");
            awaitValue(ROUND_TRIPS, registry, "msgtrans.packets.sent", "client");
            awaitValue(ROUND_TRIPS, registry, "msgtrans.packets.received", "client");
            awaitValue(ROUND_TRIPS, registry, "msgtrans.requests.completed", "client");
            awaitValue(0, registry, "msgtrans.requests.pending", "client");
            awaitValue(0, registry, "msgtrans.requests.failed", "client");
            awaitValue(0, registry, "msgtrans.sends.to.missing.session", "client");
            awaitValue(1, registry, "msgtrans.pool.total", "client");

            // the bytes one side wrote are the bytes the other read, both ways, and each frame has a header
            double clientSent = read(registry, "msgtrans.sent", "client");
            assertTrue(clientSent > ROUND_TRIPS * "ping 0".length(), "client bytes sent: " + clientSent);
            awaitValue(clientSent, registry, "msgtrans.received", "server");
            double serverSent = read(registry, "msgtrans.sent", "server");
            assertTrue(serverSent > ROUND_TRIPS * "ping 0".length(), "server bytes sent: " + serverSent);
            awaitValue(serverSent, registry, "msgtrans.received", "client");

            client.close();
            awaitValue(1, registry, "msgtrans.sessions.closed", "server");
            awaitValue(0, registry, "msgtrans.sessions.active", "server");
        }
    }
}
