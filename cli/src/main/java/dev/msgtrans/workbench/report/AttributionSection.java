package dev.msgtrans.workbench.report;

import dev.msgtrans.core.spi.Composition;
import dev.msgtrans.core.spi.Phase;
import dev.msgtrans.workbench.results.BenchmarkResult;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.stats.Decision;
import dev.msgtrans.workbench.stats.Interval;
import dev.msgtrans.workbench.verdict.Verdicts;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end-to-end page's attribution: which swap of the migration costs or gains what. Per load (protocol, window,
 * threads, JDK), each migration step against the composition it starts from: {@code phase1} against
 * {@code baseline}, {@code phase2} against {@code phase1}, {@code phase3} against {@code phase2}, and every
 * composition that differs from {@code phase2} in exactly one phase (an explicit spec such as
 * {@code sessions=lockfree;actors=lockfree;pools=lockfree;requests=mutex;outbound=mutex}, the {@code attribution}
 * matrix) against {@code phase2}, so that the three swaps of phase 3 are measured one at a time. A run that measures
 * the client's connection reuse order ({@code reuse}, the {@code reuse-order} matrix) gets these steps per order,
 * and per composition the step LIFO against FIFO reuse. All steps of the page are decided as one family. Not
 * thread-safe.
 */
final class AttributionSection {

    static final String BENCHMARK = "dev.msgtrans.harness.e2e.EchoThroughputBenchmark.roundTrip";

    private final RunResults run;
    private final RunFacts facts;
    private final boolean multiJdk;

    AttributionSection(RunResults run, RunFacts facts, boolean multiJdk) {
        this.run = run;
        this.facts = facts;
        this.multiJdk = multiJdk;
    }

    /** One step: {@code to} against {@code from}, named. */
    record Step(String name, BenchmarkResult from, BenchmarkResult to, String load) {
    }

    void write(Markdown md) {
        List<Step> steps = steps(run.select(r -> r.benchmark().equals(BENCHMARK)));
        md.h(2, "Attribution: what each swap costs or gains");
        if (steps.isEmpty()) {
            md.p("Not measured: this run has no two compositions one migration step apart (`workbench run --matrix"
                    + " attribution` measures baseline, phase1, phase2, phase2 with each phase-3 swap alone, and"
                    + " phase3).");
            return;
        }
        List<Verdicts.Question> family = new ArrayList<>();
        steps.forEach(s -> family.add(new Verdicts.Question(s.from(), s.to())));
        List<Verdicts.Finding> found = ReportWriter.VERDICTS.decide(family);
        md.p("Each row is one swap: the composition after it against the one before it, at the same load, from the"
                + " forks of this run (interleaved in rounds). Speed above 1: the swap made it faster. Method: "
                + ReportWriter.VERDICTS.describe(family.size()) + ". The phase-3 rows that change one phase alone"
                + " on top of phase2 need not multiply to the phase3 row: swaps can interact.");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            Verdicts.Finding f = found.get(i);
            Interval speed = f.speed();
            rows.add(List.of(s.load(), s.name(), speed.format(2), f.baseline().means().length + " / "
                    + f.candidate().means().length, verdict(f.decision())));
        }
        md.table(List.of("load", "swap", "speed (after / before)", "steady forks (before / after)", "verdict"), rows);
    }

    private static String verdict(Decision d) {
        return switch (d.outcome()) {
            case FASTER -> "faster";
            case SLOWER -> "slower";
            case EQUIVALENT -> "equivalent within ±" + Math.round(d.margin() * 100) + "%";
            case INCONCLUSIVE -> "inconclusive: " + d.reason();
        };
    }

    /** The steps present in these results, grouped by load, in migration order. */
    List<Step> steps(List<BenchmarkResult> results) {
        Map<String, Map<String, BenchmarkResult>> byLoad = new TreeMap<>();
        // per load without the reuse order: composition -> reuse order -> result
        Map<String, Map<String, Map<String, BenchmarkResult>>> byReuse = new TreeMap<>();
        for (BenchmarkResult r : results) {
            String load = String.format(Locale.ROOT, "%s, window %s, %s threads", r.param("protocol"),
                    r.param("window"), r.threadsLabel()) + (multiJdk ? ", " + facts.jdkOf(r) : "");
            String reuse = r.param("reuse"); // absent in runs made before the order was a parameter: FIFO then
            byLoad.computeIfAbsent(reuse == null ? load : load + ", " + reuse + " reuse",
                    k -> new LinkedHashMap<>()).put(r.param("variant"), r);
            if (reuse != null) {
                byReuse.computeIfAbsent(load, k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.param("variant"), k -> new TreeMap<>()).put(reuse, r);
            }
        }
        List<Step> steps = new ArrayList<>();
        for (Map.Entry<String, Map<String, BenchmarkResult>> e : byLoad.entrySet()) {
            Map<String, BenchmarkResult> v = e.getValue();
            add(steps, e.getKey(), "phase 1 (sessions): phase1 / baseline", v.get("baseline"), v.get("phase1"));
            add(steps, e.getKey(), "phase 2 (actors, events): phase2 / phase1", v.get("phase1"), v.get("phase2"));
            BenchmarkResult phase2 = v.get("phase2");
            for (Map.Entry<String, BenchmarkResult> c : v.entrySet()) {
                Phase swapped = swappedFromPhase2(c.getKey());
                if (swapped != null) {
                    add(steps, e.getKey(), "phase " + swapped.number() + " (" + swapped.key() + ") alone: phase2 + "
                            + swapped.key() + " / phase2", phase2, c.getValue());
                }
            }
            add(steps, e.getKey(), "phase 3 (all three): phase3 / phase2", phase2, v.get("phase3"));
            add(steps, e.getKey(), "whole migration: phase3 / baseline", v.get("baseline"), v.get("phase3"));
        }
        for (Map.Entry<String, Map<String, Map<String, BenchmarkResult>>> e : byReuse.entrySet()) {
            for (Map.Entry<String, Map<String, BenchmarkResult>> c : e.getValue().entrySet()) {
                add(steps, e.getKey(), "connection reuse: LIFO / FIFO (" + c.getKey() + ")", c.getValue().get("FIFO"),
                        c.getValue().get("LIFO"));
            }
        }
        return steps;
    }

    private static void add(List<Step> steps, String load, String name, BenchmarkResult from, BenchmarkResult to) {
        if (from != null && to != null) {
            steps.add(new Step(name, from, to, load));
        }
    }

    /**
     * The one phase in which an explicit spec differs from {@code phase2}, or null when it is not a spec or differs
     * in none or several. JMH params write a spec's parts with {@code ;} (commas split {@code -p} values).
     */
    static Phase swappedFromPhase2(String variant) {
        if (variant == null || !variant.contains("=")) {
            return null;
        }
        Map<Phase, String> phase2 = parse(Composition.PRESETS.get("phase2"));
        Map<Phase, String> spec = parse(variant.replace(';', ','));
        if (spec == null) {
            return null;
        }
        Phase differs = null;
        for (Phase p : Phase.values()) {
            if (!phase2.get(p).equals(spec.get(p))) {
                if (differs != null) {
                    return null;
                }
                differs = p;
            }
        }
        return differs;
    }

    /** A spec's variant per phase, phases left out taking {@code mutex} as {@link Composition} does; null if bad. */
    private static Map<Phase, String> parse(String spec) {
        Map<Phase, String> m = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            m.put(p, "mutex");
        }
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                return null;
            }
            try {
                m.put(Phase.fromKey(kv[0].trim()), kv[1].trim());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return m;
    }
}
