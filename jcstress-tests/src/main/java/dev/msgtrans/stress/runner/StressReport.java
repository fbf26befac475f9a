package dev.msgtrans.stress.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The verdicts of a run, the rules that turn them into pass or fail, and the files that report them:
 * {@code stress-summary.json} (machine-readable, one entry per property and variant) and {@code TEST-jcstress.xml}
 * (JUnit XML, so CI servers show one test case per property and variant).
 * <p>
 * The rules: every real variant must PASS; every selected test must have run; and for each property in the
 * must-fail list, the broken control must FAIL (it is {@code CAUGHT}), or the harness has proved nothing. The
 * control's other properties are {@code INFORMATIONAL}: their verdict is reported, not required.
 */
public final class StressReport {

    /** What the broken control's verdict means for the run. */
    public enum ControlCheck {
        /** A must-fail property, and jcstress reported the control FAILED. */
        CAUGHT,
        /** A must-fail property, but jcstress saw no forbidden outcome: the harness missed a known race. */
        NOT_CAUGHT,
        /** A must-fail property whose control test errored or did not run: nothing was proved either way. */
        UNPROVEN,
        /** Not in the must-fail list: the verdict is reported for information. */
        INFORMATIONAL
    }

    private final String mode;
    private final String tests;
    private final Instant started;
    private final double seconds;
    private final List<JcstressLauncher.Pass> passes;
    private final List<TestVerdict> verdicts;
    private final Set<String> mustFail;

    public StressReport(String mode, String tests, Instant started, double seconds, List<JcstressLauncher.Pass> passes,
                        List<TestVerdict> verdicts, Set<String> mustFail) {
        this.mode = mode;
        this.tests = tests;
        this.started = started;
        this.seconds = seconds;
        this.passes = List.copyOf(passes);
        this.verdicts = List.copyOf(verdicts);
        this.mustFail = Set.copyOf(mustFail);
    }

    public List<TestVerdict> verdicts() {
        return verdicts;
    }

    public ControlCheck controlCheck(TestVerdict v) {
        if (!mustFail.contains(v.property())) {
            return ControlCheck.INFORMATIONAL;
        }
        return switch (v.verdict()) {
            case FAIL -> ControlCheck.CAUGHT;
            case PASS -> ControlCheck.NOT_CAUGHT;
            default -> ControlCheck.UNPROVEN;
        };
    }

    /** Everything that makes the run fail; empty when it passes. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (TestVerdict v : verdicts) {
            if (!v.control()) {
                if (v.verdict() != Verdict.PASS) {
                    out.add(v.verdict() + ": " + v.test() + firstMessage(v));
                }
            } else if (v.verdict() == Verdict.NOT_RUN || v.verdict() == Verdict.ERROR) {
                out.add(v.verdict() + " (control): " + v.test() + firstMessage(v));
            } else if (controlCheck(v) == ControlCheck.NOT_CAUGHT) {
                out.add("NOT CAUGHT: the broken control passed " + v.property()
                        + ", a race it must lose; the harness did not prove it can detect it (" + v.samples() + " samples)");
            }
        }
        return out;
    }

    private static String firstMessage(TestVerdict v) {
        return v.messages().isEmpty() ? "" : " (" + v.messages().get(0) + ")";
    }

    public boolean ok() {
        return problems().isEmpty();
    }

    private Map<Verdict, Integer> counts(boolean control) {
        Map<Verdict, Integer> m = new TreeMap<>();
        for (Verdict x : Verdict.values()) {
            m.put(x, 0);
        }
        for (TestVerdict v : verdicts) {
            if (v.control() == control) {
                m.merge(v.verdict(), 1, Integer::sum);
            }
        }
        return m;
    }

    /** A table for the console: one row per property, one column per variant. */
    public void print(PrintStream out) {
        Map<String, Map<String, TestVerdict>> byProperty = new TreeMap<>();
        List<String> variants = new ArrayList<>();
        for (TestVerdict v : verdicts) {
            byProperty.computeIfAbsent(v.property(), k -> new TreeMap<>()).put(v.variant(), v);
            if (!variants.contains(v.variant())) {
                variants.add(v.variant());
            }
        }
        variants.sort((a, b) -> Boolean.compare(a.equals(TestNames.CONTROL_ALIAS), b.equals(TestNames.CONTROL_ALIAS)));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-30s", "property"));
        for (String variant : variants) {
            header.append(String.format(Locale.ROOT, " %-16s", variant));
        }
        out.println();
        out.println(header);
        for (Map.Entry<String, Map<String, TestVerdict>> e : byProperty.entrySet()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-30s", e.getKey()));
            for (String variant : variants) {
                TestVerdict v = e.getValue().get(variant);
                String cell = v == null ? "-" : v.verdict() + (v.control() ? "/" + controlCheck(v) : "");
                row.append(String.format(Locale.ROOT, " %-16s", cell));
            }
            out.println(row);
        }
        out.printf(Locale.ROOT, "%nreal variants: %s; broken control: %s; %.1f s%n", counts(false), counts(true), seconds);
        List<String> problems = problems();
        if (problems.isEmpty()) {
            out.println("[stress] OK");
        } else {
            out.println("[stress] FAILED:");
            problems.forEach(p -> out.println("  " + p));
        }
    }

    public void writeJson(Path file) throws IOException {
        StringBuilder j = new StringBuilder();
        j.append("{\n");
        field(j, 1, "tool", "jcstress 0.16").append(",\n");
        field(j, 1, "mode", mode).append(",\n");
        field(j, 1, "tests", tests).append(",\n");
        field(j, 1, "startedAt", started.toString()).append(",\n");
        indent(j, 1).append("\"elapsedSeconds\": ").append(String.format(Locale.ROOT, "%.1f", seconds)).append(",\n");
        indent(j, 1).append("\"ok\": ").append(ok()).append(",\n");
        indent(j, 1).append("\"problems\": ");
        strings(j, problems());
        j.append(",\n");
        indent(j, 1).append("\"controlMustFail\": ");
        strings(j, new java.util.TreeSet<>(mustFail));
        j.append(",\n");
        indent(j, 1).append("\"counts\": {\"real\": ");
        countsJson(j, counts(false));
        j.append(", \"control\": ");
        countsJson(j, counts(true));
        j.append("},\n");
        indent(j, 1).append("\"passes\": [");
        for (int i = 0; i < passes.size(); i++) {
            JcstressLauncher.Pass p = passes.get(i);
            j.append(i == 0 ? "\n" : ",\n");
            indent(j, 2).append("{");
            j.append("\"name\": ").append(quote(p.name()));
            j.append(", \"exitCode\": ").append(p.exitCode());
            j.append(", \"elapsedSeconds\": ").append(String.format(Locale.ROOT, "%.1f", p.seconds()));
            j.append(", \"resultBlob\": ").append(p.blob().map(b -> quote(b.toString())).orElse("null"));
            j.append(", \"jcstressArgs\": ");
            strings(j, p.args());
            j.append("}");
        }
        j.append("\n");
        indent(j, 1).append("],\n");
        indent(j, 1).append("\"results\": [");
        for (int i = 0; i < verdicts.size(); i++) {
            TestVerdict v = verdicts.get(i);
            j.append(i == 0 ? "\n" : ",\n");
            indent(j, 2).append("{\n");
            field(j, 3, "test", v.test()).append(",\n");
            field(j, 3, "property", v.property()).append(",\n");
            field(j, 3, "component", v.component()).append(",\n");
            field(j, 3, "variant", v.variant()).append(",\n");
            indent(j, 3).append("\"control\": ").append(v.control()).append(",\n");
            field(j, 3, "description", v.description()).append(",\n");
            indent(j, 3).append("\"samples\": ").append(v.samples()).append(",\n");
            field(j, 3, "verdict", v.verdict().name()).append(",\n");
            if (v.control()) {
                field(j, 3, "controlCheck", controlCheck(v).name()).append(",\n");
            }
            field(j, 3, "status", v.status()).append(",\n");
            indent(j, 3).append("\"outcomes\": [");
            for (int k = 0; k < v.outcomes().size(); k++) {
                OutcomeCount o = v.outcomes().get(k);
                j.append(k == 0 ? "\n" : ",\n");
                indent(j, 4).append("{\"id\": ").append(quote(o.id()))
                        .append(", \"expect\": ").append(quote(o.expect()))
                        .append(", \"count\": ").append(o.count())
                        .append(", \"description\": ").append(quote(o.description())).append("}");
            }
            if (!v.outcomes().isEmpty()) {
                indent(j.append("\n"), 3);
            }
            j.append("],\n");
            indent(j, 3).append("\"messages\": ");
            strings(j, v.messages());
            j.append("\n");
            indent(j, 2).append("}");
        }
        j.append("\n");
        indent(j, 1).append("]\n");
        j.append("}\n");
        Files.writeString(file, j, StandardCharsets.UTF_8);
    }

    public void writeJUnit(Path file) throws IOException {
        int failures = 0;
        int errors = 0;
        StringBuilder cases = new StringBuilder();
        for (TestVerdict v : verdicts) {
            cases.append("  <testcase classname=\"").append(xml("jcstress." + v.component() + "." + v.property()))
                    .append("\" name=\"").append(xml(v.variant()))
                    .append("\" time=\"0\">\n"); // jcstress does not time single tests
            String body = outcomeText(v);
            if (!v.control()) {
                switch (v.verdict()) {
                    case PASS -> { }
                    case FAIL -> {
                        failures++;
                        element(cases, "failure", "forbidden outcome observed", "FAIL", body);
                    }
                    case NOT_RUN -> {
                        failures++;
                        element(cases, "failure", "selected but not run", "NOT_RUN", body);
                    }
                    case ERROR -> {
                        errors++;
                        element(cases, "error", "jcstress status " + v.status(), "ERROR", body);
                    }
                }
            } else if (v.verdict() == Verdict.ERROR || v.verdict() == Verdict.NOT_RUN) {
                errors++;
                element(cases, "error", "broken control " + v.verdict(), v.verdict().name(), body);
            } else if (controlCheck(v) == ControlCheck.NOT_CAUGHT) {
                failures++;
                element(cases, "failure", "broken control not caught", "NOT_CAUGHT", body);
            }
            cases.append("    <system-out>").append(xml("verdict " + v.verdict()
                    + (v.control() ? " (control: " + controlCheck(v) + ")" : "") + "\n" + body)).append("</system-out>\n");
            cases.append("  </testcase>\n");
        }
        String doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuite name=\"jcstress\" tests=\"" + verdicts.size() + "\" failures=\"" + failures
                + "\" errors=\"" + errors + "\" skipped=\"0\" time=\"" + String.format(Locale.ROOT, "%.1f", seconds)
                + "\" timestamp=\"" + started + "\">\n" + cases + "</testsuite>\n";
        Files.writeString(file, doc, StandardCharsets.UTF_8);
    }

    private static String outcomeText(TestVerdict v) {
        StringBuilder b = new StringBuilder(v.description()).append('\n');
        b.append(v.samples()).append(" samples\n");
        for (OutcomeCount o : v.outcomes()) {
            b.append(String.format(Locale.ROOT, "%14d  %-22s %-12s %s%n", o.count(), o.id(), o.expect(), o.description()));
        }
        for (String m : v.messages()) {
            b.append(m).append('\n');
        }
        return b.toString();
    }

    private static void element(StringBuilder b, String tag, String message, String type, String body) {
        b.append("    <").append(tag).append(" message=\"").append(xml(message)).append("\" type=\"").append(xml(type))
                .append("\">").append(xml(body)).append("</").append(tag).append(">\n");
    }

    private static void countsJson(StringBuilder j, Map<Verdict, Integer> m) {
        j.append("{");
        boolean first = true;
        for (Map.Entry<Verdict, Integer> e : m.entrySet()) {
            j.append(first ? "" : ", ").append(quote(e.getKey().name())).append(": ").append(e.getValue());
            first = false;
        }
        j.append("}");
    }

    private static StringBuilder field(StringBuilder j, int depth, String name, String value) {
        return indent(j, depth).append(quote(name)).append(": ").append(quote(value));
    }

    private static StringBuilder indent(StringBuilder j, int depth) {
        return j.append("  ".repeat(depth));
    }

    private static void strings(StringBuilder j, Collection<String> values) {
        j.append("[");
        boolean first = true;
        for (String s : values) {
            j.append(first ? "" : ", ").append(quote(s));
            first = false;
        }
        j.append("]");
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static String xml(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append('?'); // not representable in XML 1.0
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
