package dev.msgtrans.workbench.cli;

import dev.msgtrans.workbench.env.GitInfo;
import dev.msgtrans.workbench.env.HostInfo;
import dev.msgtrans.workbench.run.BenchmarkRun;
import dev.msgtrans.workbench.run.JmhProcessRunner;
import dev.msgtrans.workbench.run.RunLayout;
import dev.msgtrans.workbench.run.RunRecord;
import dev.msgtrans.workbench.verdict.ForkIntervalWidth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code workbench run}: runs a matrix, one child JMH process per entry, into a run directory
 * ({@code run.json}, {@code env.json}, {@code results/}, {@code logs/}). Exit code 1 if any entry failed.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a benchmark matrix: one JMH process per entry, JSON results, logs and an environment"
                + " fingerprint in --out.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    PlanOptions options;

    @Option(names = "--out", paramLabel = "DIR", description = "The run directory to write (required unless --dry-run).")
    Path out;

    @Option(names = "--profiler", paramLabel = "NAME", defaultValue = "gc,cpu", split = ",",
            description = "JMH profilers (-prof), comma-separated; 'none' for none; 'cpu' is the harness's: process"
                    + " CPU time per operation and cores kept busy. Default: ${DEFAULT-VALUE} (allocation per"
                    + " operation, GC counts, CPU per operation).")
    List<String> profilers = new ArrayList<>();

    @Option(names = "--force", description = "Write into --out even if it already holds a run.")
    boolean force;

    @Option(names = "--dry-run", description = "Plan and print the entries and the expected duration; run nothing.")
    boolean dryRun;

    @Option(names = "--no-report", description = "Do not render the report at the end of the run.")
    boolean noReport;

    @Option(names = "--no-footprint", description = "Do not measure bytes per idle session (footprint.json, a few"
            + " seconds) after the benchmarks.")
    boolean noFootprint;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where the report goes (default: OUT/report). The jcstress summary is joined when OUT holds"
                    + " stress-summary.json or stress/stress-summary.json.")
    Path reportDir;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the rounds' shuffled order (default: drawn, and recorded in run.json).")
    Long seed;

    @Option(names = "--no-calibration", description = "Do not start each round with a fork of the calibration"
            + " benchmark (CodecBenchmark.encode, 64 B).")
    boolean noCalibration;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (out == null && !dryRun) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--out=DIR'");
        }
        PlanOptions.Planned p = options.plan();
        List<String> shared = p.selection().shared(Runtime.getRuntime().availableProcessors());
        if (!shared.isEmpty()) {
            System.out.println(shared.size() + " configurations are selected by two matrices and measured once,"
                    + " for both: " + String.join("; ", shared));
        }
        if (dryRun) {
            PlanOptions.describe(p.plan()).forEach(System.out::println);
            System.out.printf("%d entries; %s; expected %s%n", p.plan().selected().size(), p.settings().describe(),
                    dev.msgtrans.workbench.run.EtaClock.format(p.plan().expectedSeconds(p.settings(),
                            Runtime.getRuntime().availableProcessors())));
            p.plan().warnings(Runtime.getRuntime().availableProcessors())
                    .forEach(w -> System.err.println("warning: " + w));
            return 0;
        }
        RunLayout layout = new RunLayout(out.toAbsolutePath().normalize());
        RunRecord result = execute(p, options, layout, force, profilers, reportDir, seed, !noCalibration);
        if (!noFootprint && p.builds().isEmpty()) {
            // after the benchmarks, so that it cannot disturb them; a failure costs the table, not the run
            int rc = FootprintCommand.measure(p.workspace(), layout.dir(), FootprintCommand.DEFAULT_SESSIONS,
                    List.of(), "workbench footprint --out " + layout.dir());
            if (rc != 0) {
                System.err.println("warning: the footprint measurement failed (exit " + rc + "); the results are"
                        + " intact, measure it later with: workbench footprint --out " + layout.dir());
            }
        }
        if (!p.builds().isEmpty()) {
            // a run of several builds is a controlled comparison, not a report of one build
            System.out.println("compare the builds: workbench compare " + layout.dir());
        } else if (!noReport && result.entries().stream().anyMatch(e -> e.ok())) {
            // a report that cannot be drawn must not turn a good run into a failed one: say why and go on
            try {
                System.out.println(ReportCommand.render(layout.dir(),
                        reportDir != null ? reportDir : layout.dir().resolve("report"), null));
            } catch (RuntimeException | java.awt.AWTError | LinkageError e) {
                // LinkageError: a headless JDK without its font libraries (libfreetype) cannot draw charts
                System.err.println("warning: the report could not be rendered (" + e + "); the results are intact,"
                        + " render it later with: workbench report " + layout.dir() + " --out DIR");
            }
        }
        return result.failed() == 0 ? 0 : 1;
    }

    /**
     * Runs a plan into {@code layout} (shared with {@code aa}): refuses a directory that holds a run unless
     * {@code force}, probes the host, runs every round.
     */
    static RunRecord execute(PlanOptions.Planned p, PlanOptions options, RunLayout layout, boolean force,
                             List<String> profilers, Path reportDir, Long seed, boolean calibrate) {
        if (Files.exists(layout.runJson()) && !force) {
            throw new IllegalArgumentException(layout.dir() + " already holds a run (run.json); choose another --out"
                    + " or pass --force");
        }
        layout.create();
        HostInfo host = HostInfo.probe();
        List<String> prof = profilers.contains("none") ? List.of() : profilers;
        JmhProcessRunner runner = new JmhProcessRunner(p.workspace().benchmarksJar(), p.builds(), layout,
                p.settings(), options.forkJvmArgs(), prof, host.logicalCores());
        BenchmarkRun run = new BenchmarkRun(p.plan(), p.settings(), layout, runner, host,
                GitInfo.probe(p.workspace().home(), layout.dir(), reportDir), p.jdks(), p.selection().name(),
                options.include, options.shard().toString(), System.out, System.err, new ForkIntervalWidth(),
                seed != null ? seed : new java.security.SecureRandom().nextLong() & Long.MAX_VALUE,
                calibrate && !p.benchmarks().select(BenchmarkRun.CALIBRATION.regex()).isEmpty());
        return run.execute();
    }
}
