package dev.msgtrans.workbench.cli;

import dev.msgtrans.workbench.compare.CompareSettings;
import dev.msgtrans.workbench.stats.Decisions;
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
 * {@code workbench compare BASE NEW}: point-by-point fork-level ratios, decided as one family, and the regression
 * gate. Exit code 1 when a significant slowdown beyond {@code --fail-above} is found.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two runs point by point (benchmark, mode, params, threads, JDK): ratio NEW/BASE from"
                + " each run's forks (steady segments only), the better direction from the unit, and a verdict"
                + " (faster / slower / equivalent / inconclusive) under an error control over all points.",
                "Exit code 1 when a significant slowdown beyond --fail-above is found; warns when the environments"
                        + " differ."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASE", description = "The base run directory (or JMH JSON file).")
    Path base;

    @Parameters(index = "1", paramLabel = "NEW", arity = "0..1",
            description = "The new run directory (or JMH JSON file). Without it, BASE must be a run of several builds"
                    + " (--build): its first build is compared with its last, forks paired by round.")
    Path current;

    @Option(names = {"--margin", "--threshold"}, defaultValue = "0.05", paramLabel = "FRACTION",
            description = "Equivalence margin: a point whose interval lies within ±margin is 'equivalent'."
                    + " Default: ${DEFAULT-VALUE}.")
    double margin;

    @Option(names = "--fail-above", defaultValue = "0.10", paramLabel = "FRACTION",
            description = "Fail (exit 1) on a significant slowdown larger than this. Default: ${DEFAULT-VALUE}.")
    double failAbove;

    @Option(names = "--alpha", defaultValue = "0.01", paramLabel = "P",
            description = "Error rate controlled over all points (the intervals shown are 1 - alpha). Default:"
                    + " ${DEFAULT-VALUE}.")
    double alpha;

    @Option(names = "--correction", defaultValue = "holm", paramLabel = "holm|bh|none",
            description = "Error control over the points: holm (family-wise: the chance of any false alarm),"
                    + " bh (Benjamini-Hochberg: the expected share of false alarms) or none."
                    + " Default: ${DEFAULT-VALUE}.")
    String correction;

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
        Decisions.Correction c0 = switch (correction) {
            case "holm" -> Decisions.Correction.HOLM;
            case "bh" -> Decisions.Correction.BENJAMINI_HOCHBERG;
            case "none" -> Decisions.Correction.NONE;
            default -> throw new IllegalArgumentException("--correction must be holm, bh or none, got '" + correction
                    + "'");
        };
        CompareSettings settings = new CompareSettings(margin, failAbove, alpha, c0);
        RunComparator comparator = new RunComparator(settings);
        Comparison c = current == null ? comparator.compareBuilds(RunResults.load(base))
                : comparator.compare(RunResults.load(base), RunResults.load(current));
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
