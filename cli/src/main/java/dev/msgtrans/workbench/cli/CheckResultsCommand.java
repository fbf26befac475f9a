package dev.msgtrans.workbench.cli;

import dev.msgtrans.workbench.run.JmhResultFile;
import dev.msgtrans.workbench.run.ResultCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code workbench check-results}: the CI gate on a run directory. */
@Command(name = "check-results", mixinStandardHelpOptions = true,
        description = "Verify that every JMH result file in DIR (DIR/results if present) has at least one benchmark"
                + " with a positive primary score, and that every entry of DIR/run.json succeeded. Exit 1 otherwise.")
final class CheckResultsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "A run directory or a directory of JMH JSON files.")
    Path dir;

    @Override
    public Integer call() {
        ResultCheck.Outcome o = new ResultCheck().check(dir);
        for (JmhResultFile f : o.files()) {
            System.out.println((f.healthy() ? "ok    " : "FAIL  ") + dir.relativize(f.file()) + ": " + f.verdict());
        }
        for (String p : o.problems()) {
            System.err.println("problem: " + p);
        }
        System.out.println(o.passed() ? "check passed: " + o.files().size() + " result files"
                : "check FAILED: " + o.problems().size() + " problem(s)");
        return o.passed() ? 0 : 1;
    }
}
