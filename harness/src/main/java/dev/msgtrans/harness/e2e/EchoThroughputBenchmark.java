package dev.msgtrans.harness.e2e;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.spi.ConnectionPool;
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

import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End to end: echo round trips through a real server and client of one composition, in memory or over TCP
 * loopback.
 * <p>
 * The server runs {@link MessageHandler#echo()}; the client opens {@code connections} pooled connections. Each
 * benchmark thread keeps {@code window} requests in flight: an operation waits for its oldest request's response
 * and sends a new request in its place, so the score is completed round trips per second and {@code window = 1}
 * is strict ping-pong. Request packets are built once per thread (the transport stamps the message id on a copy),
 * so allocation per operation ({@code -prof gc}) is the transport's own. A request that fails or times out (10 s)
 * fails the run: an echo that loses a message is a bug, not a data point.
 * <p>
 * {@code variant} is a preset of DESIGN.md ({@code baseline}, {@code phase1}, {@code phase2}, {@code phase3}) or a
 * uniform variant ({@code mutex}, {@code lockfree}), or an explicit composition spec with {@code ;} between its
 * parts ({@code sessions=lockfree;actors=lockfree;requests=lockfree}: JMH splits {@code -p} values on commas);
 * server and client use the same one. {@code MEMORY} isolates
 * the concurrency cost from the kernel's; {@code TCP} adds it. The same load against a Netty echo server, for the
 * our/Netty ratio, is {@link dev.msgtrans.harness.netty.NettyEchoThroughputBenchmark} (identical parameters).
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar EchoThroughputBenchmark -p variant=phase3 -p protocol=TCP -t 2
 * java -jar harness/target/benchmarks.jar EchoThroughputBenchmark -p variant=phase3 -p protocol=TCP -p reuse=LIFO -t 2
 * java -jar harness/target/benchmarks.jar EchoThroughputBenchmark -p variant=phase3 -p protocol=QUIC -t 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EchoThroughputBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger ENDPOINTS = new AtomicInteger();

    @Param({"baseline", "phase1", "phase2", "phase3", "mutex", "lockfree"})
    public String variant;

    /** {@code WEBSOCKET} too ({@code -p protocol=WEBSOCKET}); the default matrix keeps the two it has figures for. */
    @Param({"MEMORY", "TCP"})
    public Protocol protocol;

    /** Client connections in the pool. */
    @Param({"4"})
    public int connections;

    /**
     * Which idle connection the client's pool hands out ({@code Transport.Builder.connectionReuse}): {@code FIFO}
     * (the transport's default) spreads the window over every connection, {@code LIFO} keeps it on the few
     * released last. A factor of its own, measured against the other by the {@code reuse-order} matrix.
     */
    @Param({"FIFO"})
    public ConnectionPool.Reuse reuse;

    /** Requests each benchmark thread keeps in flight. */
    @Param({"1", "16"})
    public int window;

    @Param({"64"})
    public int payloadSize;

    TransportServer server;
    TransportClient client;
    /** Every thread's window, so that the trial's end can wait for what is still in flight before closing. */
    final Queue<Window> windows = new ConcurrentLinkedQueue<>();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        // JMH splits -p values on commas, so an explicit composition spec is written with ';' between its parts
        String spec = variant.replace(';', ',');
        Transport.Builder sb = Transport.builder().variant(spec).handler(MessageHandler.echo());
        switch (protocol) {
            case TCP -> sb.tcp("127.0.0.1", 0);
            case WEBSOCKET -> sb.websocket("127.0.0.1", 0);
            // ordered (the default): the order every protocol keeps; TLS with the server's generated certificate
            case QUIC -> sb.quic("127.0.0.1", 0);
            // a fresh name per trial, so that nothing of an earlier trial in this JVM can answer
            case MEMORY -> sb.memory("echo-bench-" + ENDPOINTS.incrementAndGet());
        }
        server = sb.startServer();
        Transport.Builder cb = Transport.builder().variant(spec).connectTo(server.address()).connections(connections)
                .connectionReuse(reuse);
        server.certificate().ifPresent(cb::quicTrust); // QUIC: the client pins the certificate its server generated
        client = cb.connect();
    }

    /**
     * Runs once every thread has left the measured loop (JMH's pre-teardown barrier), so no request is sent after
     * this point: waits for the last windows, then closes. Windows are not drained per iteration, because JMH may
     * run this teardown on one thread while another is still in its iteration teardown.
     */
    @TearDown(Level.Trial)
    public void tearDown() {
        for (Window w : windows) {
            for (CompletableFuture<Packet> f : w.inFlight) {
                f.join();
            }
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** One thread's window of requests in flight; it stays full across iterations (a steady pipeline). */
    @State(Scope.Thread)
    public static class Window {
        Packet request;
        CompletableFuture<Packet>[] inFlight;
        int oldest;

        @SuppressWarnings("unchecked")
        @Setup(Level.Trial)
        public void fill(EchoThroughputBenchmark bench) {
            byte[] payload = new byte[bench.payloadSize];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) i;
            }
            request = Packet.request(1, payload);
            inFlight = (CompletableFuture<Packet>[]) new CompletableFuture<?>[bench.window];
            for (int i = 0; i < inFlight.length; i++) {
                inFlight[i] = bench.client.request(request, TIMEOUT);
            }
            oldest = 0;
            bench.windows.add(this);
        }
    }

    @Benchmark
    public Packet roundTrip(Window w) {
        CompletableFuture<Packet>[] slots = w.inFlight;
        int i = w.oldest;
        Packet response = slots[i].join();
        if (response.payload().length != payloadSize) {
            throw new IllegalStateException("echo returned " + response.payload().length + " bytes for " + payloadSize);
        }
        slots[i] = client.request(w.request, TIMEOUT);
        w.oldest = i + 1 == slots.length ? 0 : i + 1;
        return response;
    }
}
