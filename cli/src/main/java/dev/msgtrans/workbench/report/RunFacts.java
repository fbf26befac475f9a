package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.env.Environment;
import dev.msgtrans.workbench.env.JdkInfo;
import dev.msgtrans.workbench.results.BenchmarkResult;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.run.EntryRecord;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What every page states about the run: the command that produced it, the machine, the JDKs, the revision, the
 * profile, and the warnings that limit what the figures mean. Immutable.
 */
final class RunFacts {

    private final RunResults run;
    private final ReportPaths paths;

    RunFacts(RunResults run, ReportPaths paths) {
        this.run = run;
        this.paths = paths;
    }

    /** How the report names files. */
    ReportPaths paths() {
        return paths;
    }

    /** Logical processors; 0 when unknown. */
    int cores() {
        return run.cores();
    }

    /**
     * The command that made the run, with its {@code --out} named as the report names paths (run.json's
     * reconstruction names it relative to the working directory, or absolute).
     */
    String command() {
        String c = run.command();
        if (c == null) {
            return "(unknown: no run.json; JMH results read from " + paths.runArg() + ")";
        }
        // --out is always last in RunResults.command()
        int at = c.lastIndexOf(" --out ");
        return paths.scrub(at < 0 ? c : c.substring(0, at) + " --out " + paths.runArg());
    }

    String profile() {
        return run.run().map(r -> r.profile()).orElse("unknown");
    }

    boolean smoke() {
        return "smoke".equals(profile());
    }

    /** E.g. {@code 1 fork, 2 x 1000 ms warm-up, 3 x 1000 ms measurement}. */
    String settings() {
        return run.run().map(r -> r.settings() == null ? r.profile() : r.settings().describe()).orElse("unknown");
    }

    int forks() {
        return run.run().map(r -> r.settings() == null ? 1 : r.settings().forks()).orElse(1);
    }

    /** E.g. {@code build-7 (Intel(R) Xeon(R) ..., 2 logical / 2 physical cores, 7.8 GiB)}. */
    String machine() {
        Environment env = run.environment().orElse(null);
        if (env == null || env.host() == null) {
            return "unknown machine (no env.json)";
        }
        var h = env.host();
        return String.format(Locale.ROOT, "%s (%s, %d logical / %d physical cores, %.1f GiB, %s)", h.hostname(),
                h.cpuModel(), h.logicalCores(), h.physicalCores(), h.memoryTotalBytes() / (1024.0 * 1024 * 1024),
                h.osRelease());
    }

    /** E.g. {@code JDK 17.0.15}, or {@code JDK 17.0.15, 21.0.5} for several. */
    String jdks() {
        Set<String> v = new LinkedHashSet<>();
        run.environment().ifPresent(env -> env.jdks().forEach(j -> v.add(j.runtimeVersion() == null ? j.version()
                : shortVersion(j))));
        if (v.isEmpty()) {
            run.benchmarks().forEach(b -> v.add(b.jdkVersion()));
        }
        return "JDK " + String.join(", ", v);
    }

    /** The JDK version of a result, for a recommendation's preconditions. */
    String jdkOf(BenchmarkResult r) {
        return run.jdk(r.jdk()).map(RunFacts::shortVersion).orElse(r.jdkVersion());
    }

    private static String shortVersion(JdkInfo j) {
        return j.version() != null ? j.version() : j.runtimeVersion();
    }

    String revision() {
        return run.environment().map(env -> env.git() == null ? "unknown"
                : env.git().revision().substring(0, Math.min(12, env.git().revision().length()))
                + (env.git().dirty() ? " (uncommitted changes)" : "")).orElse("unknown");
    }

    String when() {
        return run.environment().map(env -> env.startedAt() + " to " + unfinished(env.finishedAt()))
                .or(() -> run.run().map(r -> r.startedAt() + " to " + unfinished(r.finishedAt()))).orElse("unknown");
    }

    private static String unfinished(String finishedAt) {
        return finishedAt == null ? "(unfinished)" : finishedAt;
    }

    /** The provenance block every page starts with. */
    void header(Markdown md) {
        md.line("- Produced by: " + Markdown.code(command()) + paths.runNote());
        md.line("- Machine: " + machine() + "; " + jdks() + "; git " + revision());
        md.line("- Profile: " + settings() + "; run " + when());
        run.environment().map(Environment::noise).ifPresent(n -> md.line("- Noise: " + n.describe()));
        md.blank();
        if (smoke()) {
            md.quote("**Smoke profile:** one short measurement per point. These figures prove that the benchmarks"
                    + " run; they are not evidence. Regenerate from a `quick` or `full` run before deciding anything.");
        }
    }

    /**
     * Results whose thread count exceeds the logical processors, or whose entry carries an oversubscription
     * warning.
     */
    List<BenchmarkResult> oversubscribed(List<BenchmarkResult> results) {
        int cores = cores();
        return results.stream().filter(r -> (cores > 0 && r.threads() > cores) || !r.warnings().isEmpty()).toList();
    }

    /** A warning line about oversubscribed points, or null if there are none. */
    String oversubscriptionWarning(List<BenchmarkResult> results) {
        List<BenchmarkResult> over = oversubscribed(results);
        if (over.isEmpty()) {
            return null;
        }
        Set<String> threads = new java.util.TreeSet<>();
        over.forEach(r -> threads.add(r.threadsLabel()));
        return String.format(Locale.ROOT, "**Warning:** %d of these %d points ran more threads than the %s logical"
                        + " cores (threads %s): they time-share cores, so their scores include the scheduler and"
                        + " penalise spinning strategies. Read scaling only up to %s threads.", over.size(),
                results.size(), cores() > 0 ? Integer.toString(cores()) : "?", String.join("; ", threads),
                cores() > 0 ? Integer.toString(cores()) : "the core count");
    }

    /** Entries of run.json that did not produce a result. */
    List<EntryRecord> failedEntries() {
        return run.run().map(r -> r.entries().stream().filter(e -> !e.ok()).toList()).orElse(List.of());
    }

    /** The full environment fingerprint as Markdown. */
    void environment(Markdown md) {
        md.h(2, "Environment");
        Environment env = run.environment().orElse(null);
        if (env == null) {
            md.p("No env.json in the run directory: the machine is unknown.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        if (env.host() != null) {
            var h = env.host();
            rows.add(List.of("host", h.hostname()));
            rows.add(List.of("CPU", h.cpuModel()));
            rows.add(List.of("cores", h.logicalCores() + " logical (available to the JVM), " + h.physicalCores()
                    + " physical, " + h.onlineCpus() + " online in the machine"));
            rows.add(List.of("memory", String.format(Locale.ROOT, "%.1f GiB", h.memoryTotalBytes()
                    / (1024.0 * 1024 * 1024))));
            rows.add(List.of("OS", h.osRelease() + ", kernel " + h.kernel() + ", " + h.arch()));
        }
        for (JdkInfo j : env.jdks()) {
            rows.add(List.of(j.tag(), j.vendor() + " " + j.runtimeVersion() + " (" + j.vmName() + "), GC " + j.gc()
                    + (j.jvmArgs().isEmpty() ? "" : ", args " + paths.scrub(String.join(" ", j.jvmArgs())))
                    + (j.blackholeMode() == null ? "" : "; JMH Blackhole: " + j.blackholeMode())));
        }
        rows.add(List.of("git", revision()));
        rows.add(List.of("profile", settings()));
        rows.add(List.of("matrix / shard", env.matrix() + " / " + env.shard()));
        rows.add(List.of("time (UTC)", when()));
        if (env.noise() != null) {
            rows.add(List.of("noise", env.noise().describe()));
        }
        run.run().ifPresent(r -> {
            if (r.seed() != null) {
                rows.add(List.of("rounds", "randomized interleaved, seed " + r.seed()
                        + " (`--seed` replays the order with the same workbench version)"));
            }
        });
        md.table(List.of("", ""), rows);
        run.run().ifPresent(r -> {
            if (!r.notes().isEmpty()) {
                md.p("What the run design decided (adaptive rounds, budget):");
                r.notes().forEach(md::bullet);
                md.blank();
            }
        });
        String over = oversubscriptionWarning(run.benchmarks());
        List<String> warnings = new ArrayList<>(env.warnings());
        if (!warnings.isEmpty() || over != null) {
            md.p("Warnings recorded by the run:");
            warnings.forEach(w -> md.bullet(w));
            if (over != null) {
                md.bullet(over);
            }
            md.blank();
        }
    }
}
