package dev.msgtrans.workbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.msgtrans.workbench.env.Environment;
import dev.msgtrans.workbench.env.JdkInfo;
import dev.msgtrans.workbench.run.EntryRecord;
import dev.msgtrans.workbench.run.ForkHeap;
import dev.msgtrans.workbench.run.JmhResultFile;
import dev.msgtrans.workbench.run.RunLayout;
import dev.msgtrans.workbench.run.RunRecord;
import dev.msgtrans.workbench.run.RunSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A run read back: every JMH result with its raw data, the run's record ({@code run.json}), environment
 * ({@code env.json}) and correctness verdicts ({@code stress-summary.json}) when present. Immutable.
 * <p>
 * From a notebook:
 * <pre>
 * RunResults run = RunResults.load(Path.of("reports/quick"));
 * for (BenchmarkResult r : run.select(r -&gt; r.className().equals("SessionRegistryBenchmark"))) {
 *     System.out.println(r.param("variant") + " t" + r.threads() + " " + r.headline().inBaseUnit().score());
 * }
 * </pre>
 */
public final class RunResults {

    private final Path dir;
    private final RunRecord run;
    private final Environment environment;
    private final List<BenchmarkResult> benchmarks;
    private final StressSummary stress;
    private final List<String> problems;

    private RunResults(Path dir, RunRecord run, Environment environment, List<BenchmarkResult> benchmarks,
                       StressSummary stress, List<String> problems) {
        this.dir = dir;
        this.run = run;
        this.environment = environment;
        this.benchmarks = List.copyOf(benchmarks);
        this.stress = stress;
        this.problems = List.copyOf(problems);
    }

    /**
     * Loads a run directory written by {@code workbench run} or {@code merge}; also accepts a directory holding only
     * JMH JSON files, or a single JMH JSON file (no {@code run.json}: JDK tags are derived from JMH's version).
     * Unreadable result files are skipped and listed in {@link #problems()}.
     *
     * @throws IllegalArgumentException when the path holds no JMH result at all
     */
    public static RunResults load(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (Files.isRegularFile(p)) {
            List<String> problems = new ArrayList<>();
            List<BenchmarkResult> results = readJmhFile(p, null, problems);
            requireSome(p, results, problems);
            return new RunResults(p.getParent(), null, null, results, null, problems);
        }
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException(p + " is neither a run directory nor a JMH JSON file");
        }
        RunLayout layout = new RunLayout(p);
        RunRecord run = Files.isRegularFile(layout.runJson()) ? layout.readRun() : null;
        Environment env = Files.isRegularFile(layout.envJson()) ? layout.readEnv() : null;
        List<String> problems = new ArrayList<>();
        Map<Path, EntryRecord> entries = new HashMap<>();
        if (run != null) {
            for (EntryRecord e : run.entries()) {
                if (e.resultFile() != null) {
                    entries.put(p.resolve(e.resultFile()).normalize(), e);
                }
            }
        }
        Path resultsDir = Files.isDirectory(layout.results()) ? layout.results() : p;
        List<Path> files;
        try (Stream<Path> s = Files.list(resultsDir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".json")).filter(f -> !isRunMetadata(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + resultsDir, e);
        }
        List<BenchmarkResult> results = new ArrayList<>();
        for (Path f : files) {
            results.addAll(readJmhFile(f, entries.get(f.normalize()), problems));
        }
        requireSome(p, results, problems);
        StressSummary stress = StressSummary.find(p).orElse(null);
        return new RunResults(p, run, env, results, stress, problems);
    }

    private static boolean isRunMetadata(Path f) {
        String n = f.getFileName().toString();
        return n.equals("run.json") || n.equals("env.json") || n.equals(StressSummary.FILE_NAME);
    }

    private static void requireSome(Path p, List<BenchmarkResult> results, List<String> problems) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no JMH results in " + p
                    + (problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")"));
        }
    }

    /** The run directory (for a single file, its directory). */
    public Path dir() {
        return dir;
    }

    /** {@code run.json}, when the run has one. */
    public Optional<RunRecord> run() {
        return Optional.ofNullable(run);
    }

    /** {@code env.json}, when the run has one. */
    public Optional<Environment> environment() {
        return Optional.ofNullable(environment);
    }

    /** Every result, in file order. */
    public List<BenchmarkResult> benchmarks() {
        return benchmarks;
    }

    /** In a run that compares builds ({@code --build}): their names in order, the base first; else empty. */
    public List<String> builds() {
        return run == null ? List.of() : List.copyOf(run.builds().keySet());
    }

    /** The same run restricted to one build's results (a run that compares builds splits into its sides). */
    public RunResults build(String name) {
        if (!builds().contains(name)) {
            throw new IllegalArgumentException("no build '" + name + "' in " + dir + "; builds: " + builds());
        }
        return new RunResults(dir, run, environment, select(r -> name.equals(r.build())), stress, problems);
    }

    /** The same run with other results (e.g. a test-only transformation of these). */
    public RunResults withBenchmarks(List<BenchmarkResult> results) {
        return new RunResults(dir, run, environment, results, stress, problems);
    }

    /** The results a predicate accepts. */
    public List<BenchmarkResult> select(Predicate<BenchmarkResult> filter) {
        return benchmarks.stream().filter(filter).toList();
    }

    /** The jcstress verdicts, when the run directory has a {@code stress-summary.json}. */
    public Optional<StressSummary> stress() {
        return Optional.ofNullable(stress);
    }

    /** The same run with another correctness summary (e.g. {@code report --stress FILE}). */
    public RunResults withStress(StressSummary summary) {
        return new RunResults(dir, run, environment, benchmarks, summary, problems);
    }

    /** Result files that could not be read. */
    public List<String> problems() {
        return problems;
    }

    /** Logical processors of the machine, or 0 when unknown. */
    public int cores() {
        return environment == null || environment.host() == null ? 0 : environment.host().logicalCores();
    }

    /** The JDK recorded under a tag in {@code env.json}. */
    public Optional<JdkInfo> jdk(String tag) {
        return environment == null ? Optional.empty()
                : environment.jdks().stream().filter(j -> j.tag().equals(tag)).findFirst();
    }

    /**
     * The {@code workbench run} command that produced this run, reconstructed from {@code run.json}: profile,
     * matrix, filter, shard and any setting that differs from the profile's, e.g.
     * {@code ./workbench run --profile quick --matrix all --out DIR}. Null without a {@code run.json}.
     */
    public String command() {
        if (run == null) {
            return null;
        }
        StringBuilder b = new StringBuilder("./workbench run --profile ").append(run.profile());
        b.append(" --matrix ").append(run.matrix());
        if (run.include() != null) {
            b.append(" --include '").append(run.include()).append('\'');
        }
        if (run.shard() != null && !run.shard().equals("1/1") && !run.shard().contains("+")) {
            b.append(" --shard ").append(run.shard());
        }
        RunSettings s = run.settings();
        RunSettings d = profileDefaults(run.profile());
        if (s != null && d != null) {
            if (s.forks() != d.forks()) {
                b.append(" --forks ").append(s.forks());
            }
            if (s.warmupIterations() != d.warmupIterations()) {
                b.append(" --warmup ").append(s.warmupIterations());
            }
            if (s.warmupMillis() != d.warmupMillis()) {
                b.append(" --warmup-time ").append(s.warmupMillis()).append("ms");
            }
            if (s.iterations() != d.iterations()) {
                b.append(" --iterations ").append(s.iterations());
            }
            if (s.iterationMillis() != d.iterationMillis()) {
                b.append(" --time ").append(s.iterationMillis()).append("ms");
            }
        }
        if (environment != null && environment.jdks().size() > 1) {
            environment.jdks().forEach(j -> b.append(" --jvm ").append(j.javaHome()));
        }
        if (environment != null && !environment.jdks().isEmpty()) {
            List<String> args = environment.jdks().get(0).jvmArgs();
            ForkHeap heap = ForkHeap.leading(args);
            if (!heap.equals(ForkHeap.DEFAULT)) {
                b.append(" --heap ").append(heap);
            }
            args.subList(heap.jvmArgs().size(), args.size()).forEach(a -> b.append(" --jvm-arg=").append(a));
        }
        if (run.shard() != null && run.shard().contains("+")) {
            b.append(" (shards ").append(run.shard()).append(", merged)");
        }
        return b.append(" --out ").append(displayPath(dir)).toString();
    }

    /** The directory relative to the working directory when it lies below it, else absolute. */
    private static String displayPath(Path dir) {
        Path cwd = Path.of("").toAbsolutePath().normalize();
        return dir.startsWith(cwd) && !dir.equals(cwd) ? cwd.relativize(dir).toString() : dir.toString();
    }

    private static RunSettings profileDefaults(String profile) {
        try {
            return dev.msgtrans.workbench.run.Profile.of(profile).settings();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---- JMH JSON ----

    private static List<BenchmarkResult> readJmhFile(Path file, EntryRecord entry, List<String> problems) {
        JsonNode root;
        try {
            root = RunLayout.JSON.readTree(file.toFile());
        } catch (IOException e) {
            problems.add(file.getFileName() + ": not JSON (" + e.getMessage() + ")");
            return List.of();
        }
        if (root == null || !root.isArray()) {
            problems.add(file.getFileName() + ": not a JMH result array");
            return List.of();
        }
        List<BenchmarkResult> out = new ArrayList<>();
        for (JsonNode r : root) {
            java.util.SortedMap<String, String> params = new TreeMap<>();
            r.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            Metric primary = metric(Metric.PRIMARY, r.path("primaryMetric"));
            Map<String, Metric> secondary = new LinkedHashMap<>();
            r.path("secondaryMetrics").fields().forEachRemaining(e -> secondary.put(e.getKey(),
                    metric(e.getKey(), e.getValue())));
            String jdkVersion = r.path("jdkVersion").asText("");
            String jdk = entry != null && entry.jdk() != null ? entry.jdk() : "jdk" + major(jdkVersion);
            String groups = entry != null ? entry.threadGroup() : null;
            if (groups == null && r.path("threadGroups").isArray()) {
                List<String> g = new ArrayList<>();
                r.path("threadGroups").forEach(n -> g.add(n.asText()));
                groups = g.size() > 1 ? String.join(",", g) : null;
            }
            out.add(new BenchmarkResult(r.path("benchmark").asText(), r.path("mode").asText(), params,
                    r.path("threads").asInt(1), groups, jdk, jdkVersion, r.path("forks").asInt(1), primary, secondary,
                    entry == null ? null : entry.matrix(), entry == null ? null : entry.id(),
                    entry == null || entry.warnings() == null ? List.of() : entry.warnings(), file,
                    entry == null ? List.of() : entry.forkRounds(), entry == null ? null : entry.build()));
        }
        return out;
    }

    private static Metric metric(String name, JsonNode m) {
        List<List<Double>> raw = new ArrayList<>();
        for (JsonNode fork : m.path("rawData")) {
            List<Double> it = new ArrayList<>();
            fork.forEach(v -> it.add(JmhResultFile.number(v)));
            raw.add(it);
        }
        Map<String, Double> pct = new LinkedHashMap<>();
        m.path("scorePercentiles").fields().forEachRemaining(e -> pct.put(e.getKey(),
                JmhResultFile.number(e.getValue())));
        return new Metric(name, JmhResultFile.number(m.path("score")), JmhResultFile.number(m.path("scoreError")),
                m.path("scoreUnit").asText(""),
                raw, pct);
    }

    private static String major(String version) {
        if (version.startsWith("1.")) {
            return version.length() > 2 ? version.substring(2, version.indexOf('.', 2) < 0 ? version.length()
                    : version.indexOf('.', 2)) : "?";
        }
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 ? "?" : version.substring(0, end);
    }
}
