package dev.msgtrans.workbench.cli;

import dev.msgtrans.workbench.report.ReportWriter;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.results.StressSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code workbench report}: renders a run directory as Markdown pages with charts, and each page's HTML twin. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Render a run as a report: DIR/README.md (index), one page per phase, shootout.md,"
                + " end-to-end.md, seed.md, charts in DIR/charts (PNG and SVG); the same pages as self-contained HTML"
                + " (DIR/report.html and one .html beside each page: opens from disk, sortable tables).",
                "Speed-ups carry 99%% intervals from the steady forks' means (each fork a replicate), and findings"
                        + " are decided per page as one family; the jcstress verdicts are joined from"
                        + " RUN_DIR/stress-summary.json or --stress."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory (workbench run or merge).")
    Path runDir;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the report.")
    Path out;

    @Option(names = "--stress", paramLabel = "FILE",
            description = "A stress-summary.json (jcstress-tests) to join; default: the run directory's, if any.")
    Path stress;

    @Option(names = "--previous", paramLabel = "RUN_DIR",
            description = "An earlier run of the same matrix (e.g. from another machine): a phase finding whose"
                    + " direction differs between the two runs is called machine-dependent.")
    Path previous;

    @Option(names = "--build", paramLabel = "NAME",
            description = "In a run of several builds (--build NAME=JAR), render this build's results alone.")
    String build;

    @Override
    public Integer call() {
        RunResults run = RunResults.load(runDir);
        if (build != null) {
            run = run.build(build);
        } else if (!run.builds().isEmpty()) {
            System.err.println("report: " + runDir + " holds the builds " + run.builds() + "; pick one with --build"
                    + " NAME (workbench compare " + runDir + " compares them)");
            return 2;
        }
        System.out.println(render(run, out, stress, previous == null ? null : RunResults.load(previous)));
        return 0;
    }

    /** Renders and returns a one-line summary (also used by {@code run} at its end). */
    static String render(Path runDir, Path out, Path stress) {
        return render(runDir, out, stress, null);
    }

    /** Renders with an earlier run to check the findings' directions against (null for none). */
    static String render(Path runDir, Path out, Path stress, RunResults previous) {
        return render(RunResults.load(runDir), out, stress, previous);
    }

    private static String render(RunResults run, Path out, Path stress, RunResults previous) {
        if (stress != null) {
            run = run.withStress(StressSummary.read(stress));
        }
        ReportWriter.Written w = new ReportWriter(out.toAbsolutePath().normalize(), previous).write(run);
        return "report: " + w.index() + " (" + w.pages().size() + " pages, " + w.charts().size() / 2 + " charts); HTML: "
                + w.html().get(0);
    }
}
