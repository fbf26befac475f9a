package dev.msgtrans.harness.seed;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;
import dev.msgtrans.core.SendResult;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.spi.Composition;
import dev.msgtrans.core.spi.ConnectionPool;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.EventBus;
import dev.msgtrans.core.spi.Phase;
import dev.msgtrans.core.spi.SessionRegistry;
import dev.msgtrans.harness.MeasurementWindow;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed's hybrid demo workload (ORIGINAL.md), replayed through the real components of one migration preset.
 * The seed's demo timed 300 ms of its own sleeps and called none of the transport's code; its 4,948 cmd/s,
 * 630 pkt/s, 957 evt/s and 6,746 ops/s are that demo's counts divided by its sleeps. Here one operation is the
 * whole mix, with no sleep anywhere:
 * <ul>
 *   <li>commands: 1,000 add-session ({@code put} of a new session into the preset's {@link SessionRegistry}) and
 *       500 update-pool (acquire + release on the preset's {@link ConnectionPool} of 50 connections, the
 *       original's initial size). The added sessions leave again at the end of the operation ({@code remove},
 *       timed, not counted), so the table does not grow without bound;</li>
 *   <li>packets: 1,000 process-packet (64 B) sent by a real client to a real in-memory server of the preset, every
 *       third one a request (334) that the server answers with a send-response (32 B), the other 666 one-way;
 *       pipelined on one connection, then the operation waits for the 334 responses. The last packet is a request
 *       and a session's packets are handled in arrival order, so its response proves every one-way before it was
 *       processed; the server's count is checked too;</li>
 *   <li>events: 100 health-check + 100 session-connected events published on the preset's {@link EventBus} to one
 *       subscriber; the operation waits until the subscriber has received them (a drop is counted, and never
 *       waited for).</li>
 * </ul>
 * Auxiliary counters, per second over JMH's measurement window: {@code commands} (1,500 per mix),
 * {@code packets} (1,334: 1,000 processed + 334 responses), {@code events} (200) and {@code ops} (all of them,
 * 3,034), beside the primary score, whole mixes per second. {@code eventsDropped} should stay 0.
 * <p>
 * {@code variant} is a preset of DESIGN.md; the session table, pool, event bus and its dispatch come from the
 * preset's choice for their phase, and the server and client are built with the same preset.
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar HybridWorkloadBenchmark -p variant=phase3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HybridWorkloadBenchmark {

    static final int ADD_SESSION = 1_000;
    static final int UPDATE_POOL = 500;
    static final int PROCESS_PACKET = 1_000;
    /** Every third processed packet is a request answered with a response: 334 of 1,000, the last one included. */
    static final int SEND_RESPONSE = (PROCESS_PACKET + 2) / 3;
    static final int HEALTH_CHECK = 100;
    static final int SESSION_CONNECTED = 100;
    static final int COMMANDS = ADD_SESSION + UPDATE_POOL;
    static final int PACKETS = PROCESS_PACKET + SEND_RESPONSE;
    static final int EVENTS = HEALTH_CHECK + SESSION_CONNECTED;

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger ENDPOINTS = new AtomicInteger();

    @Param({"baseline", "phase1", "phase2", "phase3"})
    public String variant;

    /** A session of the demo's table: what add-session stores. */
    record HybridSession(long id, String peer) {
    }

    /** The demo's two event kinds. */
    sealed interface HybridEvent permits HealthCheck, SessionConnected {
    }

    record HealthCheck(int sequence) implements HybridEvent {
    }

    record SessionConnected(long session) implements HybridEvent {
    }

    SessionRegistry<HybridSession> sessions;
    ConnectionPool<Object> pool;
    Dispatch eventDispatch;
    EventBus<HybridEvent> bus;
    LatchingSubscriber subscriber;
    TransportServer server;
    TransportClient client;
    final AtomicLong oneWaysHandled = new AtomicLong();

    private HybridSession[] sessionValues;
    private HybridEvent[] events;
    private Packet request;
    private Packet oneWay;
    private long nextSession;
    private long oneWaysSent;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Composition c = Composition.resolve(variant);
        sessions = c.variant(Phase.SESSIONS).newSessionRegistry(ADD_SESSION);
        pool = c.variant(Phase.POOLS).newConnectionPool(new ConnectionPool.Factory<>() {
            @Override
            public Object create() {
                return new Object();
            }

            @Override
            public void destroy(Object connection) {
                // nothing to close
            }
        }, 50);
        List<ConnectionPool.Lease<Object>> leases = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            leases.add(pool.acquire(1, TimeUnit.SECONDS)); // fill it: update-pool never creates connections
        }
        leases.forEach(pool::release);
        eventDispatch = c.variant(Phase.REQUESTS_DISPATCH).newDispatch("hybrid-events", 1, 1024);
        bus = c.variant(Phase.ACTORS_EVENTS).newEventBus(eventDispatch, 1024);
        subscriber = new LatchingSubscriber();
        bus.subscribe(subscriber);

        byte[] response = new byte[32];
        server = Transport.builder().variant(variant).memory("hybrid-" + ENDPOINTS.incrementAndGet())
                .handler(handler(response)).startServer();
        client = Transport.builder().variant(variant).connectTo(server.address()).connections(1).connect();

        sessionValues = new HybridSession[ADD_SESSION];
        for (int i = 0; i < ADD_SESSION; i++) {
            sessionValues[i] = new HybridSession(i, "10.0.0." + (i % 250) + ":" + (40000 + i));
        }
        events = new HybridEvent[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            events[i] = i % 2 == 0 ? new HealthCheck(i) : new SessionConnected(i);
        }
        byte[] payload = new byte[64];
        request = Packet.request(1, payload);
        oneWay = Packet.oneWay(1, payload);
    }

    /** Process-packet: requests get a 32-byte send-response, one-way packets are counted. */
    private MessageHandler handler(byte[] response) {
        return (ctx, p) -> {
            if (p.type() == PacketType.REQUEST) {
                ctx.reply(p, response);
            } else {
                oneWaysHandled.incrementAndGet();
            }
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        try {
            if (client != null) {
                client.close();
            }
            if (server != null) {
                server.close();
            }
            bus.close();
            if (!subscriber.completed.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(variant + " event bus did not complete its subscriber within 10 s");
            }
        } finally {
            eventDispatch.close();
        }
        int inUse = pool.inUse();
        pool.close();
        if (inUse != 0 || sessions.size() != 0) {
            throw new IllegalStateException(variant + ": " + inUse + " pool leases and " + sessions.size()
                    + " sessions left after the run");
        }
    }

    /** Work done, reported per second by JMH ({@code OPERATIONS}). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts {
        public long commands;
        public long packets;
        public long events;
        public long ops;
        public long eventsDropped;

        @Setup(Level.Iteration)
        public void reset() {
            commands = 0;
            packets = 0;
            events = 0;
            ops = 0;
            eventsDropped = 0;
        }
    }

    @Benchmark
    public long mix(Counts counts, Control control) throws Exception {
        long checksum = commands();
        checksum += packets();
        long dropped = events();
        if (MeasurementWindow.open(control)) {
            counts.commands += COMMANDS;
            counts.packets += PACKETS;
            counts.events += EVENTS;
            counts.ops += COMMANDS + PACKETS + EVENTS;
            counts.eventsDropped += dropped;
        }
        return checksum;
    }

    /** 1,000 add-session and 500 update-pool; then the added sessions leave. */
    private long commands() throws Exception {
        long base = nextSession;
        nextSession += ADD_SESSION;
        for (int i = 0; i < ADD_SESSION; i++) {
            if (sessions.put(base + i, sessionValues[i]) != null) {
                throw new IllegalStateException("session " + (base + i) + " was already in the table");
            }
        }
        long sum = 0;
        for (int i = 0; i < UPDATE_POOL; i++) {
            ConnectionPool.Lease<Object> lease = pool.acquire(1, TimeUnit.SECONDS);
            sum += System.identityHashCode(lease.connection());
            pool.release(lease);
        }
        for (int i = 0; i < ADD_SESSION; i++) {
            sessions.remove(base + i);
        }
        return sum;
    }

    /** 1,000 processed packets (334 of them requests) pipelined on one connection, then the 334 responses. */
    @SuppressWarnings("unchecked")
    private long packets() {
        CompletableFuture<Packet>[] responses = (CompletableFuture<Packet>[]) new CompletableFuture<?>[SEND_RESPONSE];
        int r = 0;
        for (int i = 0; i < PROCESS_PACKET; i++) {
            if (i % 3 == 0) {
                responses[r++] = client.request(request, TIMEOUT);
            } else {
                SendResult sent = client.send(oneWay);
                if (sent != SendResult.QUEUED) {
                    throw new IllegalStateException("one-way packet not queued: " + sent);
                }
                oneWaysSent++;
            }
        }
        long bytes = 0;
        for (CompletableFuture<Packet> f : responses) {
            bytes += f.join().payload().length;
        }
        if (bytes != 32L * SEND_RESPONSE) {
            throw new IllegalStateException("responses carried " + bytes + " bytes, expected " + 32L * SEND_RESPONSE);
        }
        // the last packet was a request: its response follows every one-way before it on the session's actor
        long handled = oneWaysHandled.get();
        if (handled != oneWaysSent) {
            throw new IllegalStateException("server handled " + handled + " one-way packets, client sent " + oneWaysSent);
        }
        return bytes;
    }

    /** 100 health-check + 100 session-connected through the bus; waits for delivery. @return events dropped */
    private long events() throws InterruptedException {
        CountDownLatch delivered = subscriber.expect(EVENTS);
        long dropped = 0;
        for (HybridEvent e : events) {
            if (bus.publish(e) == 0) {
                dropped++;
                delivered.countDown(); // a dropped event will never arrive: do not wait for it
            }
        }
        if (!delivered.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(variant + " event bus delivered " + (EVENTS - delivered.getCount())
                    + " of " + EVENTS + " events within 10 s");
        }
        return dropped;
    }

    /**
     * Counts deliveries down on the latch of the current operation. {@code onNext} calls are serial (the
     * {@link Flow} contract) and an operation starts only after the previous one's events all arrived, so the
     * latch is swapped only while no delivery is in flight; the volatile field publishes it to the delivery thread.
     */
    static final class LatchingSubscriber implements Flow.Subscriber<HybridEvent> {
        final CountDownLatch completed = new CountDownLatch(1);
        private volatile CountDownLatch current = new CountDownLatch(0);

        CountDownLatch expect(int n) {
            CountDownLatch l = new CountDownLatch(n);
            current = l;
            return l;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(HybridEvent item) {
            current.countDown();
        }

        @Override
        public void onError(Throwable throwable) {
            completed.countDown();
        }

        @Override
        public void onComplete() {
            completed.countDown();
        }
    }
}
