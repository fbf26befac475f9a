package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.stats.Decision.Outcome;
import dev.msgtrans.workbench.verdict.Verdicts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where along the thread counts a candidate starts or stops winning: the crossover a scaling curve is read for.
 * Only decided findings count (faster or slower under the family's correction); an estimate that crosses 1 without
 * a decision on both sides is said to be no crossover shown, never guessed into one. Immutable.
 *
 * @param steps the candidate against the baseline at each thread count, ascending, decided as one family
 */
record Crossover(List<Step> steps) {

    /**
     * @param label     the thread count as shown on the axis (e.g. {@code 4 (over cores)})
     * @param finding   the candidate against the baseline there
     */
    record Step(String label, Verdicts.Finding finding) {

        Outcome outcome() {
            return finding.decision().outcome();
        }

        boolean decided() {
            return outcome() == Outcome.FASTER || outcome() == Outcome.SLOWER;
        }

        String word() {
            return outcome().name().toLowerCase(Locale.ROOT).replace("inconclusive", "undecided");
        }
    }

    /** The generated sentence, e.g. {@code lockfree is slower than mutex at 1 thread and faster from 2 threads on}. */
    String sentence(String candidate, String baseline) {
        List<Step> decided = steps.stream().filter(Step::decided).toList();
        String all = String.join(", ", steps.stream().map(s -> s.word() + " at " + threads(s.label())).toList());
        if (decided.isEmpty()) {
            return "Crossover: none shown; " + candidate + " against " + baseline + " is decided at no thread count ("
                    + all + ").";
        }
        List<String> changes = new ArrayList<>();
        for (int i = 1; i < decided.size(); i++) {
            Step a = decided.get(i - 1);
            Step b = decided.get(i);
            if (a.outcome() != b.outcome()) {
                changes.add(candidate + " turns from " + a.word() + " at " + threads(a.label()) + " to " + b.word()
                        + " at " + threads(b.label()));
            }
        }
        if (changes.isEmpty()) {
            return "Crossover: none shown; " + candidate + " is " + decided.get(0).word() + " than " + baseline
                    + " wherever decided (" + all + ").";
        }
        return "Crossover: " + String.join("; then ", changes) + " (" + all + ").";
    }

    private static String threads(String label) {
        boolean over = label.endsWith(OVER);
        String n = over ? label.substring(0, label.length() - OVER.length()) : label;
        return (n.contains(",") ? "thread group " + n : n + (n.equals("1") ? " thread" : " threads"))
                + (over ? OVER : "");
    }

    private static final String OVER = " (over cores)";
}
