package dev.msgtrans.harness.latency;

import org.HdrHistogram.Histogram;
import org.apache.commons.math3.distribution.TDistribution;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * End-to-end request/response latency at a fixed offered rate, corrected for coordinated omission: the command the
 * workbench runs for a matrix entry with {@code "runner": "latency"}.
 * <p>
 * For the target (our transport in one preset, or the Netty reference peer with the same frames) it starts the
 * echo server and client in the JVM, runs the {@link OpenLoopLoadGenerator}'s schedule (warm-up discarded, then
 * {@code --duration}), and writes:
 * <ul>
 *   <li>{@code --out FILE.json}: one result in JMH's JSON format (mode {@code sample}, unit {@code us/op}), so the
 *       workbench's results API, report, {@code compare} and {@code check-results} read it like any JMH result.
 *       Primary score: mean latency; {@code scorePercentiles}: p0 to p100 of the whole measurement;
 *       {@code rawData}: per fork, the mean latency of each window (the windows play JMH's iterations, so compare
 *       has replicates to build an interval from); {@code scoreError}: the 99.9% Student t half-width over those,
 *       as JMH computes it. Secondary metrics: {@code achievedRate} (responses per second that arrived during the
 *       measurement), {@code offeredRate}, {@code requests}, {@code errors}, {@code timeouts}, and the
 *       {@code serviceTime} (from the actual send) and {@code sendLag} (the generator's own lateness)
 *       distributions.</li>
 *   <li>{@code FILE.hlog} (or {@code FILE.forkN.hlog} with several forks): the HdrHistogram interval log, one
 *       interval per window and kind, for HdrHistogram's own plotting tools.</li>
 * </ul>
 * Forks: each of {@code --forks N} runs in a fresh child JVM with this JVM's options, one after the other, as JMH
 * forks; {@code --forks 0} measures in this JVM. With forks, the runner holds JMH's machine-wide lock
 * ({@code java.io.tmpdir/jmh.lock}) as a JMH run does, and refuses to start while another JMH run holds it, so a
 * latency measurement never runs alongside a benchmark (the workbench waits and retries). Exit code 0 on success, 1 on a measurement failure, 2 on bad usage.
 * <p>
 * By hand:
 * <pre>
 * java -cp harness/target/benchmarks.jar dev.msgtrans.harness.latency.LatencyRunner --target msgtrans \
 *     --variant phase3 --protocol TCP --connections 4 --rate 10000 --duration 5s --out /tmp/lat.json
 * </pre>
 * Against a server in another process or on another machine ({@code ./workbench serve}), add
 * {@code --connect HOST:PORT}: no server is started here, {@code --variant} is the client's, and
 * {@code --server-env-out FILE} asks the server for its {@code env.json} before the load starts.
 * {@code ./workbench load} runs it that way.
 */
public final class LatencyRunner {

    /** The {@code benchmark} name every result carries; the workbench's matrices name it too. */
    public static final String BENCHMARK = "dev.msgtrans.harness.latency.LatencyRunner.echo";

    /** Percentiles written to {@code scorePercentiles}: dense enough to draw a percentile curve from. */
    static final double[] PERCENTILES = {0, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 95, 97, 98, 99, 99.5, 99.7,
            99.9, 99.95, 99.97, 99.99, 99.995, 99.999, 100};

    private LatencyRunner() {
    }

    public static void main(String[] args) {
        LatencyOptions options;
        try {
            options = LatencyOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LatencyRunner: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(options);
        } catch (Exception e) {
            System.err.println("LatencyRunner: measurement failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        // the transports' threads are closed, but a stray non-daemon thread must not keep a run waiting
        System.exit(0);
    }

    static void run(LatencyOptions o) throws Exception {
        boolean child = o.forks() == 0;
        Path out = o.out().toAbsolutePath();
        Files.createDirectories(out.getParent());
        String stem = out.getFileName().toString().replaceFirst("\\.json$", "");
        System.out.printf(Locale.ROOT, "# LatencyRunner: %s, offered %,d req/s over %d connections, %d B payload;"
                        + " warm-up %s, measure %d x %s windows, timeout %s, wait %s, forks %d%n", o.params(), o.rate(),
                o.connections(), o.payload(), o.warmup(), o.windows(), o.window(), o.timeout(), o.waitMode(), o.forks());
        System.out.printf("# JVM: %s %s, %s%n", System.getProperty("java.vm.name"), System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        List<LatencyMeasurement> forks = new ArrayList<>();
        if (o.forks() == 0) {
            LatencyMeasurement m = measure(o);
            m.writeLog(out.resolveSibling(stem + ".hlog"), o.params() + " " + m.target());
            m.writeCounts(out.resolveSibling(stem + ".counts.properties"));
            forks.add(m);
        } else {
            Path tmp = Files.createTempDirectory("latency-forks-");
            try (FileChannel lockFile = FileChannel.open(Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = lockFile.tryLock()) {
                if (lock == null) {
                    // JMH's own words, which the workbench recognises: it waits and retries the entry
                    throw new IOException("Unable to acquire the JMH lock (" + System.getProperty("java.io.tmpdir")
                            + "/jmh.lock): already taken by another JMH instance; a latency run must not measure"
                            + " alongside a benchmark");
                }
                for (int k = 1; k <= o.forks(); k++) {
                    System.out.printf("# Fork %d of %d%n", k, o.forks());
                    Path forkOut = tmp.resolve("fork" + k + ".json");
                    runChild(o, forkOut);
                    forks.add(LatencyMeasurement.read(tmp.resolve("fork" + k + ".hlog"),
                            tmp.resolve("fork" + k + ".counts.properties")));
                    Files.move(tmp.resolve("fork" + k + ".hlog"), out.resolveSibling(stem
                            + (o.forks() == 1 ? "" : ".fork" + k) + ".hlog"), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                deleteTree(tmp);
            }
        }
        String json = JmhFormat.result(o, forks);
        Files.writeString(out, json, StandardCharsets.UTF_8);
        System.out.println((child ? "# Fork result: " : "Result: ") + summary(o, forks));
    }

    /** One fork's measurement in this JVM. */
    private static LatencyMeasurement measure(LatencyOptions o) throws Exception {
        try (EchoTarget target = EchoTarget.open(o)) {
            System.out.println("# Target: " + target.describe());
            LatencyMeasurement m = new OpenLoopLoadGenerator(o).run(target);
            m.targetDrops(target.drops());
            String counters = target.counters();
            if (!counters.isEmpty()) {
                System.out.println("# Target counters: " + counters);
            }
            return m;
        }
    }

    private static void runChild(LatencyOptions o, Path forkOut) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString()));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LatencyRunner.class.getName());
        cmd.addAll(o.toArgs(0, forkOut));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IOException("fork exited with " + exit + ": " + String.join(" ", cmd));
        }
    }

    private static String summary(LatencyOptions o, List<LatencyMeasurement> forks) {
        Histogram all = new Histogram(3);
        long errors = 0;
        long timeouts = 0;
        long arrived = 0;
        double seconds = 0;
        long wait = 0;
        for (LatencyMeasurement m : forks) {
            wait = wait < 0 || m.runQueueWait() < 0 ? -1 : wait + m.runQueueWait();
            all.add(LatencyMeasurement.total(m.latency()));
            errors += m.errors();
            timeouts += m.timeouts();
            for (long a : m.arrivals()) {
                arrived += a;
            }
            seconds += m.windows() * m.windowNanos() / 1e9;
        }
        return String.format(Locale.ROOT, "latency (us) p50 %.1f, p90 %.1f, p99 %.1f, p99.9 %.1f, p99.99 %.1f,"
                        + " max %.1f; offered %,d req/s, achieved %,.0f resp/s; errors %d, timeouts %d; run-queue wait %s",
                all.getValueAtPercentile(50) / 1e3, all.getValueAtPercentile(90) / 1e3,
                all.getValueAtPercentile(99) / 1e3, all.getValueAtPercentile(99.9) / 1e3,
                all.getValueAtPercentile(99.99) / 1e3, all.getMaxValue() / 1e3, o.rate(), arrived / seconds, errors,
                timeouts, wait < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f ms/s", wait / 1e6 / seconds));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The JMH JSON result format, written by hand (the harness has no JSON library, and needs only this). */
    static final class JmhFormat {

        private JmhFormat() {
        }

        static String result(LatencyOptions o, List<LatencyMeasurement> forks) {
            Histogram latency = new Histogram(3);
            Histogram service = new Histogram(3);
            Histogram lag = new Histogram(3);
            List<List<Double>> meanRaw = new ArrayList<>();
            List<List<Double>> rateRaw = new ArrayList<>();
            long errors = 0;
            long timeouts = 0;
            long requests = 0;
            long arrived = 0;
            double seconds = 0;
            long runQueueWait = 0;
            long drops = 0;
            for (LatencyMeasurement m : forks) {
                drops = drops < 0 || m.targetDrops() < 0 ? -1 : drops + m.targetDrops();
                runQueueWait = runQueueWait < 0 || m.runQueueWait() < 0 ? -1 : runQueueWait + m.runQueueWait();
                List<Double> means = new ArrayList<>();
                List<Double> rates = new ArrayList<>();
                double windowSeconds = m.windowNanos() / 1e9;
                for (int w = 0; w < m.windows(); w++) {
                    if (m.latency()[w].getTotalCount() > 0) {
                        means.add(m.latency()[w].getMean() / 1e3);
                    }
                    rates.add(m.arrivals()[w] / windowSeconds);
                    arrived += m.arrivals()[w];
                }
                meanRaw.add(means);
                rateRaw.add(rates);
                latency.add(LatencyMeasurement.total(m.latency()));
                service.add(LatencyMeasurement.total(m.service()));
                lag.add(LatencyMeasurement.total(m.lag()));
                errors += m.errors();
                timeouts += m.timeouts();
                requests += m.sent();
                seconds += m.windows() * windowSeconds;
            }
            StringBuilder b = new StringBuilder();
            b.append("[\n  {\n");
            field(b, 4, "jmhVersion", str("n/a (" + LatencyRunner.class.getSimpleName() + ", JMH result format)"));
            field(b, 4, "benchmark", str(BENCHMARK));
            field(b, 4, "mode", str("sample"));
            field(b, 4, "threads", "1");
            field(b, 4, "forks", Integer.toString(Math.max(1, o.forks())));
            field(b, 4, "jvm", str(ProcessHandle.current().info().command().orElse("")));
            List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
            field(b, 4, "jvmArgs", "[" + String.join(", ", args.stream().map(JmhFormat::str).toList()) + "]");
            field(b, 4, "jdkVersion", str(System.getProperty("java.version")));
            field(b, 4, "vmName", str(System.getProperty("java.vm.name")));
            field(b, 4, "vmVersion", str(System.getProperty("java.vm.version")));
            field(b, 4, "warmupIterations", "1");
            field(b, 4, "warmupTime", str(o.warmup().toMillis() + " ms"));
            field(b, 4, "warmupBatchSize", "1");
            field(b, 4, "measurementIterations", Integer.toString(o.windows()));
            field(b, 4, "measurementTime", str(o.window().toMillis() + " ms"));
            field(b, 4, "measurementBatchSize", "1");
            StringBuilder params = new StringBuilder("{\n");
            int i = 0;
            for (Map.Entry<String, String> e : o.params().entrySet()) {
                params.append("      ").append(str(e.getKey())).append(" : ").append(str(e.getValue()))
                        .append(++i < o.params().size() ? ",\n" : "\n");
            }
            field(b, 4, "params", params.append("    }").toString());
            double[] flat = meanRaw.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
            double mean = java.util.Arrays.stream(flat).average().orElse(Double.NaN);
            double error = error99_9(flat);
            field(b, 4, "primaryMetric", metric(mean, error, percentiles(latency), "us/op", meanRaw));
            StringBuilder sec = new StringBuilder("{\n");
            sec.append("      \"achievedRate\" : ").append(metric(arrived / seconds, error99_9(rateRaw.stream()
                    .flatMap(List::stream).mapToDouble(Double::doubleValue).toArray()), null, "ops/s", rateRaw))
                    .append(",\n");
            sec.append("      \"offeredRate\" : ").append(metric(o.rate(), Double.NaN, null, "ops/s", null))
                    .append(",\n");
            sec.append("      \"requests\" : ").append(metric(requests, Double.NaN, null, "#", null)).append(",\n");
            sec.append("      \"errors\" : ").append(metric(errors, Double.NaN, null, "#", null)).append(",\n");
            sec.append("      \"timeouts\" : ").append(metric(timeouts, Double.NaN, null, "#", null)).append(",\n");
            // frames the target dropped by its own bounded policy (warm-up included): a timeout's usual cause
            sec.append("      \"targetDrops\" : ").append(metric(drops < 0 ? Double.NaN : drops, Double.NaN, null, "#",
                    null)).append(",\n");
            // milliseconds of run-queue wait per second measured, all threads of the measuring JVM together
            sec.append("      \"runQueueWait\" : ").append(metric(runQueueWait < 0 ? Double.NaN
                    : runQueueWait / 1e6 / seconds, Double.NaN, null, "ms/s", null)).append(",\n");
            sec.append("      \"serviceTime\" : ").append(metric(service.getMean() / 1e3, Double.NaN,
                    percentiles(service), "us/op", null)).append(",\n");
            sec.append("      \"sendLag\" : ").append(metric(lag.getMean() / 1e3, Double.NaN, percentiles(lag), "us/op",
                    null)).append("\n    }");
            b.append("    \"secondaryMetrics\" : ").append(sec).append('\n');
            b.append("  }\n]\n");
            return b.toString();
        }

        /** JMH's score error: the 99.9% two-sided Student t half-width of the mean; NaN below two samples. */
        static double error99_9(double[] x) {
            if (x.length < 2) {
                return Double.NaN;
            }
            double mean = java.util.Arrays.stream(x).average().orElseThrow();
            double ss = 0;
            for (double v : x) {
                ss += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(ss / (x.length - 1));
            double t = new TDistribution(x.length - 1).inverseCumulativeProbability(1 - 0.001 / 2);
            return t * sd / Math.sqrt(x.length);
        }

        private static Map<String, Double> percentiles(Histogram h) {
            Map<String, Double> p = new java.util.LinkedHashMap<>();
            for (double q : PERCENTILES) {
                long v = q == 0 ? h.getMinValue() : q == 100 ? h.getMaxValue() : h.getValueAtPercentile(q);
                p.put(Double.toString(q), h.getTotalCount() == 0 ? Double.NaN : v / 1e3);
            }
            return p;
        }

        private static String metric(double score, double error, Map<String, Double> pct, String unit,
                                     List<List<Double>> raw) {
            StringBuilder m = new StringBuilder("{\n");
            field(m, 8, "score", num(score));
            field(m, 8, "scoreError", num(error));
            field(m, 8, "scoreConfidence", "[" + num(score - error) + ", " + num(score + error) + "]");
            if (pct != null) {
                StringBuilder p = new StringBuilder("{\n");
                int i = 0;
                for (Map.Entry<String, Double> e : pct.entrySet()) {
                    p.append("            ").append(str(e.getKey())).append(" : ").append(num(e.getValue()))
                            .append(++i < pct.size() ? ",\n" : "\n");
                }
                field(m, 8, "scorePercentiles", p.append("        }").toString());
            }
            if (raw != null) {
                List<String> forks = new ArrayList<>();
                for (List<Double> f : raw) {
                    forks.add("[" + String.join(", ", f.stream().map(JmhFormat::num).toList()) + "]");
                }
                field(m, 8, "rawData", "[" + String.join(", ", forks) + "]");
            }
            m.append("        \"scoreUnit\" : ").append(str(unit)).append("\n      }");
            return m.toString();
        }

        private static void field(StringBuilder b, int indent, String name, String value) {
            b.append(" ".repeat(indent)).append(str(name)).append(" : ").append(value).append(",\n");
        }

        /** JMH writes NaN as the string "NaN"; so does this. */
        private static String num(double v) {
            return Double.isFinite(v) ? Double.toString(v) : "\"NaN\"";
        }

        private static String str(String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }
    }
}
