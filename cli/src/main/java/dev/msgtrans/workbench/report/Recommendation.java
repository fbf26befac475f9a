package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.stats.Interval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A phase's recommendation, generated from its findings (candidate vs baseline speed ratios with intervals at the
 * decision thread count) and the correctness verdicts. Nothing in it is typed by hand: change the data and the
 * words change. Immutable.
 *
 * @param verdict      the bold first line, e.g. {@code Migrate to lockfree}
 * @param findings     one generated sentence per measured configuration
 * @param correctness  the candidate's correctness statement
 * @param preconditions the conditions under which the findings hold
 */
record Recommendation(String verdict, List<String> findings, String correctness, String preconditions) {

    /** How one finding came out. */
    enum Outcome { FASTER, SLOWER, NO_DIFFERENCE, NO_INTERVAL }

    /**
     * One comparison at the decision point.
     *
     * @param what    e.g. {@code session table (readPercent=90)}
     * @param threads e.g. {@code 2} or {@code 1,1}
     * @param speed   candidate / baseline, above 1 is better
     */
    record Finding(String what, String threads, Interval speed, double threshold, Outcome outcome) {

        static Finding of(String what, String threads, Interval speed, double threshold) {
            Outcome o;
            if (!speed.hasBounds()) {
                o = Outcome.NO_INTERVAL;
            } else if (speed.lower() > 1 && speed.estimate() - 1 > threshold) {
                o = Outcome.FASTER;
            } else if (speed.upper() < 1 && 1 - speed.estimate() > threshold) {
                o = Outcome.SLOWER;
            } else {
                o = Outcome.NO_DIFFERENCE;
            }
            return new Finding(what, threads, speed, threshold, o);
        }

        /** The generated sentence. */
        String sentence(String prefix, String candidate, String baseline) {
            String at = threads.contains(",") ? " at thread group " + threads
                    : " at " + threads + (threads.equals("1") ? " thread" : " threads");
            String ci = speed.hasBounds() ? String.format(Locale.ROOT, "%s CI [%.2f, %.2f]", speed.percent(),
                    speed.lower(), speed.upper()) : "no CI: too few iterations";
            return prefix + switch (outcome) {
                case FASTER -> String.format(Locale.ROOT, "%s %s was %.2fx as fast as %s%s (%s).", candidate, what,
                        speed.estimate(), baseline, at, ci);
                case SLOWER -> String.format(Locale.ROOT, "%s %s was slower than %s%s: %.2fx its speed, i.e. %.2fx"
                        + " slower (%s).", candidate, what, baseline, at, speed.estimate(), 1 / speed.estimate(), ci);
                case NO_DIFFERENCE -> String.format(Locale.ROOT, "%s %s showed no significant difference from %s%s"
                        + " (ratio %.2f, %s; a difference counts when the interval excludes 1 and exceeds %.0f%%).",
                        candidate, what, baseline, at, speed.estimate(), ci, threshold * 100);
                case NO_INTERVAL -> String.format(Locale.ROOT, "%s %s measured %.2fx %s%s, but with too few"
                        + " iterations for a confidence interval: no conclusion.", candidate, what, speed.estimate(),
                        baseline, at);
            };
        }
    }

    /** Builds the verdict from findings and correctness. */
    static Recommendation of(String candidate, String baseline, List<Finding> findings, String prefix,
                             Correctness correctness, String preconditions) {
        List<String> lines = new ArrayList<>();
        findings.forEach(f -> lines.add(f.sentence(prefix, candidate, baseline)));
        long faster = findings.stream().filter(f -> f.outcome() == Outcome.FASTER).count();
        long slower = findings.stream().filter(f -> f.outcome() == Outcome.SLOWER).count();
        long same = findings.stream().filter(f -> f.outcome() == Outcome.NO_DIFFERENCE).count();
        long none = findings.stream().filter(f -> f.outcome() == Outcome.NO_INTERVAL).count();
        String counts = String.format(Locale.ROOT, "%d faster, %d slower, %d without significant difference%s",
                faster, slower, same, none > 0 ? ", " + none + " without an interval" : "");
        boolean failed = correctness.failed(candidate);
        boolean held = correctness.held(candidate);
        String verdict;
        if (findings.isEmpty()) {
            verdict = "Not measured: this run has no point comparing " + candidate + " with " + baseline + ".";
        } else if (failed) {
            verdict = "Do not migrate to " + candidate + ": a correctness property failed (" + counts + ").";
        } else if (none == findings.size()) {
            verdict = "Undecided: too few iterations for any interval. Rerun with `--profile quick` or `full`.";
        } else if (faster > 0 && slower == 0) {
            verdict = "Migrate to " + candidate + (held ? "" : ", once the correctness suite has passed") + ": faster"
                    + " than " + baseline + " in " + faster + " of " + findings.size() + " configurations (" + counts
                    + ").";
        } else if (slower > 0 && faster == 0) {
            verdict = "Keep " + baseline + ": " + candidate + " was slower in " + slower + " of " + findings.size()
                    + " configurations and faster in none (" + counts + ").";
        } else if (faster > 0) {
            verdict = "Depends on the workload: " + counts + ". Migrate only if your load matches the configurations"
                    + " where " + candidate + " won.";
        } else {
            verdict = "No performance case: " + candidate + " and " + baseline + " did not differ significantly ("
                    + counts + "). Migrate only for other reasons (latency tails, simplicity).";
        }
        return new Recommendation(verdict, lines, candidate + ": " + correctness.statement(candidate), preconditions);
    }

    void write(Markdown md) {
        md.h(2, "Recommendation");
        md.p("**" + verdict + "**");
        findings.forEach(md::bullet);
        if (!findings.isEmpty()) {
            md.blank();
        }
        md.p("Correctness: " + correctness + ".");
        md.p("Preconditions: " + preconditions);
    }
}
