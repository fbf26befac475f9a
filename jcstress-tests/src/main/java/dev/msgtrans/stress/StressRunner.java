package dev.msgtrans.stress;

import dev.msgtrans.stress.runner.JcstressLauncher;
import dev.msgtrans.stress.runner.ResultReader;
import dev.msgtrans.stress.runner.RunnerOptions;
import dev.msgtrans.stress.runner.Selection;
import dev.msgtrans.stress.runner.StressReport;
import dev.msgtrans.stress.runner.TestNames;
import dev.msgtrans.stress.runner.TestVerdict;
import dev.msgtrans.stress.runner.Verdict;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the jcstress suite and decides whether the run passed.
 * <p>
 * Two jcstress passes run in child JVMs (or in process with {@code --in-process}): the real variants with the
 * mode's budget, and the broken control with a longer budget of its own. Each pass's binary result blob is read
 * and graded with jcstress's own grader ({@link ResultReader}); the selected test list, computed as jcstress
 * computes it, is compared with what ran, because jcstress silently skips tests it cannot schedule (more actors
 * than CPUs). The run fails when a real variant fails or errors, when a selected test did not run, or when the
 * broken control passes a property it must fail. Writes {@code stress-summary.json} and {@code TEST-jcstress.xml}
 * into the output directory, jcstress's own reports into {@code real/results} and {@code control/results}.
 * <pre>
 *   java -cp jcstress-tests/target/jcstress.jar dev.msgtrans.stress.StressRunner --mode ci --out target/stress
 * </pre>
 */
public final class StressRunner {

    private StressRunner() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    /** @return the process exit status: 0 passed, 1 a verdict failed the run, 2 bad usage or no results */
    public static int run(String[] args, PrintStream console) throws IOException, InterruptedException {
        RunnerOptions opts;
        try {
            opts = RunnerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            console.println("error: " + e.getMessage());
            console.println(RunnerOptions.usage());
            return 2;
        }
        Selection selection = Selection.of(opts.tests());
        if (selection.isEmpty()) {
            console.println("error: no jcstress test matches '" + opts.tests() + "'");
            return 2;
        }
        Path out = opts.out().toAbsolutePath();
        Files.createDirectories(out);
        Instant started = Instant.now();
        long t0 = System.nanoTime();

        List<JcstressLauncher.Pass> passes = new ArrayList<>();
        Map<String, TestVerdict> results = new HashMap<>();
        if (!selection.real().isEmpty()) {
            Path dir = out.resolve("real");
            passes.add(JcstressLauncher.run("real",
                    opts.realPassArgs(Selection.realRegex(opts.tests()), dir.resolve("results")), dir,
                    opts.inProcess(), console));
        }
        if (!selection.control().isEmpty()) {
            Path dir = out.resolve("control");
            passes.add(JcstressLauncher.run("control",
                    opts.controlPassArgs(Selection.controlRegex(opts.tests()), dir.resolve("results")), dir,
                    opts.inProcess(), console));
        }
        boolean anyBlob = false;
        for (JcstressLauncher.Pass p : passes) {
            if (p.blob().isPresent()) {
                anyBlob = true;
                results.putAll(ResultReader.read(p.blob().get()));
            } else {
                console.println("[stress] pass '" + p.name() + "' wrote no result blob (exit " + p.exitCode()
                        + "); see " + p.dir().resolve("jcstress.log"));
            }
        }

        int cpus = opts.cpus() != null ? opts.cpus() : Runtime.getRuntime().availableProcessors();
        List<TestVerdict> verdicts = new ArrayList<>();
        List<String> selected = new ArrayList<>(selection.real());
        selected.addAll(selection.control());
        for (String test : selected) {
            TestVerdict v = results.get(test);
            verdicts.add(v != null ? v : notRun(test, cpus));
        }
        StressReport report = new StressReport(opts.mode(), opts.tests(), started, (System.nanoTime() - t0) / 1e9,
                passes, verdicts, opts.mustFail());
        report.writeJson(out.resolve("stress-summary.json"));
        report.writeJUnit(out.resolve("TEST-jcstress.xml"));
        report.print(console);
        console.println("[stress] summary: " + out.resolve("stress-summary.json"));
        if (!anyBlob) {
            return 2;
        }
        return report.ok() ? 0 : 1;
    }

    private static TestVerdict notRun(String test, int cpus) {
        int threads = Selection.threads(test);
        String why = threads > cpus
                ? "jcstress skipped it: it needs " + threads + " CPUs and " + cpus + " were available"
                : "absent from jcstress's results (see the pass's jcstress.log)";
        return new TestVerdict(test, TestNames.property(test), TestNames.component(test), TestNames.variant(test),
                Selection.description(test), 0, Verdict.NOT_RUN, "ABSENT", List.of(), List.of(why));
    }
}
