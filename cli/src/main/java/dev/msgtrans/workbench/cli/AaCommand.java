package dev.msgtrans.workbench.cli;

import dev.msgtrans.workbench.compare.CompareSettings;
import dev.msgtrans.workbench.compare.SelfCheck;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.run.RunLayout;
import dev.msgtrans.workbench.run.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code workbench aa}: the A/A self-check. Runs the same benchmarks jar as both builds of a gate run (base and head
 * interleaved in rounds, as the CI gate runs two builds), then compares them as the gate would: the false alarms, and
 * with a known slowdown injected into half of the points' measurements, which slowdowns this machine resolves with
 * this many forks. {@code --analyse} re-checks saved runs and adds them up.
 */
@Command(name = "aa", mixinStandardHelpOptions = true,
        description = {"A/A self-check: run the same build as base and head (interleaved, like the gate), then print"
                + " the false-alarm rate and the smallest injected slowdown this machine resolves with this budget.",
                "Defaults: --profile gate --matrix gate. --analyse DIR... re-checks saved aa runs and sums them."})
final class AaCommand implements Callable<Integer> {

    @Mixin
    PlanOptions options;

    @Option(names = "--out", paramLabel = "DIR", description = "The run directory to write (a new aa run).")
    Path out;

    @Option(names = "--analyse", paramLabel = "DIR", arity = "1..*",
            description = "Check these saved aa runs instead of running a new one.")
    List<Path> analyse = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the rounds' shuffled order.")
    Long seed;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the Markdown summary to FILE.")
    Path report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Path> runs = new ArrayList<>(analyse);
        if (runs.isEmpty()) {
            if (out == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --out DIR (a new run)"
                        + " or --analyse DIR...");
            }
            if (!spec.commandLine().getParseResult().hasMatchedOption("--profile")) {
                options.profile = "gate";
            }
            if (options.matrix == null) {
                options.matrix = "gate";
            }
            Path jar = Workspace.locate(options.benchmarksJar).requireJar();
            options.builds = List.of("base=" + jar, "head=" + jar);
            PlanOptions.Planned p = options.plan();
            RunLayout layout = new RunLayout(out.toAbsolutePath().normalize());
            RunRecord r = RunCommand.execute(p, options, layout, false, List.of("gc"), null, seed, true);
            if (r.failed() > 0) {
                System.err.println("aa: " + r.failed() + " entries failed; the check uses what ran");
            }
            runs.add(layout.dir());
        }
        CompareSettings settings = CompareSettings.DEFAULTS;
        SelfCheck check = new SelfCheck(settings);
        List<SelfCheck.Result> results = new ArrayList<>();
        for (Path d : runs) {
            results.add(check.check(RunResults.load(d)));
        }
        String md = SelfCheck.toMarkdown(results, String.format(Locale.ROOT, "The same jar as base and head,"
                + " interleaved in rounds; decided as the gate decides (`workbench compare RUN` defaults: %s, gate at"
                + " a slowdown beyond %.0f%%). Injected: the head side's measured iterations of every other point"
                + " scaled by the slowdown (a test-only transformation of real measurements).",
                settings.verdicts().describe(results.get(0).a().family()), settings.failAbove() * 100));
        System.out.print(md);
        if (report != null) {
            try {
                Files.writeString(report, md, StandardCharsets.UTF_8);
                Files.writeString(Path.of(report + ".json"), SelfCheck.toJson(results), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + report, e);
            }
        }
        return 0;
    }
}
