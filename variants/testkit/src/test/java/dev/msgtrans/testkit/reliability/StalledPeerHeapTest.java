package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.OutboundBytes;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.SendResult;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.TransportStats;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.testkit.e2e.EventRecorder;
import dev.msgtrans.testkit.e2e.RawConnection;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peers that never read, sent 1 MiB frames as fast as a thread can: per real variant, a server in a child JVM with a
 * small heap pushes to {@value #STALLED} stalled TCP sessions for {@value #FLOOD_MILLIS} ms while the parent keeps an
 * echo session beside them busy. The server's heap stays within its stated bound (each stalled session holds at most
 * its {@link OutboundBytes#limit()} of queued frames, so {@value #STALLED} x 4 MiB plus the JVM's own working set; the
 * child's {@code -Xmx} would be exhausted at once by the old count bound of 4,096 frames), every refused send is
 * counted, and the echo session is answered throughout. The rates it prints are one run's observation, not
 * asserted: speed targets belong in benchmarks.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StalledPeerHeapTest {

    static final int STALLED = 8;
    static final int FLOOD_MILLIS = 2_000;
    static final int HEAP_MB = 128;
    /** The JVM's own working set on top of the queued frames: classes' objects, buffers, the frame being encoded. */
    static final long WORKING_SET = 24L << 20;
    private static final Duration PATIENCE = EventRecorder.PATIENCE;

    static Stream<String> realAliases() {
        return Variants.realAliases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realAliases")
    void stalledPeersWithMegabyteFramesStayWithinTheByteBound(String alias) throws Exception {
        List<RawConnection> stalled = new ArrayList<>();
        try (ChildJvm child = ChildJvm.start(0, List.of("-Xmx" + HEAP_MB + "m", "-XX:+UseSerialGC"), Child.class,
                alias, Integer.toString(FLOOD_MILLIS))) {
            String address = "127.0.0.1:" + child.awaitLine("PORT ").substring(5);
            for (int i = 0; i < STALLED; i++) {
                stalled.add(RawConnection.tcp(address)); // never read
            }
            child.println("GO " + STALLED);
            child.awaitLine("FLOODING");
            byte[] payload = new byte[64];
            int duringFlood = 0;
            long start = System.nanoTime();
            try (EchoSocket echo = EchoSocket.connect(address)) {
                while (child.count("RESULT ") == 0 && child.count("OOM") == 0
                        && System.nanoTime() - start < PATIENCE.toNanos()) {
                    assertTrue(echo.echo(payload, PATIENCE), "a session beside the stalled ones is served");
                    duringFlood++;
                }
                double floodSeconds = (System.nanoTime() - start) / 1e9;
                Map<String, Long> r = parse(child.awaitLine("RESULT "), child);
                int after = 0;
                long afterStart = System.nanoTime();
                while (System.nanoTime() - afterStart < TimeUnit.MILLISECONDS.toNanos(FLOOD_MILLIS)) {
                    assertTrue(echo.echo(payload, PATIENCE), "served after the flood");
                    after++;
                }
                long limit = OutboundBytes.DEFAULT.limit();
                long bound = STALLED * limit + WORKING_SET;
                System.out.printf("[stalled-peer] %s (%d cores): %d x 1 MiB frames queued, %d refused (counted %d),"
                                + " %d unwritable episodes; server heap: peak %.1f MiB, retained after GC %.1f MiB"
                                + " (bound %.1f MiB, -Xmx%dm); echo round trips %.0f/s during the flood, %.0f/s"
                                + " after%n", alias, Runtime.getRuntime().availableProcessors(), r.get("queued"),
                        r.get("refused"), r.get("sendsRefused"), r.get("episodes"), r.get("peak") / 1048576.0,
                        r.get("retained") / 1048576.0, bound / 1048576.0, HEAP_MB, duringFlood / floodSeconds,
                        after / (FLOOD_MILLIS / 1e3));
                assertTrue(r.get("refused") > 0, "the flood reached the bound: " + r);
                assertEquals(r.get("refused"), r.get("sendsRefused"), "every refused send is counted");
                assertTrue(r.get("queuedBytes") - r.get("bytesSent") <= STALLED * limit,
                        "queued and unwritten bytes within " + STALLED + " x the limit: " + r);
                assertTrue(r.get("retained") <= bound, "retained heap within the bound: " + r);
                assertTrue(r.get("episodes") >= STALLED, "every stalled session went unwritable: " + r);
            }
            child.endInput();
            child.awaitLine("DONE");
            assertTrue(child.waitFor(PATIENCE), "child exits");
        } finally {
            for (RawConnection c : stalled) {
                c.close();
            }
        }
    }

    private static Map<String, Long> parse(String line, ChildJvm child) {
        Map<String, Long> m = new HashMap<>();
        for (String kv : line.substring("RESULT ".length()).split(" ")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
        }
        for (String k : List.of("queued", "refused", "sendsRefused", "queuedBytes", "bytesSent", "peak", "retained",
                "episodes")) {
            assertTrue(m.containsKey(k), k + " missing from the child's result; child: " + child.head());
        }
        return m;
    }

    /**
     * The child JVM: an echo server that prints {@code PORT <n>}; on {@code GO <n>} from its standard input it waits
     * for {@code n} sessions, prints {@code FLOODING} and sends 1 MiB frames to them round-robin for the given
     * milliseconds, then prints {@code RESULT key=value ...} (or {@code OOM}), and {@code DONE} once its standard
     * input ends and it has closed. An optional third argument replaces the default byte limit (to show the bound at
     * work: a limit far above the heap runs out of memory).
     */
    static final class Child {
        public static void main(String[] args) throws Exception {
            String alias = args[0];
            long floodNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[1]));
            OutboundBytes bounds = args.length > 2 ? new OutboundBytes(OutboundBytes.DEFAULT.lowWaterMark(),
                    OutboundBytes.DEFAULT.highWaterMark(), Long.parseLong(args[2])) : OutboundBytes.DEFAULT;
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            try (TransportServer server = Transport.builder().variant(alias).tcp("127.0.0.1", 0).ioThreads(2)
                    .dispatchWorkers(1).closeLingerMillis(200).outboundBytes(bounds)
                    .handler(MessageHandler.echo()).startServer()) {
                String address = server.address();
                System.out.println("PORT " + address.substring(address.lastIndexOf(':') + 1));
                System.out.flush();
                int n = Integer.parseInt(in.readLine().substring(3));
                while (server.sessions().size() < n) {
                    Thread.sleep(5);
                }
                List<Long> stalled = server.sessions();
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    pool.resetPeakUsage();
                }
                System.out.println("FLOODING");
                System.out.flush();
                byte[] payload = new byte[1 << 20];
                long queued = 0;
                long refused = 0;
                long queuedBytes = 0;
                long frame = OutboundBytes.largestFrame(payload.length, 0);
                try {
                    long deadline = System.nanoTime() + floodNanos;
                    while (System.nanoTime() < deadline) {
                        for (long id : stalled) {
                            SendResult r = server.send(id, Packet.oneWay(1, payload));
                            if (r == SendResult.QUEUED) {
                                queued++;
                                queuedBytes += frame;
                            } else if (r == SendResult.OUTBOUND_FULL) {
                                refused++;
                            } else {
                                throw new IllegalStateException("send to a stalled session: " + r);
                            }
                        }
                    }
                } catch (OutOfMemoryError e) {
                    System.out.println("OOM after " + queued + " frames queued: " + e);
                    System.out.flush();
                    Runtime.getRuntime().halt(3);
                }
                long peak = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        peak += pool.getPeakUsage().getUsed();
                    }
                }
                System.gc();
                long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                TransportStats s = server.stats();
                System.out.println("RESULT queued=" + queued + " refused=" + refused + " sendsRefused="
                        + s.sendsRefused() + " queuedBytes=" + queuedBytes + " bytesSent=" + s.bytesSent()
                        + " peak=" + peak + " retained=" + retained + " episodes=" + s.unwritableEpisodes());
                System.out.flush();
                while (in.read() >= 0) {
                    // until the parent closes our standard input
                }
            }
            System.out.println("DONE");
            System.out.flush();
        }
    }
}
