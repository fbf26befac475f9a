package dev.msgtrans.harness.latency;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.TransportStats;
import dev.msgtrans.harness.serve.ServeHandlers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Our transport as the target: a server running {@link MessageHandler#echo()} and a client with a pool of
 * {@code connections} connections, both of one composition (preset or variant), exactly as
 * {@link dev.msgtrans.harness.e2e.EchoThroughputBenchmark} builds them.
 * <p>
 * The lane is not a connection here: the client's connection pool picks the connection for every request (its
 * acquire/release is on the measured path, as in the throughput benchmark), so lanes only split the histograms.
 * The request packet is built once; the transport stamps each send's message id on a copy. A response that does
 * not arrive within the timeout completes the future with a {@code TimeoutException} (the request tracker's job).
 * With {@link LatencyOptions#connect()} there is no server here: the client connects to a server running elsewhere
 * ({@code ./workbench serve}), whose counters this side cannot see.
 * Threading: {@link EchoTarget}'s.
 */
final class MsgtransEchoTarget implements EchoTarget {

    /** Null when the server runs elsewhere. */
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
        if (o.connect() != null) {
            return openRemote(o);
        }
        Transport.Builder sb = Transport.builder().variant(o.variant()).handler(MessageHandler.echo());
        switch (o.protocol()) {
            case TCP -> sb.tcp("127.0.0.1", 0);
            case WEBSOCKET -> sb.websocket("127.0.0.1", 0);
            case QUIC -> sb.quic("127.0.0.1", 0);
            case MEMORY -> sb.memory("latency-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        }
        TransportServer server = sb.startServer();
        TransportClient client;
        try {
            Transport.Builder cb = Transport.builder().variant(o.variant()).connectTo(server.address())
                    .connections(o.connections());
            server.certificate().ifPresent(cb::quicTrust); // QUIC: the client pins the server's generated certificate
            client = cb.connect();
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return new MsgtransEchoTarget(server, client, Packet.request(1, payload(o.payload())), o.timeout(),
                "msgtrans " + o.variant() + " " + o.protocol() + " " + server.address() + ", " + o.connections()
                        + " pooled connections");
    }

    private static MsgtransEchoTarget openRemote(LatencyOptions o) throws IOException {
        TransportClient client;
        try {
            client = Transport.builder().variant(o.variant()).connectTo(o.connect()).connections(o.connections())
                    .connect();
        } catch (IOException e) {
            throw new IOException("cannot connect to the server at " + o.connect() + " (is ./workbench serve running"
                    + " there, and the port open?): " + e.getMessage(), e);
        }
        try {
            if (o.serverEnvOut() != null) {
                fetchServerEnvironment(client, o.serverEnvOut());
            }
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
        return new MsgtransEchoTarget(null, client, Packet.request(1, payload(o.payload())), o.timeout(),
                "msgtrans " + o.variant() + " TCP client of the remote server " + o.connect() + ", "
                        + o.connections() + " pooled connections");
    }

    /** Asks the server for its {@code env.json} and writes it; a server that has none answers empty. */
    private static void fetchServerEnvironment(TransportClient client, Path out) throws IOException {
        Packet answer;
        try {
            answer = client.request(Packet.request(ServeHandlers.ENV_BIZ_TYPE, new byte[0]), Duration.ofSeconds(10))
                    .get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the server did not answer the environment request: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking the server for its environment", e);
        }
        if (answer.payload().length == 0) {
            throw new IOException("the server sent no environment (not started by ./workbench serve?); pass its"
                    + " env.json by hand instead");
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, answer.payload());
        System.out.println("# Server environment written to " + out);
    }

    private static byte[] payload(int size) {
        byte[] payload = new byte[size];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        return payload;
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
        TransportStats c = client.stats();
        if (server == null) {
            // the remote server's drops are in the stats it prints on exit
            return c.mailboxDrops() + c.sendsRefused();
        }
        TransportStats s = server.stats();
        return s.mailboxDrops() + s.sendsRefused() + c.mailboxDrops() + c.sendsRefused();
    }

    @Override
    public String counters() {
        TransportStats c = client.stats();
        String clientCounters = "client requestsCompleted=" + c.requestsCompleted() + " requestsTimedOut="
                + c.requestsTimedOut() + " requestsFailed=" + c.requestsFailed() + " unmatchedResponses="
                + c.unmatchedResponses() + " sendsRefused=" + c.sendsRefused() + " mailboxDrops=" + c.mailboxDrops();
        if (server == null) {
            return clientCounters + "; server: remote (its stats are printed when it stops)";
        }
        TransportStats s = server.stats();
        return "server mailboxDrops=" + s.mailboxDrops() + " sendsRefused=" + s.sendsRefused() + " packetsReceived="
                + s.packetsReceived() + " packetsSent=" + s.packetsSent() + "; " + clientCounters;
    }

    @Override
    public void close() {
        client.close();
        if (server != null) {
            server.close();
        }
    }
}
