package dev.msgtrans.hdrhistogram;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportServer;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real servers and clients (the default variant) over TCP on loopback and in memory: each side's recorder holds
 * exactly the answered requests that side issued, within the wall time they took, and nothing for a request that
 * timed out.
 */
class HdrRoundTripsTest {

    private static final int REQUESTS = 200;
    private static final int SLOW = 7;

    @Test
    void aClientRecordsEachAnsweredRequestOverTcp() throws Exception {
        clientRecordsEachAnsweredRequest(Transport.builder().tcp("127.0.0.1", 0));
    }

    @Test
    void aClientRecordsEachAnsweredRequestInMemory() throws Exception {
        clientRecordsEachAnsweredRequest(Transport.builder().memory("hdr-round-trips"));
    }

    private static void clientRecordsEachAnsweredRequest(Transport.Builder serverSide) throws Exception {
        HdrRoundTrips clientTrips = new HdrRoundTrips();
        HdrRoundTrips serverTrips = new HdrRoundTrips();
        try (TransportServer server = serverSide.handler(MessageHandler.echo()).roundTrips(serverTrips).startServer();
             TransportClient client = Transport.builder().connectTo(server.address()).connections(1)
                     .roundTrips(clientTrips).connect()) {
            long start = System.nanoTime();
            for (int i = 0; i < REQUESTS; i++) {
                client.request(Packet.request(1, new byte[] {(byte) i}), Duration.ofSeconds(10))
                        .get(10, TimeUnit.SECONDS);
            }
            long wall = System.nanoTime() - start;

            Histogram h = clientTrips.interval();
            assertEquals(REQUESTS, h.getTotalCount());
            assertTrue(h.getMinValue() > 0, "a round trip takes time: " + h.getMinValue());
            // every recorded value lies inside the loop's own wall time (HdrHistogram's bucket may round up 0.1%)
            assertTrue(h.getMaxValue() <= wall * 1.001, "max " + h.getMaxValue() + " ns, loop " + wall + " ns");
            assertEquals(0, clientTrips.interval().getTotalCount(), "an interval holds only what came after the last");
            assertEquals(0, serverTrips.interval().getTotalCount(), "the server issued no request");
        }
    }

    @Test
    void aServerRecordsTheRequestsItIssuesAndNotTheOnesThatTimeOut() throws Exception {
        HdrRoundTrips serverTrips = new HdrRoundTrips();
        // the client answers biz type 1 and ignores biz type 2, so those requests time out
        MessageHandler clientHandler = (ctx, p) -> {
            if (p.type() == PacketType.REQUEST && p.bizType() == 1) {
                ctx.reply(p, p.payload());
            }
        };
        try (TransportServer server = Transport.builder().memory("hdr-server-requests")
                .roundTrips(serverTrips).startServer();
             TransportClient client = Transport.builder().connectTo(server.address()).connections(1)
                     .handler(clientHandler).connect()) {
            long session = awaitSession(server);
            for (int i = 0; i < SLOW; i++) {
                server.request(session, Packet.request(1, new byte[] {(byte) i}), Duration.ofSeconds(10))
                        .get(10, TimeUnit.SECONDS);
            }
            CompletableFuture<Packet> unanswered =
                    server.request(session, Packet.request(2, new byte[] {9}), Duration.ofMillis(50));
            assertThrows(ExecutionException.class, () -> unanswered.get(10, TimeUnit.SECONDS));

            assertEquals(SLOW, serverTrips.interval().getTotalCount(), "answered requests only");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.stats().requestsTimedOut() != 1 && System.nanoTime() < deadline) {
                Thread.sleep(2); // the stats trail the futures they count by a step
            }
            assertEquals(1, server.stats().requestsTimedOut());
        }
    }

    private static long awaitSession(TransportServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.sessions().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "no session opened");
            Thread.sleep(2);
        }
        return server.sessions().get(0);
    }
}
