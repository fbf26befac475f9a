package dev.msgtrans.workbench.cli;

import dev.msgtrans.workbench.env.JdkInfo;
import dev.msgtrans.workbench.matrix.LatencyEntry;
import dev.msgtrans.workbench.matrix.MatrixLoader;
import dev.msgtrans.workbench.matrix.MatrixSelection;
import dev.msgtrans.workbench.matrix.VariantCatalog;
import dev.msgtrans.workbench.matrix.Shard;
import dev.msgtrans.workbench.run.ForkHeap;
import dev.msgtrans.workbench.run.JmhBenchmarkList;
import dev.msgtrans.workbench.run.PlannedRun;
import dev.msgtrans.workbench.run.Profile;
import dev.msgtrans.workbench.run.RunPlan;
import dev.msgtrans.workbench.run.RunSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Options shared by {@code run} and {@code list}: what to run (matrix, filter, shard, JDKs) and how long (profile
 * and overrides), and the planning they imply. Filled by picocli, then read once; not thread-safe.
 */
final class PlanOptions {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    @Option(names = "--profile", defaultValue = "quick", paramLabel = "smoke|quick|full",
            description = "Run design: smoke (1 fork, 1 x 100 ms + 1 x 100 ms: proves it runs), quick (4 forks per"
                    + " decision point, up to 8 within a 28-minute budget; 1 x 100 ms + 6 x 120 ms per fork), full (10"
                    + " forks, up to 20; 2 x 1 s + 10 x 500 ms). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--matrix", paramLabel = "NAME|FILE",
            description = "A matrix in harness/matrices (phases, shootout, e2e, seed, ci), 'all' (phases + shootout"
                    + " + e2e + seed), or a path to a matrix .json. Default: ci for smoke, all otherwise.")
    String matrix;

    @Option(names = "--include", paramLabel = "REGEX",
            description = "Keep only entries whose id (e.g. 'MailboxBenchmark variant=mutex t2 jdk17') matches.")
    String include;

    @Option(names = "--shard", paramLabel = "i/n", defaultValue = "1/1",
            description = "Run part i of n (1-based, round-robin over the configurations, so that every variant of a"
                    + " configuration runs on the same shard). Default: ${DEFAULT-VALUE}.")
    String shard;

    @Option(names = "--jvm", paramLabel = "JAVA_HOME",
            description = "A JDK to run the benchmarks on; repeat for several. Default: the JDK running the workbench.")
    List<Path> jvms = new ArrayList<>();

    @Option(names = "--jvm-arg", paramLabel = "ARG",
            description = "A JVM argument for every benchmark fork (JMH -jvmArgsAppend), e.g. --jvm-arg=-XX:+UseZGC;"
                    + " repeat for several.")
    List<String> jvmArgs = new ArrayList<>();

    @Option(names = "--heap", paramLabel = "HEAP/YOUNG|ergonomic", defaultValue = "2g/128m",
            description = "Every fork's heap: a fixed heap and young generation (-Xms = -Xmx, -Xmn), so that no fork"
                    + " grows its heap into untouched memory mid-measurement; 'ergonomic' leaves sizing to the JVM."
                    + " --jvm-arg values come after these and win. Default: ${DEFAULT-VALUE}.")
    String heap;

    @Option(names = "--forks", paramLabel = "N",
            description = "Forks (rounds) per decision point: each fork is its own single-fork JMH process.")
    Integer forks;

    @Option(names = "--max-forks", paramLabel = "N",
            description = "Most forks a decision point gets while its intervals are wider than the profile's target"
                    + " (adaptive rounds); equal to --forks for none.")
    Integer maxForks;

    @Option(names = "--budget", paramLabel = "TIME",
            description = "Wall-time budget for adaptive rounds, e.g. 28m, 90s or 0 for none (the minimum forks"
                    + " always run).")
    String budget;

    @Option(names = "--warmup", paramLabel = "N", description = "Override the profile's warm-up iterations (-wi).")
    Integer warmup;

    @Option(names = "--warmup-time", paramLabel = "TIME", description = "Override the warm-up iteration time, e.g. 500ms.")
    String warmupTime;

    @Option(names = "--iterations", paramLabel = "N", description = "Override the profile's measurement iterations (-i).")
    Integer iterations;

    @Option(names = "--time", paramLabel = "TIME", description = "Override the measurement iteration time, e.g. 2s.")
    String time;

    @Option(names = "--build", paramLabel = "NAME=JAR",
            description = "Compare builds in one run: each point runs once per build, its forks interleaved with the"
                    + " other builds' in the same rounds; repeat, base first (e.g. --build base=/tmp/base.jar --build"
                    + " head=harness/target/benchmarks.jar). Then `workbench compare RUN` compares the builds.")
    List<String> builds = new ArrayList<>();

    @Option(names = "--benchmarks-jar", paramLabel = "JAR",
            description = "The JMH jar to run. Default: harness/target/benchmarks.jar under the repository.")
    Path benchmarksJar;

    Profile profile() {
        return Profile.of(profile);
    }

    String matrixName() {
        return matrix != null ? matrix : profile().defaultMatrix();
    }

    RunSettings settings() {
        Long budgetMillis = budget != null && budget.trim().equals("0") ? Long.valueOf(0) : millis(budget, "--budget");
        return profile().settings().withForks(forks).withMaxForks(maxForks)
                .withBudget(budgetMillis == null ? null : budgetMillis / 1000)
                .withWarmup(warmup, millis(warmupTime, "--warmup-time"))
                .withIterations(iterations, millis(time, "--time"));
    }

    /** The fork heap's arguments, then the user's {@code --jvm-arg} values (the JVM takes the last of a flag). */
    List<String> forkJvmArgs() {
        List<String> out = new ArrayList<>(ForkHeap.parse(heap).jvmArgs());
        out.addAll(jvmArgs);
        return out;
    }

    Shard shard() {
        return Shard.parse(shard);
    }

    private static Long millis(String text, String option) {
        if (text == null) {
            return null;
        }
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " takes a time such as 500ms, 2s or 28m, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> n * 60_000;
            case "s" -> n * 1000;
            default -> n;
        };
    }

    /** Everything a run or a listing needs, resolved and validated. */
    record Planned(Workspace workspace, MatrixSelection selection, List<JdkInfo> jdks, JmhBenchmarkList benchmarks,
                   RunPlan plan, RunSettings settings, Map<String, Path> builds) {
    }

    /** {@code --build NAME=JAR} values, in order; every jar must exist and every name be distinct. */
    Map<String, Path> builds() {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String b : builds) {
            int eq = b.indexOf('=');
            if (eq <= 0 || eq == b.length() - 1 || !b.substring(0, eq).matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("--build takes NAME=JAR (NAME of letters, digits, . _ -), got '"
                        + b + "'");
            }
            Path jar = Path.of(b.substring(eq + 1)).toAbsolutePath().normalize();
            if (!java.nio.file.Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("--build " + b + ": no such jar " + jar);
            }
            if (out.put(b.substring(0, eq), jar) != null) {
                throw new IllegalArgumentException("--build names must differ, '" + b.substring(0, eq) + "' repeats");
            }
        }
        if (out.size() == 1) {
            throw new IllegalArgumentException("--build compares builds: give at least two (base first)");
        }
        return out;
    }

    /**
     * Resolves the matrix (validating variant aliases), probes the JDKs, checks every point against the jar's
     * benchmark list, and plans.
     *
     * @throws IllegalArgumentException listing every invalid point
     */
    Planned plan() {
        RunSettings settings = settings();
        Shard sh = shard();
        Workspace ws = Workspace.locate(benchmarksJar);
        ws.requireJar();
        VariantCatalog catalog = ws.catalog();
        MatrixSelection selection = new MatrixLoader(ws.matricesDir(), catalog).select(matrixName());
        List<JdkInfo> jdks = Workspace.probeJdks(jvms, forkJvmArgs());
        JmhBenchmarkList list = ws.benchmarkList(jdks.get(0));
        List<String> problems = new ArrayList<>();
        Map<String, Path> bs = builds();
        Map<String, java.util.Set<String>> absent = new LinkedHashMap<>();
        if (bs.isEmpty()) {
            selection.expand().stream().distinct().forEach(p -> list.problems(p, catalog)
                    .forEach(msg -> problems.add("matrix " + p.matrix() + ", " + p.id() + ": " + msg)));
        } else {
            // builds of different commits: a point one build cannot run is that build's gap, an error only if none can
            Map<String, JmhBenchmarkList> lists = new LinkedHashMap<>();
            bs.forEach((name, jar) -> lists.put(name, Workspace.locate(jar).benchmarkList(jdks.get(0))));
            selection.expand().stream().distinct().forEach(p -> {
                Map<String, List<String>> byBuild = new LinkedHashMap<>();
                lists.forEach((name, l) -> {
                    List<String> msgs = l.problems(p, catalog);
                    if (!msgs.isEmpty()) {
                        byBuild.put(name, msgs);
                        absent.computeIfAbsent(name, k -> new java.util.HashSet<>()).add(p.id());
                    }
                });
                if (byBuild.size() == lists.size()) {
                    byBuild.forEach((name, msgs) -> msgs.forEach(msg -> problems.add("matrix " + p.matrix() + ", "
                            + p.id() + " (build " + name + "): " + msg)));
                }
            });
        }
        if (selection.expand().stream().anyMatch(p -> !p.isJmh()) && !ws.containsClass(LatencyEntry.MAIN_CLASS)) {
            problems.add("latency entries need " + LatencyEntry.MAIN_CLASS + ", which the jar does not contain"
                    + " (rebuild it: " + Workspace.BUILD_HINT + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the matrix does not fit " + ws.benchmarksJar() + ":\n  "
                    + String.join("\n  ", problems.stream().distinct().toList()));
        }
        RunPlan plan = RunPlan.of(selection.expand(), jdks, new ArrayList<>(bs.keySet()), absent, list, include, sh);
        return new Planned(ws, selection, jdks, list, plan, settings, bs);
    }

    /** One line per entry: {@code #index  id}. */
    static List<String> describe(RunPlan plan) {
        List<String> out = new ArrayList<>();
        for (PlannedRun r : plan.selected()) {
            out.add(String.format("%5d  %s", r.index() + 1, r.id()));
        }
        return out;
    }
}
