package dev.msgtrans.workbench.cli;

import dev.msgtrans.workbench.compare.CompareSettings;
import dev.msgtrans.workbench.compare.Comparison;
import dev.msgtrans.workbench.compare.RunComparator;
import dev.msgtrans.workbench.results.RunResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code workbench compare BASE NEW}: point-by-point ratios with bootstrap intervals and the regression gate.
 * Exit code 1 when a significant slowdown beyond {@code --fail-above} is found.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two runs point by point (benchmark, mode, params, threads, JDK): ratio NEW/BASE with"
                + " a bootstrap confidence interval from the raw iterations, the better direction from the unit, and"
                + " a verdict (faster / slower / no significant change).",
                "Exit code 1 when a significant slowdown beyond --fail-above is found; warns when the environments"
                        + " differ."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASE", description = "The base run directory (or JMH JSON file).")
    Path base;

    @Parameters(index = "1", paramLabel = "NEW", description = "The new run directory (or JMH JSON file).")
    Path current;

    @Option(names = "--threshold", defaultValue = "0.05", paramLabel = "FRACTION",
            description = "Smallest relative change that counts as a change. Default: ${DEFAULT-VALUE}.")
    double threshold;

    @Option(names = "--fail-above", defaultValue = "0.10", paramLabel = "FRACTION",
            description = "Fail (exit 1) on a significant slowdown larger than this. Default: ${DEFAULT-VALUE}.")
    double failAbove;

    @Option(names = "--confidence", defaultValue = "0.99", paramLabel = "P",
            description = "Coverage of the bootstrap intervals. Default: ${DEFAULT-VALUE}.")
    double confidence;

    @Option(names = "--method", defaultValue = "welch", paramLabel = "welch|bootstrap",
            description = "Interval: Welch t on log scores (forks as replicates when both runs have several) or a"
                    + " seeded bootstrap of the ratio of means. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--format", defaultValue = "md", paramLabel = "md|json",
            description = "Output format. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the output to FILE (default: standard output).")
    Path out;

    @Override
    public Integer call() {
        if (!format.equals("md") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be md or json, got '" + format + "'");
        }
        CompareSettings.Method m = switch (method) {
            case "welch" -> CompareSettings.Method.WELCH;
            case "bootstrap" -> CompareSettings.Method.BOOTSTRAP;
            default -> throw new IllegalArgumentException("--method must be welch or bootstrap, got '" + method + "'");
        };
        CompareSettings settings = new CompareSettings(threshold, failAbove, confidence,
                CompareSettings.DEFAULTS.resamples(), CompareSettings.DEFAULTS.seed(), m);
        Comparison c = new RunComparator(settings).compare(RunResults.load(base), RunResults.load(current));
        String text = format.equals("json") ? c.toJson() : c.toMarkdown();
        if (out == null) {
            System.out.print(text);
        } else {
            try {
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(out, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out, e);
            }
        }
        c.warnings().forEach(w -> System.err.println("warning: " + w));
        System.err.println("compare: " + c.summary());
        return c.exitCode();
    }
}
