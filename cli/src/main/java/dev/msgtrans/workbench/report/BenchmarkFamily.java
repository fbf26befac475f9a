package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.results.BenchmarkResult;

import java.util.List;
import java.util.Optional;

/**
 * What the report knows about one harness benchmark: its page, its section, which {@code @Param} names the
 * variant, and what one counted operation is. Immutable; the catalog is {@link #ALL}.
 *
 * @param benchmark    {@code package.Class} or {@code package.Class.method} prefix
 * @param page         where it is shown
 * @param section      the section title; families with the same section are charted together (Netty beside ours)
 * @param variantParam the {@code @Param} holding the variant, preset or implementation; null when a series is
 *                     fixed ({@link #fixedSeries}) or is the method name
 * @param fixedSeries  the series name when there is no variant param (e.g. {@code netty}), or null
 * @param noun         what one counted operation is, plural, for axis labels: {@code ops}, {@code msgs}
 * @param about        one or two sentences: what is measured and which metric is plotted
 */
public record BenchmarkFamily(String benchmark, ReportPage page, String section, String variantParam,
                              String fixedSeries, String noun, String about) {

    private static final String H = "dev.msgtrans.harness.";

    /** The catalog, in page order. */
    public static final List<BenchmarkFamily> ALL = List.of(
            new BenchmarkFamily(H + "sessions.SessionRegistryBenchmark", ReportPage.PHASE_1, "Session table",
                    "variant", null, "ops", "One operation is a get (readPercent of them) or a size-keeping write"
                    + " on a random key of a filled table; `chm` is a bare ConcurrentHashMap for reference."
                    + " Plotted: the primary score."),
            new BenchmarkFamily(H + "actors.MailboxBenchmark", ReportPage.PHASE_2, "Actor mailbox", "variant", null,
                    "msgs", "P producer threads offer to one actor mailbox, one thread polls (threads = P + 1);"
                    + " nobody waits. Plotted: `polled`, the messages that really moved."),
            new BenchmarkFamily(H + "actors.ActorSystemBenchmark", ReportPage.PHASE_2, "Actor system: tell", "variant",
                    null, "tells", "Benchmark threads tell 16 actors run by a 2-worker mutex dispatch; a full mailbox"
                    + " refuses at once. Plotted: `accepted`, the tells that will be handled."),
            new BenchmarkFamily(H + "actors.ActorTableChurnBenchmark", ReportPage.PHASE_2, "Actor table churn",
                    "variant", null, "spawn+stop", "One operation spawns an actor and stops it, against 1,000"
                    + " resident actors. Plotted: the primary score."),
            new BenchmarkFamily(H + "events.EventBusBenchmark", ReportPage.PHASE_2, "Event broadcast", "variant", null,
                    "event copies", "Publishers broadcast to the subscribers' bounded buffers; a full buffer drops"
                    + " and counts. Plotted: `buffered`, event copies accepted (events x subscribers when nothing"
                    + " drops)."),
            new BenchmarkFamily(H + "pools.ConnectionPoolBenchmark", ReportPage.PHASE_3_1, "Connection pool",
                    "variant", null, "ops", "One operation is acquire + release of a pooled connection, all threads"
                    + " on one pool of poolSize connections. Plotted: the primary score."),
            new BenchmarkFamily(H + "pools.BufferPoolBenchmark", ReportPage.PHASE_3_1, "Buffer pool", "variant", null,
                    "ops", "One operation is acquire + release of a pooled buffer. Plotted: the primary score."),
            new BenchmarkFamily(H + "requests.RequestTrackerBenchmark", ReportPage.PHASE_3_2, "Request tracker",
                    "variant", null, "ops", "One operation registers a pending request and completes it."
                    + " Plotted: the primary score."),
            new BenchmarkFamily(H + "requests.DispatchBenchmark", ReportPage.PHASE_3_2, "Dispatch hand-off",
                    "variant", null, "tasks", "Benchmark threads (standing in for I/O threads) hand tasks to the"
                    + " worker threads; a full queue makes the caller wait. Plotted: the primary score."),
            new BenchmarkFamily(H + "codec.CodecBenchmark", ReportPage.PHASE_3_2, "Wire codec", null, null, "ops",
                    "The msgtrans 1.0 codec on one thread, per method: the floor under every phase. No variant:"
                    + " the series are the methods."),
            new BenchmarkFamily(H + "outbound.OutboundQueueBenchmark", ReportPage.PHASE_3_3, "Outbound write queue",
                    "variant", null, "frames", "W writer threads offer frames to one connection's queue, one I/O"
                    + " thread drains (threads = 1 + W). Plotted: `drained`, the frames written."),
            new BenchmarkFamily(H + "channels.OneToOneChannelBenchmark", ReportPage.SHOOTOUT, "1 producer -> 1 consumer",
                    "impl", null, "msgs", "Bounded channels (capacity 1024), preallocated 64-byte messages, nobody"
                    + " blocks. Plotted: `received`, the messages that reached consumers."),
            new BenchmarkFamily(H + "channels.ManyToOneChannelBenchmark", ReportPage.SHOOTOUT, "P producers -> 1 consumer",
                    "impl", null, "msgs", "P producers, one consumer (threads = 1 consumer + P producers). Plotted:"
                    + " `received`."),
            new BenchmarkFamily(H + "channels.OneToManyChannelBenchmark", ReportPage.SHOOTOUT, "1 producer -> N consumers",
                    "impl", null, "msgs", "One producer, every one of N consumers sees every message (threads = N"
                    + " consumers + 1 producer). Plotted: `received`, message copies that reached consumers."),
            new BenchmarkFamily(H + "e2e.EchoThroughputBenchmark", ReportPage.END_TO_END, "Echo round trips",
                    "variant", null, "round trips", "Echo round trips through a real server and client of one"
                    + " preset or variant, 4 pooled connections, 64 B payloads, `window` requests in flight per"
                    + " thread. Plotted: the primary score."),
            new BenchmarkFamily(H + "netty.NettyEchoThroughputBenchmark", ReportPage.END_TO_END, "Echo round trips",
                    null, "netty", "round trips", "The same load against a Netty echo server: the reference peer."),
            new BenchmarkFamily(H + "seed.", ReportPage.SEED, "Seed workloads replayed", null, null, "ops",
                    "Benchmarks of the original's workloads (dev.msgtrans.harness.seed)."));

    /** The family of a result, by longest matching prefix. */
    public static Optional<BenchmarkFamily> of(BenchmarkResult r) {
        BenchmarkFamily best = null;
        for (BenchmarkFamily f : ALL) {
            if ((r.benchmark().equals(f.benchmark()) || r.benchmark().startsWith(f.benchmark().endsWith(".")
                    ? f.benchmark() : f.benchmark() + ".")) && (best == null
                    || f.benchmark().length() > best.benchmark().length())) {
                best = f;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * For a JMH group benchmark, what the numbers of a thread group ({@code -tg}) count, in JMH's order (the group's
     * methods sorted by name); {@code null} for other benchmarks and groups not listed here.
     */
    public String groupRoles() {
        return switch (benchmark.substring(H.length())) {
            case "actors.MailboxBenchmark" -> "producers, consumer"; // offer, poll
            case "outbound.OutboundQueueBenchmark" -> "I/O thread, writers"; // flush, write
            case "channels.OneToOneChannelBenchmark", "channels.ManyToOneChannelBenchmark",
                 "channels.OneToManyChannelBenchmark" -> "consumers, producers"; // consume, produce
            default -> null;
        };
    }

    /** The series (variant, preset, implementation, method) a result belongs to in charts and tables. */
    public String seriesOf(BenchmarkResult r) {
        if (fixedSeries != null) {
            return fixedSeries;
        }
        if (variantParam != null && r.param(variantParam) != null) {
            return r.param(variantParam);
        }
        return r.method();
    }
}
