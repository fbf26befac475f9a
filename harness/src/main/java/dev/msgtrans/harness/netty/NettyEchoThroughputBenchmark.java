package dev.msgtrans.harness.netty;

import dev.msgtrans.core.Protocol;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reference peer: the load of {@link dev.msgtrans.harness.e2e.EchoThroughputBenchmark} (same parameters, same
 * msgtrans 1.0 frames, same pipelining) against a Netty 4.1 echo server and client, so that a report can divide
 * our round trips per second by Netty's for each {@code protocol / connections / window / payloadSize}.
 * <p>
 * Each benchmark thread spreads its requests over the connections round-robin (starting at its thread index), as
 * the msgtrans client's connection pool spreads them, and keeps {@code window} requests in flight; an operation waits for the oldest response and sends a new request, so the score is completed round
 * trips per second. Both sides batch their writes as msgtrans does: the client consolidates the flushes of the
 * requests written from the benchmark threads into one per event-loop pass ({@link NettyEchoClient}), the server
 * flushes once per read batch ({@link NettyEchoServer}). {@code MEMORY} is Netty's {@code LocalChannel}, {@code TCP}
 * is NIO on loopback. Both server
 * and client get as many event-loop threads as there are processors, as the msgtrans engine's defaults do. A
 * response that does not arrive within 10 s fails the run.
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar NettyEchoThroughputBenchmark -p protocol=TCP -t 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NettyEchoThroughputBenchmark {

    private static final AtomicInteger ENDPOINTS = new AtomicInteger();

    @Param({"MEMORY", "TCP"})
    public Protocol protocol;

    /** Client connections. */
    @Param({"4"})
    public int connections;

    /** Requests each benchmark thread keeps in flight. */
    @Param({"1", "16"})
    public int window;

    @Param({"64"})
    public int payloadSize;

    NettyEchoServer server;
    NettyEchoClient client;
    /** Every thread's window, so that the trial's end can wait for what is still in flight before closing. */
    final Queue<Window> windows = new ConcurrentLinkedQueue<>();

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        if (protocol == Protocol.WEBSOCKET || protocol == Protocol.QUIC) {
            throw new IllegalArgumentException("the Netty reference peer speaks TCP and MEMORY only, not " + protocol);
        }
        boolean memory = protocol == Protocol.MEMORY;
        int ioThreads = Runtime.getRuntime().availableProcessors();
        server = new NettyEchoServer(memory, "netty-echo-bench-" + ENDPOINTS.incrementAndGet(), ioThreads);
        client = new NettyEchoClient(memory, server.address(), connections, ioThreads);
    }

    /** Runs after every thread has left the measured loop: waits for the last windows, then closes. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException, ExecutionException, TimeoutException {
        for (Window w : windows) {
            for (CompletableFuture<Integer> f : w.inFlight) {
                f.get(10, TimeUnit.SECONDS);
            }
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** One thread's connection and window of requests in flight; it stays full across iterations. */
    @State(Scope.Thread)
    public static class Window {
        byte[] payload;
        int connection;
        int connections;
        CompletableFuture<Integer>[] inFlight;
        int oldest;

        @SuppressWarnings("unchecked")
        @Setup(Level.Trial)
        public void fill(NettyEchoThroughputBenchmark bench, ThreadParams threads) {
            payload = new byte[bench.payloadSize];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) i;
            }
            connections = bench.client.connections();
            connection = threads.getThreadIndex() % connections;
            inFlight = (CompletableFuture<Integer>[]) new CompletableFuture<?>[bench.window];
            for (int i = 0; i < inFlight.length; i++) {
                inFlight[i] = bench.client.request(connection, payload);
                connection = connection + 1 == connections ? 0 : connection + 1;
            }
            oldest = 0;
            bench.windows.add(this);
        }
    }

    @Benchmark
    public int roundTrip(Window w) throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<Integer>[] slots = w.inFlight;
        int i = w.oldest;
        int echoed = slots[i].get(10, TimeUnit.SECONDS);
        if (echoed != payloadSize) {
            throw new IllegalStateException("echo returned " + echoed + " bytes for " + payloadSize);
        }
        int c = w.connection;
        slots[i] = client.request(c, w.payload);
        w.connection = c + 1 == w.connections ? 0 : c + 1;
        w.oldest = i + 1 == slots.length ? 0 : i + 1;
        return echoed;
    }
}
