package dev.msgtrans.workbench.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.msgtrans.workbench.run.RunLayout;
import dev.msgtrans.workbench.stats.Interval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of {@link RunComparator#compare}: every point's verdict, the environment warnings, and the gate.
 * Immutable.
 *
 * @param base     how the base run is described (directory, profile, machine, JDK, revision)
 * @param current  the same for the new run
 * @param settings the thresholds used
 * @param points   one per point in either run, by verdict (faster, slower, equivalent, inconclusive, added,
 *                 removed)
 * @param warnings differences between the two environments
 * @param family   how many points were decided together under the correction
 * @param paired   true for two builds of one run, interleaved in rounds and paired by round; false for two runs
 */
public record Comparison(String base, String current, CompareSettings settings, List<PointComparison> points,
                         List<String> warnings, int family, boolean paired) {

    public Comparison {
        points = List.copyOf(points);
        warnings = List.copyOf(warnings);
    }

    /** Points whose verdict is {@code v}. */
    public List<PointComparison> with(Verdict v) {
        return points.stream().filter(p -> p.verdict() == v).toList();
    }

    /** The significant slowdowns beyond {@code --fail-above}. */
    public List<PointComparison> gateFailures() {
        return points.stream().filter(PointComparison::gateFailure).toList();
    }

    /** 0 when the gate passes, 1 when a significant regression beyond {@code --fail-above} was found. */
    public int exitCode() {
        return gateFailures().isEmpty() ? 0 : 1;
    }

    /** One line: counts per verdict and the gate. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(points.size()).append(" points: ");
        List<String> parts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            int n = with(v).size();
            if (n > 0) {
                parts.add(n + " " + v.label());
            }
        }
        b.append(String.join(", ", parts)).append(". ");
        int fails = gateFailures().size();
        b.append(fails == 0 ? "Gate passed: no significant slowdown beyond " + pct(settings.failAbove()) + "."
                : "Gate FAILED: " + fails + " significant slowdown" + (fails == 1 ? "" : "s") + " beyond "
                + pct(settings.failAbove()) + ".");
        return b.toString();
    }

    /** A Markdown page. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder("# Benchmark comparison\n\n");
        md.append("- base: ").append(base).append('\n');
        md.append("- new: ").append(current).append('\n');
        md.append("- method: ratio new/base; ").append(settings.verdicts().describe(family)).append(String.format(
                Locale.ROOT, "; %s; the gate fails on a slower point whose slowdown exceeds %s.%n", paired
                        ? "both builds ran interleaved in the same rounds of one run, forks paired by round"
                        : "forks of two separate runs are not paired (a trend, not a controlled experiment: run both"
                        + " builds in one run with --build for a gate)", pct(settings.failAbove())));
        md.append("- better: higher for rates (thrpt, ops/s), lower for times per operation (avgt, sample, ss)."
                + " `speed` is the ratio oriented so that above 1 is better.\n\n");
        for (String w : warnings) {
            md.append("> **Warning:** ").append(w).append("  \n");
        }
        if (!warnings.isEmpty()) {
            md.append('\n');
        }
        md.append("**").append(summary()).append("**\n\n");
        md.append("| verdict | benchmark | params | threads | jdk | metric | base | new | new/base (")
                .append(percentOf(1 - settings.alpha())).append(" CI) | speed change | forks | why |\n");
        md.append("|---|---|---|---|---|---|---:|---:|---|---:|---|---|\n");
        for (PointComparison p : points) {
            String cls = p.key().benchmark().substring(0, p.key().benchmark().lastIndexOf('.'));
            String name = cls.substring(cls.lastIndexOf('.') + 1) + p.key().benchmark().substring(cls.length());
            md.append("| ").append(p.gateFailure() ? "**" + p.verdict().label() + " (gate)**" : p.verdict().label())
                    .append(" | ").append(name)
                    .append(" | ").append(params(p.key().params()))
                    .append(" | ").append(p.key().threads())
                    .append(" | ").append(p.key().jdk())
                    .append(" | ").append(p.metric()).append(" (").append(p.unit()).append(')')
                    .append(" | ").append(num(p.base()))
                    .append(" | ").append(num(p.current()))
                    .append(" | ").append(p.ratio() == null ? "" : ci(p.ratio()))
                    .append(" | ").append(Double.isNaN(p.change()) ? "" : String.format(Locale.ROOT, "%+.1f%%",
                            p.change() * 100))
                    .append(" | ").append(p.reason() == null ? "" : p.forksBase() + "/" + p.forksNew())
                    .append(" | ").append(p.reason() == null ? "" : p.reason().replace("|", "/"))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** A JSON document (for CI tools and notebooks). */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("base", base);
        root.put("new", current);
        root.put("settings", settings);
        root.put("method", settings.verdicts().describe(family));
        root.put("warnings", warnings);
        root.put("summary", summary());
        root.put("paired", paired);
        root.put("gateFailed", exitCode() != 0);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PointComparison p : points) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("benchmark", p.key().benchmark());
            r.put("mode", p.key().mode());
            r.put("params", p.key().params());
            r.put("threads", p.key().threads());
            r.put("jdk", p.key().jdk());
            r.put("metric", p.metric());
            r.put("unit", p.unit());
            r.put("better", p.direction().name());
            r.put("base", finite(p.base()));
            r.put("new", finite(p.current()));
            if (p.ratio() != null) {
                r.put("ratio", interval(p.ratio()));
                r.put("speed", interval(p.speed()));
                r.put("change", finite(p.change()));
            }
            r.put("verdict", p.verdict().name());
            r.put("adjustedP", finite(p.adjustedP()));
            r.put("reason", p.reason());
            r.put("forksBase", p.forksBase());
            r.put("forksNew", p.forksNew());
            r.put("gateFailure", p.gateFailure());
            rows.add(r);
        }
        root.put("points", rows);
        try {
            return RunLayout.JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the comparison", e);
        }
    }

    private static Map<String, Object> interval(Interval i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("estimate", finite(i.estimate()));
        m.put("lower", finite(i.lower()));
        m.put("upper", finite(i.upper()));
        m.put("confidence", i.confidence());
        return m;
    }

    /** JSON has no NaN: null instead. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String ci(Interval i) {
        if (!i.hasBounds()) {
            return String.format(Locale.ROOT, "%.3f (no CI)", i.estimate());
        }
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", i.estimate(), i.lower(), i.upper());
    }

    private static String params(Map<String, String> params) {
        List<String> kv = new ArrayList<>();
        params.forEach((k, v) -> kv.add(k + "=" + v));
        return String.join(", ", kv);
    }

    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        double a = Math.abs(v);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.3g G", v / 1e9);
        } else if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.3g M", v / 1e6);
        } else if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.3g k", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    private static String percentOf(double confidence) {
        return Interval.pointOnly(1, confidence).percent();
    }
}
