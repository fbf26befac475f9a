package dev.msgtrans.harness.latency;

import dev.msgtrans.core.Protocol;
import dev.msgtrans.harness.netty.NettyEchoClient;
import dev.msgtrans.harness.netty.NettyEchoServer;

import java.util.concurrent.CompletableFuture;

/**
 * The reference peer as the target: the Netty echo server and client of {@link dev.msgtrans.harness.netty}, the same
 * msgtrans 1.0 frames, {@code LocalChannel} for {@code MEMORY} and NIO on 127.0.0.1 for {@code TCP}, as many
 * event-loop threads as processors on each side (as {@code NettyEchoThroughputBenchmark} sets them up).
 * <p>
 * Lane {@code k} is channel {@code k}: requests go round-robin over the channels, as the load generator assigns
 * lanes. The Netty client has no request timeout of its own; a response that never comes is counted as a timeout
 * when the generator stops waiting. Threading: {@link EchoTarget}'s.
 */
final class NettyEchoTarget implements EchoTarget {

    private final NettyEchoServer server;
    private final NettyEchoClient client;
    private final byte[] payload;
    private final String description;

    private NettyEchoTarget(NettyEchoServer server, NettyEchoClient client, byte[] payload, String description) {
        this.server = server;
        this.client = client;
        this.payload = payload;
        this.description = description;
    }

    static NettyEchoTarget open(LatencyOptions o) throws InterruptedException {
        boolean memory = o.protocol() == Protocol.MEMORY;
        int ioThreads = Runtime.getRuntime().availableProcessors();
        NettyEchoServer server = new NettyEchoServer(memory, "netty-latency-" + System.nanoTime(), ioThreads);
        NettyEchoClient client;
        try {
            client = new NettyEchoClient(memory, server.address(), o.connections(), ioThreads);
        } catch (InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        byte[] payload = new byte[o.payload()];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        return new NettyEchoTarget(server, client, payload, "netty " + o.protocol() + " " + server.address() + ", "
                + o.connections() + " channels");
    }

    @Override
    public CompletableFuture<?> request(int lane) {
        return client.request(lane, payload);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
