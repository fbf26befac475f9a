package dev.msgtrans.workbench.run;

import dev.msgtrans.workbench.env.Environment;
import dev.msgtrans.workbench.env.GitInfo;
import dev.msgtrans.workbench.env.HostInfo;
import dev.msgtrans.workbench.env.JdkInfo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes a {@link RunPlan} entry by entry, printing progress with an ETA, and keeps {@code run.json} and
 * {@code env.json} current after every entry, so an interrupted run still documents what it did. A failed entry is
 * recorded and the run continues. Not thread-safe: entries run one at a time on purpose (two JMH runs at once
 * would measure each other).
 */
public final class BenchmarkRun {

    private final RunPlan plan;
    private final RunSettings settings;
    private final RunLayout layout;
    private final JmhProcessRunner runner;
    private final HostInfo host;
    private final GitInfo git;
    private final String matrix;
    private final String include;
    private final String shard;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, JdkInfo> jdks = new LinkedHashMap<>();

    public BenchmarkRun(RunPlan plan, RunSettings settings, RunLayout layout, JmhProcessRunner runner, HostInfo host,
                        GitInfo git, List<JdkInfo> jdks, String matrix, String include, String shard,
                        PrintStream out, PrintStream err) {
        this.plan = plan;
        this.settings = settings;
        this.layout = layout;
        this.runner = runner;
        this.host = host;
        this.git = git;
        this.matrix = matrix;
        this.include = include;
        this.shard = shard;
        this.out = out;
        this.err = err;
        jdks.forEach(j -> this.jdks.put(j.tag(), j));
    }

    /** Runs every entry; returns the final record (also written to {@code run.json}). */
    public RunRecord execute() {
        String startedAt = now();
        List<String> warnings = plan.warnings(host.logicalCores());
        List<EntryRecord> done = new ArrayList<>();
        int n = plan.selected().size();
        EtaClock eta = new EtaClock(plan.expectedSeconds(settings));
        out.printf("workbench run: %s; matrix %s; shard %s; %d of %d entries; expected %s%n", settings.describe(),
                matrix, shard, n, plan.totalPlanned(), EtaClock.format(eta.remainingSeconds()));
        for (String w : warnings) {
            err.println("warning: " + w);
        }
        layout.write(environment(startedAt, null, warnings));
        layout.write(record(startedAt, null, done));
        for (int k = 0; k < n; k++) {
            PlannedRun r = plan.selected().get(k);
            String over = r.oversubscribed(host.logicalCores())
                    ? " [" + r.point().threads() + " threads > " + host.logicalCores() + " cpus]" : "";
            out.printf("[%d/%d] %s%s ... ETA %s%n", k + 1, n, r.id(), over, EtaClock.format(eta.remainingSeconds()));
            out.flush();
            EntryRecord e = runner.run(r, err);
            eta.finished(e.expectedSeconds(), e.durationSeconds());
            done.add(e);
            if (e.ok()) {
                out.printf("      ok %.1fs%n", e.durationSeconds());
            }
            learnBlackholeMode(r.jdk().tag(), layout.dir().resolve(e.logFile()));
            layout.write(record(startedAt, null, done));
            layout.write(environment(startedAt, null, warnings));
        }
        String finishedAt = now();
        RunRecord result = record(startedAt, finishedAt, done);
        layout.write(result);
        layout.write(environment(startedAt, finishedAt, warnings));
        out.printf("done: %d ok, %d failed; %s; results in %s%n", n - result.failed(), result.failed(),
                EtaClock.format(java.time.Duration.between(Instant.parse(startedAt), Instant.parse(finishedAt))
                        .toSeconds()) + " elapsed", layout.dir());
        return result;
    }

    private void learnBlackholeMode(String tag, Path log) {
        JdkInfo jdk = jdks.get(tag);
        if (jdk == null || jdk.blackholeMode() != null) {
            return;
        }
        try {
            // lenient decoding: JMH prints non-ASCII units (e.g. "≈ 10⁻⁵") in the platform charset
            jdks.put(tag, jdk.withBlackholeModeFrom(new String(Files.readAllBytes(log), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            err.println("warning: cannot read " + log + " for the Blackhole mode: " + e.getMessage());
        }
    }

    private Environment environment(String startedAt, String finishedAt, List<String> warnings) {
        return new Environment(host, new ArrayList<>(jdks.values()), git, settings.profile(), settings.describe(),
                matrix, shard, startedAt, finishedAt, warnings, null);
    }

    private RunRecord record(String startedAt, String finishedAt, List<EntryRecord> done) {
        int failed = (int) done.stream().filter(e -> !e.ok()).count();
        return new RunRecord(settings.profile(), settings, matrix, include, shard, plan.totalPlanned(), startedAt,
                finishedAt, failed, done);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
