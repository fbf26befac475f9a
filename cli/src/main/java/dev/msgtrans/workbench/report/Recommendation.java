package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.stats.Decision;
import dev.msgtrans.workbench.stats.Interval;
import dev.msgtrans.workbench.verdict.Verdicts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A phase's recommendation, generated from its findings (candidate against baseline at the decision thread count,
 * decided together as one family by {@link Verdicts}) and the correctness verdicts. It names the configurations
 * where the candidate wins, loses, ties or is undecided; it never counts votes. Nothing in it is typed by hand:
 * change the data and the words change. Immutable.
 *
 * @param verdict       the bold first line, e.g. {@code Migrate to lockfree where it wins: ...}
 * @param findings      one generated sentence per measured configuration
 * @param correctness   the candidate's correctness statement
 * @param preconditions the conditions under which the findings hold
 */
record Recommendation(String verdict, List<String> findings, String correctness, String preconditions) {

    /**
     * One decided comparison at the decision point.
     *
     * @param what    e.g. {@code session table (readPercent=90)}
     * @param threads e.g. {@code 2} or {@code 1,1}
     * @param finding the decision, with the speed (candidate / baseline, above 1 is better)
     * @param before  the same question decided in a previous run, or null
     * @param other   how that run is named in a sentence, or null
     */
    record Finding(String what, String threads, Verdicts.Finding finding, Verdicts.Finding before, String other) {

        Finding(String what, String threads, Verdicts.Finding finding) {
            this(what, threads, finding, null, null);
        }

        Decision.Outcome outcome() {
            return finding.decision().outcome();
        }

        /** This run and the previous one both decided a direction, and not the same one. */
        boolean machineDependent() {
            if (before == null) {
                return false;
            }
            Decision.Outcome then = before.decision().outcome();
            return outcome() == Decision.Outcome.FASTER && then == Decision.Outcome.SLOWER
                    || outcome() == Decision.Outcome.SLOWER && then == Decision.Outcome.FASTER;
        }

        /** E.g. {@code session table (readPercent=90) at 2 threads}. */
        String where() {
            String at = threads.contains(",") ? " at thread group " + threads
                    : " at " + threads + (threads.equals("1") ? " thread" : " threads");
            return what + at;
        }

        /** The generated sentence. */
        String sentence(String prefix, String candidate, String baseline) {
            Decision d = finding.decision();
            Interval speed = d.speed();
            String ci = speed.hasBounds() ? String.format(Locale.ROOT, "%s CI [%.2f, %.2f]", speed.percent(),
                    speed.lower(), speed.upper()) : "no interval";
            String forks = String.format(Locale.ROOT, "%d/%d forks", finding.estimate().forksA(),
                    finding.estimate().forksB());
            String then = before == null ? "" : String.format(Locale.ROOT, " In %s: %s (ratio %.2f).%s", other,
                    before.decision().outcome().name().toLowerCase(Locale.ROOT), before.speed().estimate(),
                    machineDependent() ? " **Machine-dependent:** the two runs disagree on the direction." : "");
            return prefix + switch (d.outcome()) {
                case FASTER -> String.format(Locale.ROOT, "%s %s was %.2fx as fast as %s (%s, %s; %s).", candidate,
                        where(), speed.estimate(), baseline, ci, forks, d.reason());
                case SLOWER -> String.format(Locale.ROOT, "%s %s was slower than %s: %.2fx its speed, i.e. %.2fx"
                        + " slower (%s, %s; %s).", candidate, where(), baseline, speed.estimate(),
                        1 / speed.estimate(), ci, forks, d.reason());
                case EQUIVALENT -> String.format(Locale.ROOT, "%s %s was equivalent to %s (ratio %.2f, %s, %s; %s).",
                        candidate, where(), baseline, speed.estimate(), ci, forks, d.reason());
                case INCONCLUSIVE -> String.format(Locale.ROOT, "%s %s against %s: inconclusive (ratio %.2f, %s,"
                        + " %s; %s).", candidate, where(), baseline, speed.estimate(), ci, forks, d.reason());
            } + then;
        }
    }

    /** Builds the verdict from the decided findings and correctness. */
    static Recommendation of(String candidate, String baseline, List<Finding> findings, String prefix,
                             Correctness correctness, String preconditions) {
        List<String> lines = new ArrayList<>();
        findings.forEach(f -> lines.add(f.sentence(prefix, candidate, baseline)));
        String faster = where(findings, f -> f.outcome() == Decision.Outcome.FASTER && !f.machineDependent());
        String slower = where(findings, f -> f.outcome() == Decision.Outcome.SLOWER && !f.machineDependent());
        String dependent = where(findings, Finding::machineDependent);
        String equivalent = where(findings, f -> f.outcome() == Decision.Outcome.EQUIVALENT);
        String undecided = where(findings, f -> f.outcome() == Decision.Outcome.INCONCLUSIVE);
        List<String> rest = new ArrayList<>();
        if (!equivalent.isEmpty()) {
            rest.add("equivalent " + equivalent);
        }
        if (!undecided.isEmpty()) {
            rest.add("undecided " + undecided);
        }
        if (!dependent.isEmpty()) {
            rest.add("machine-dependent " + dependent + " (the previous run found the other direction)");
        }
        String others = rest.isEmpty() ? "" : "; " + String.join("; ", rest);
        boolean held = correctness.held(candidate);
        String verdict;
        if (findings.isEmpty()) {
            verdict = "Not measured: this run has no point comparing " + candidate + " with " + baseline + ".";
        } else if (correctness.failed(candidate)) {
            verdict = "Do not migrate to " + candidate + ": a correctness property failed.";
        } else if (!faster.isEmpty() && slower.isEmpty()) {
            verdict = "Migrate to " + candidate + (held ? "" : ", once the correctness suite has passed")
                    + ", where it wins: faster " + faster + others + ".";
        } else if (!slower.isEmpty() && faster.isEmpty()) {
            verdict = "Keep " + baseline + ": " + candidate + " was slower " + slower + others + ".";
        } else if (!faster.isEmpty()) {
            verdict = "Depends on the workload: " + candidate + " was faster " + faster + " and slower " + slower
                    + others + ". Migrate only if your load matches where it won.";
        } else if (!dependent.isEmpty() && undecided.isEmpty() && equivalent.isEmpty()) {
            verdict = "Machine-dependent: " + candidate + " against " + baseline + " changed direction between this"
                    + " run and the previous one " + dependent + ". Measure on the machine you deploy to.";
        } else if (undecided.isEmpty() && dependent.isEmpty()) {
            verdict = "No performance case: " + candidate + " was equivalent to " + baseline + " within ±"
                    + Math.round(findings.get(0).finding().decision().margin() * 100) + "% " + equivalent
                    + ". Migrate only for other reasons (latency tails, simplicity).";
        } else {
            verdict = "Undecided: the data cannot tell " + candidate + " from " + baseline + " " + undecided
                    + (equivalent.isEmpty() ? "" : "; equivalent " + equivalent)
                    + (dependent.isEmpty() ? "" : "; machine-dependent " + dependent)
                    + ". More forks (`--forks`), a quieter or bigger machine, or `--profile full` may settle it.";
        }
        return new Recommendation(verdict, lines, candidate + ": " + correctness.statement(candidate), preconditions);
    }

    /** {@code at a, b and c}, or empty. */
    private static String where(List<Finding> findings, Predicate<Finding> which) {
        List<String> w = findings.stream().filter(which).map(Finding::where).map(s -> s.replaceFirst(" at ", " @ "))
                .toList();
        if (w.isEmpty()) {
            return "";
        }
        return "for " + (w.size() == 1 ? w.get(0) : String.join(", ", w.subList(0, w.size() - 1)) + " and "
                + w.get(w.size() - 1));
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
