package dev.msgtrans.harness.latency;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.TransportStats;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Our transport as the target: a server running {@link MessageHandler#echo()} and a client with a pool of
 * {@code connections} connections, both of one composition (preset or variant), exactly as
 * {@link dev.msgtrans.harness.e2e.EchoThroughputBenchmark} builds them.
 * <p>
 * The lane is not a connection here: the client's connection pool picks the connection for every request (its
 * acquire/release is on the measured path, as in the throughput benchmark), so lanes only split the histograms.
 * The request packet is built once; the transport stamps each send's message id on a copy. A response that does
 * not arrive within the timeout completes the future with a {@code TimeoutException} (the request tracker's job).
 * Threading: {@link EchoTarget}'s.
 */
final class MsgtransEchoTarget implements EchoTarget {

    private final TransportServer server;
    private final TransportClient client;
    private final Packet request;
    private final Duration timeout;
    private final String description;

    private MsgtransEchoTarget(TransportServer server, TransportClient client, Packet request, Duration timeout,
                               String description) {
        this.server = server;
        this.client = client;
        this.request = request;
        this.timeout = timeout;
        this.description = description;
    }

    static MsgtransEchoTarget open(LatencyOptions o) throws Exception {
        Transport.Builder sb = Transport.builder().variant(o.variant()).handler(MessageHandler.echo());
        if (o.protocol() == Protocol.TCP) {
            sb.tcp("127.0.0.1", 0);
        } else {
            sb.memory("latency-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        }
        TransportServer server = sb.startServer();
        TransportClient client;
        try {
            client = Transport.builder().variant(o.variant()).connectTo(server.address())
                    .connections(o.connections()).connect();
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        byte[] payload = new byte[o.payload()];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        return new MsgtransEchoTarget(server, client, Packet.request(1, payload), o.timeout(),
                "msgtrans " + o.variant() + " " + o.protocol() + " " + server.address() + ", " + o.connections()
                        + " pooled connections");
    }

    @Override
    public CompletableFuture<?> request(int lane) {
        return client.request(request, timeout);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public long drops() {
        TransportStats s = server.stats();
        TransportStats c = client.stats();
        return s.mailboxDrops() + s.sendsRefused() + c.mailboxDrops() + c.sendsRefused();
    }

    @Override
    public String counters() {
        TransportStats s = server.stats();
        TransportStats c = client.stats();
        return "server mailboxDrops=" + s.mailboxDrops() + " sendsRefused=" + s.sendsRefused() + " packetsReceived="
                + s.packetsReceived() + " packetsSent=" + s.packetsSent() + "; client requestsCompleted="
                + c.requestsCompleted() + " requestsTimedOut=" + c.requestsTimedOut() + " requestsFailed="
                + c.requestsFailed() + " unmatchedResponses=" + c.unmatchedResponses() + " sendsRefused="
                + c.sendsRefused() + " mailboxDrops=" + c.mailboxDrops();
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
