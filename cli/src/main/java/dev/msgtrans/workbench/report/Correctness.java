package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.results.StressSummary;
import dev.msgtrans.workbench.results.StressSummary.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The jcstress verdicts for one page's components, as a property x variant table and a one-line statement per
 * variant. Immutable.
 */
final class Correctness {

    private final StressSummary summary;
    private final List<String> components;
    private final ReportPaths paths;

    Correctness(StressSummary summary, List<String> components, ReportPaths paths) {
        this.summary = summary;
        this.components = List.copyOf(components);
        this.paths = paths;
    }

    /**
     * The jcstress alias a candidate is checked as: jcstress tests variants, and the {@code phase3} preset is
     * {@code lockfree} in every phase (DESIGN.md's preset table); the mixed presets have no single alias.
     */
    private static String alias(String candidate) {
        return "phase3".equals(candidate) ? "lockfree" : candidate;
    }

    boolean available() {
        return summary != null && !components.isEmpty() && !verdicts().isEmpty();
    }

    private List<Verdict> verdicts() {
        return summary.verdicts().stream().filter(v -> components.contains(v.component())).toList();
    }

    /** E.g. {@code all 4 properties held}, {@code FAILED: SessionRegistryPutGet}, {@code not run}. */
    String statement(String candidate) {
        String variant = alias(candidate);
        if (summary == null) {
            return "not run (no stress-summary.json for this run)";
        }
        List<Verdict> vs = verdicts().stream().filter(v -> v.variant().equals(variant)).toList();
        if (vs.isEmpty()) {
            return "not run for " + variant + " (no jcstress test of " + String.join(", ", components)
                    + " in this summary)";
        }
        List<String> failed = vs.stream().filter(Verdict::failed).map(Verdict::property).toList();
        List<String> other = vs.stream().filter(v -> !v.passed() && !v.failed())
                .map(v -> v.property() + " " + v.verdict()).toList();
        if (!failed.isEmpty()) {
            return "FAILED: " + String.join(", ", failed) + " (jcstress observed a forbidden outcome)";
        }
        if (!other.isEmpty()) {
            return "incomplete: " + String.join(", ", other) + "; " + (vs.size() - other.size()) + " of "
                    + vs.size() + " properties held";
        }
        String as = variant.equals(candidate) ? "" : " (as " + variant + ", the variant it is made of)";
        return (vs.size() == 1 ? "the one property checked (" + vs.get(0).property() + ") held"
                : "all " + vs.size() + " properties checked held") + as + " (jcstress, mode " + summary.mode() + ")";
    }

    /** Whether any property failed for the variant. */
    boolean failed(String candidate) {
        String variant = alias(candidate);
        return summary != null && verdicts().stream().anyMatch(v -> v.variant().equals(variant) && v.failed());
    }

    /** Whether every property ran and held for the variant. */
    boolean held(String candidate) {
        String variant = alias(candidate);
        if (summary == null) {
            return false;
        }
        List<Verdict> vs = verdicts().stream().filter(v -> v.variant().equals(variant)).toList();
        return !vs.isEmpty() && vs.stream().allMatch(Verdict::passed);
    }

    void write(Markdown md) {
        md.h(2, "Correctness (jcstress)");
        if (summary == null) {
            md.p("Not run: this run directory has no `stress-summary.json`. Run the jcstress-tests module and pass"
                    + " its summary with `workbench report RUN_DIR --stress FILE` (or copy it into the run directory)"
                    + " to see the verdicts beside the figures. Every cell below would read \"not run\".");
            return;
        }
        if (!available()) {
            md.p("Not run: `" + summary.file().getFileName() + "` holds no test of " + String.join(", ", components)
                    + ".");
            return;
        }
        Map<String, Map<String, Verdict>> byProperty = new TreeMap<>();
        Set<String> variantSet = new LinkedHashSet<>();
        for (Verdict v : verdicts()) {
            byProperty.computeIfAbsent(v.property(), k -> new TreeMap<>()).put(v.variant(), v);
            variantSet.add(v.variant());
        }
        List<String> variants = new ArrayList<>(Section.sortSeries(variantSet));
        // the broken control last: it is expected to fail
        variants.sort((a, b) -> Boolean.compare(a.equals("broken"), b.equals("broken")));
        List<String> header = new ArrayList<>();
        header.add("property");
        variants.forEach(v -> header.add(v.equals("broken") ? "broken (control)" : v));
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Verdict>> e : byProperty.entrySet()) {
            List<String> row = new ArrayList<>();
            Verdict any = e.getValue().values().iterator().next();
            row.add("**" + e.getKey() + "**: " + any.description());
            for (String variant : variants) {
                Verdict v = e.getValue().get(variant);
                row.add(v == null ? "not run" : cell(v));
            }
            rows.add(row);
        }
        md.table(header, rows);
        md.p("Source: " + (summary.file() == null ? "a stress summary" : paths.mention(summary.file()))
                + " (jcstress, mode " + summary.mode() + "; runner verdict: "
                + (summary.ok() ? "ok" : "NOT ok: " + paths.scrub(String.join("; ", summary.problems())))
                + "). The broken"
                + " control is expected to fail the properties it violates: \"caught\" proves the test can see the"
                + " race.");
    }

    private static String cell(Verdict v) {
        String base = switch (v.verdict()) {
            case "PASS" -> "pass";
            case "FAIL" -> "**FAIL**";
            case "NOT_RUN" -> "not run";
            default -> "error";
        };
        if (v.control() && v.controlCheck() != null) {
            return switch (v.controlCheck()) {
                case "CAUGHT" -> "fail (caught)";
                case "NOT_CAUGHT" -> "**pass (NOT caught)**";
                case "UNPROVEN" -> base + " (unproven)";
                default -> base;
            };
        }
        return base + " (" + String.format(java.util.Locale.ROOT, "%,d", v.samples()) + ")";
    }
}
