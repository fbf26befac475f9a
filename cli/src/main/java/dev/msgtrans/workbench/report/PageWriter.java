package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.results.BenchmarkResult;
import dev.msgtrans.workbench.results.Metric;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.stats.Interval;
import dev.msgtrans.workbench.verdict.Replicates;
import dev.msgtrans.workbench.verdict.Verdicts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes one phase, shoot-out or end-to-end page: recommendation, correctness, then per section the charts (value
 * against threads, speed-up over the baseline, allocation per operation, the Netty ratio end to end) and a table
 * of every point. Not thread-safe.
 */
final class PageWriter {

    private final ReportPage page;
    private final RunFacts facts;
    private final RunResults run;
    private final ChartRenderer charts;
    private final boolean multiJdk;
    private final RunResults previous;

    PageWriter(ReportPage page, RunFacts facts, RunResults run, ChartRenderer charts, boolean multiJdk,
               RunResults previous) {
        this.previous = previous;
        this.page = page;
        this.facts = facts;
        this.run = run;
        this.charts = charts;
        this.multiJdk = multiJdk;
    }

    /** Writes the page; returns its one-line verdict for the index. */
    String write(Markdown md, List<Section> sections) {
        md.h(1, page.title());
        facts.header(md);
        List<BenchmarkResult> all = new ArrayList<>();
        sections.forEach(s -> s.configs().forEach(c -> c.points().forEach(p -> all.add(p.result()))));
        String over = facts.oversubscriptionWarning(all);
        if (over != null) {
            md.quote(over);
        }
        Correctness correctness = new Correctness(run.stress().orElse(null), page.components(), facts.paths());
        String verdict;
        if (all.isEmpty()) {
            verdict = "Not measured in this run.";
            md.h(2, "Recommendation");
            md.p("**Not measured:** this run has no result for this page's benchmarks (" + families(sections)
                    + "). Run a matrix that includes them, e.g. `--matrix " + (page == ReportPage.SHOOTOUT ? "shootout"
                    : page == ReportPage.END_TO_END ? "e2e" : "phases") + "`.");
        } else if (page == ReportPage.SHOOTOUT) {
            verdict = shootoutSummary(md, sections);
        } else {
            Recommendation rec = recommendation(sections, correctness);
            rec.write(md);
            verdict = rec.verdict();
        }
        if (!page.components().isEmpty()) {
            correctness.write(md);
        }
        for (Section s : sections) {
            section(md, s);
        }
        if (page == ReportPage.END_TO_END) {
            new AttributionSection(run, facts, multiJdk).write(md);
            new LatencySection(run, facts, charts, multiJdk).write(md);
        }
        md.p("Machine details: [environment](README.md#environment).");
        return verdict;
    }

    private static String families(List<Section> sections) {
        List<String> names = new ArrayList<>();
        sections.forEach(s -> s.families().forEach(f -> names.add(f.benchmark().substring(
                f.benchmark().lastIndexOf('.', f.benchmark().length() - 2) + 1))));
        return String.join(", ", names);
    }

    // ---- recommendation ----

    private Recommendation recommendation(List<Section> sections, Correctness correctness) {
        String candidate = page.candidate();
        String baseline = page.baseline();
        List<String> whats = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        List<Verdicts.Question> family = new ArrayList<>();
        String jdk = null;
        for (Section s : sections) {
            for (Section.Config c : s.configs()) {
                List<String> series = c.series();
                if (!series.contains(candidate) || !series.contains(baseline)) {
                    continue;
                }
                int t = decisionThreads(c);
                Section.Point cand = c.point(candidate, t);
                Section.Point base = c.point(baseline, t);
                if (cand == null || base == null) {
                    continue;
                }
                jdk = facts.jdkOf(cand.result());
                whats.add(s.title().toLowerCase(Locale.ROOT) + (c.label().isEmpty() ? "" : " (" + c.label() + ")"));
                threads.add(cand.threadsLabel());
                family.add(new Verdicts.Question(base.result(), cand.result()));
            }
        }
        List<Verdicts.Finding> decided = ReportWriter.VERDICTS.decide(family);
        List<Verdicts.Finding> before = previousFindings(family);
        String other = previous == null ? null : previousMachine();
        List<Recommendation.Finding> findings = new ArrayList<>();
        for (int i = 0; i < decided.size(); i++) {
            findings.add(new Recommendation.Finding(whats.get(i), threads.get(i), decided.get(i),
                    before == null ? null : before.get(i), other));
        }
        String prefix = "On " + (facts.cores() > 0 ? facts.cores() + " cores" : "an unknown core count") + ", JDK "
                + (jdk == null ? "?" : jdk) + ", ";
        String pre = String.format(Locale.ROOT, "%s logical cores (%s); %s; profile %s (%s). Each finding is taken at"
                        + " the largest thread count that does not exceed the cores. Method: %s; %s.",
                facts.cores() > 0 ? Integer.toString(facts.cores()) : "unknown", facts.machine(), facts.jdks(),
                facts.profile(), facts.settings(), ReportWriter.METHOD,
                ReportWriter.VERDICTS.describe(family.size()));
        return Recommendation.of(candidate, baseline, findings, prefix, correctness, pre);
    }

    /**
     * The same questions decided in the previous run, one per question (null where it lacks a side), or null
     * without a previous run.
     */
    private List<Verdicts.Finding> previousFindings(List<Verdicts.Question> family) {
        if (previous == null) {
            return null;
        }
        java.util.Map<dev.msgtrans.workbench.results.BenchmarkResult.PointKey, BenchmarkResult> byKey =
                new java.util.HashMap<>();
        previous.benchmarks().forEach(r -> byKey.putIfAbsent(r.key(), r));
        List<Verdicts.Question> asked = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        for (int i = 0; i < family.size(); i++) {
            BenchmarkResult b = byKey.get(family.get(i).baseline().key());
            BenchmarkResult c = byKey.get(family.get(i).candidate().key());
            if (b != null && c != null) {
                asked.add(new Verdicts.Question(b, c));
                where.add(i);
            }
        }
        List<Verdicts.Finding> decided = ReportWriter.VERDICTS.decide(asked);
        List<Verdicts.Finding> out = new ArrayList<>(java.util.Collections.nCopies(family.size(), null));
        for (int k = 0; k < where.size(); k++) {
            out.set(where.get(k), decided.get(k));
        }
        return out;
    }

    /** How the previous run's machine is named in a finding, e.g. {@code the previous run (Intel Xeon, 2 cores)}. */
    private String previousMachine() {
        return previous.environment().filter(e -> e.host() != null)
                .map(e -> "the previous run (" + e.host().cpuModel() + ", " + e.host().logicalCores() + " cores)")
                .orElse("the previous run");
    }

    /** The largest measured thread count not above the cores (else the smallest). */
    private int decisionThreads(Section.Config c) {
        SortedMap<Integer, String> threads = c.threads();
        int cores = facts.cores() > 0 ? facts.cores() : Integer.MAX_VALUE;
        int best = -1;
        for (int t : threads.keySet()) {
            if (t <= cores) {
                best = t;
            }
        }
        return best > 0 ? best : threads.firstKey();
    }

    private String shootoutSummary(Markdown md, List<Section> sections) {
        md.h(2, "Summary");
        List<String> heads = new ArrayList<>();
        List<Section.Point[]> pairs = new ArrayList<>();
        List<Verdicts.Question> family = new ArrayList<>();
        for (Section s : sections) {
            for (Section.Config c : s.configs()) {
                for (Map.Entry<Integer, String> t : c.threads().entrySet()) {
                    List<Section.Point> ps = new ArrayList<>(c.points().stream()
                            .filter(p -> p.threads() == t.getKey()).toList());
                    if (ps.size() < 2) {
                        continue;
                    }
                    ps.sort((a, b) -> Double.compare(b.value().score(), a.value().score()));
                    heads.add(String.format(Locale.ROOT, "%s%s, threads %s", s.title(),
                            c.label().isEmpty() ? "" : " (" + c.label() + ")", t.getValue()));
                    pairs.add(new Section.Point[] {ps.get(0), ps.get(1)});
                    family.add(new Verdicts.Question(ps.get(1).result(), ps.get(0).result()));
                }
            }
        }
        List<Verdicts.Finding> decided = ReportWriter.VERDICTS.decide(family);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < decided.size(); i++) {
            Section.Point best = pairs.get(i)[0];
            Section.Point second = pairs.get(i)[1];
            Interval lead = decided.get(i).speed();
            String ci = lead.hasBounds() ? String.format(Locale.ROOT, "%s CI [%.2f, %.2f]", lead.percent(),
                    lead.lower(), lead.upper()) : "no interval";
            String sig = switch (decided.get(i).decision().outcome()) {
                case FASTER -> String.format(Locale.ROOT, "ahead of %s by %.2fx (%s)", second.series(),
                        lead.estimate(), ci);
                case EQUIVALENT -> String.format(Locale.ROOT, "equivalent to %s (%.2fx, %s)", second.series(),
                        lead.estimate(), ci);
                default -> String.format(Locale.ROOT, "not shown to lead %s (%.2fx, %s; %s)", second.series(),
                        lead.estimate(), ci, decided.get(i).decision().reason());
            };
            lines.add(String.format(Locale.ROOT, "%s: fastest %s at %s, %s.", heads.get(i), best.series(),
                    ReadableScale.format(best.value().score(), best.family().noun() + "/s"), sig));
        }
        lines.forEach(md::bullet);
        md.blank();
        md.p("Ranked by messages that reached consumers (`received`); the leader is tested against the runner-up, all"
                + " rows as one family: " + ReportWriter.VERDICTS.describe(family.size()) + ". On a machine with"
                + " fewer cores than producer plus consumer threads the sides take turns on the CPU: such rows"
                + " measure time slices more than the structure.");
        return lines.isEmpty() ? "Not enough points to rank." : lines.get(0);
    }

    // ---- sections ----

    private void section(Markdown md, Section s) {
        md.h(2, s.title());
        if (s.isEmpty()) {
            md.p("Not measured in this run.");
            return;
        }
        md.p(s.families().get(0).about() + (s.families().size() > 1 ? " " + s.families().get(1).about() : ""));
        if (!s.fixed().isEmpty()) {
            md.p("Fixed parameters: " + ReportWriter.fixedParams(s.fixed()) + ".");
        }
        String unit = s.noun() + "/s";
        String base = page.baseline();
        boolean singleThreadCount = s.configs().stream().allMatch(c -> c.threads().size() == 1);
        String stem = page.stem() + "-" + ReportWriter.slug(s.title());
        if (singleThreadCount || page == ReportPage.SHOOTOUT) {
            groupedCharts(md, s, stem, unit);
        } else {
            for (Section.Config c : s.configs()) {
                if (s.configs().size() > 1) {
                    md.h(3, c.label().isEmpty() ? "all" : c.label());
                }
                threadCharts(md, s, c, stem + "-" + ReportWriter.slug(c.label()), unit, base);
            }
        }
        table(md, s, unit, base);
        counterTable(md, s);
    }

    /** Per configuration: value vs threads, speed-up vs baseline, B/op. */
    private void threadCharts(Markdown md, Section s, Section.Config c, String name, String unit, String base) {
        String title = s.title() + (c.label().isEmpty() ? "" : " (" + c.label() + ")");
        double max = c.points().stream().mapToDouble(p -> p.value().score()).filter(Double::isFinite).max().orElse(1);
        ReadableScale scale = ReadableScale.forMax(max);
        List<ChartRenderer.Line> lines = new ArrayList<>();
        List<Integer> threadCounts = new ArrayList<>(c.threads().keySet());
        for (String series : c.series()) {
            List<Section.Point> ps = c.points().stream().filter(p -> p.series().equals(series))
                    .sorted((a, b) -> Integer.compare(a.threads(), b.threads())).toList();
            // dodge the series sideways a little so that their error bars do not hide each other
            double dodge = (lines.size() - (c.series().size() - 1) / 2.0) * 0.04;
            lines.add(new ChartRenderer.Line(series, ps.stream().mapToDouble(p -> threadCounts.indexOf(p.threads())
                    + dodge).toArray(),
                    ps.stream().mapToDouble(p -> scale.apply(p.value().score())).toArray(),
                    ps.stream().mapToDouble(p -> scale.apply(p.value().error())).toArray()));
        }
        String roles = s.families().get(0).groupRoles();
        String threadsTitle = (c.threads().values().stream().anyMatch(l -> l.contains(","))
                ? roles != null ? "threads: " + roles : "threads per method of the group, methods in name order"
                : "threads") + overCoresNote(c);
        List<String> xLabels = threadLabels(c);
        String n1 = charts.lineChart(name + "-throughput", title + ": throughput", threadsTitle,
                "throughput (" + scale.unit(unit) + ")", lines, xLabels);
        md.chart(n1, title + " throughput against threads");
        md.p("Throughput against threads (evenly spaced); " + errorBars(n1) + ".");
        if (base != null && c.series().contains(base) && c.series().size() > 1) {
            Map<String, Map<String, Interval>> ratios = new LinkedHashMap<>();
            List<String> cats = threadLabels(c);
            for (String series : c.series()) {
                if (series.equals(base)) {
                    continue;
                }
                Map<String, Interval> byThreads = new LinkedHashMap<>();
                for (Map.Entry<Integer, String> t : c.threads().entrySet()) {
                    Section.Point a = c.point(series, t.getKey());
                    Section.Point b = c.point(base, t.getKey());
                    if (a != null && b != null) {
                        byThreads.put(threadLabel(t.getKey(), t.getValue()), ReportWriter.speed(a.result(), b.result()));
                    }
                }
                ratios.put(series, byThreads);
            }
            String n2 = charts.ratioChart(name + "-speedup", title + ": speed-up over " + base, threadsTitle,
                    "speed-up over " + base + " (x)", cats, ratios);
            md.chart(n2, title + " speed-up over " + base);
            md.p("Speed-up over " + base + "; whiskers: " + ReportWriter.METHOD + notes(n2) + ". Above the dashed"
                    + " line is faster.");
            crossover(md, c, base);
        }
        allocationChart(md, title, name, c.series(), List.of(c), seriesTitle(s), s.families().get(0).groupRoles());
    }

    /**
     * The page's candidate against {@code base} at each thread count of the configuration, decided as one family,
     * and where the winner changes.
     */
    private void crossover(Markdown md, Section.Config c, String base) {
        String cand = page.candidate();
        if (cand == null || cand.equals(base) || !c.series().contains(cand) || c.threads().size() < 2) {
            return;
        }
        List<String> labels = new ArrayList<>();
        List<Verdicts.Question> questions = new ArrayList<>();
        for (Map.Entry<Integer, String> t : c.threads().entrySet()) {
            Section.Point a = c.point(cand, t.getKey());
            Section.Point b = c.point(base, t.getKey());
            if (a != null && b != null) {
                labels.add(threadLabel(t.getKey(), t.getValue()));
                questions.add(new Verdicts.Question(b.result(), a.result()));
            }
        }
        if (questions.size() < 2) {
            return;
        }
        List<Verdicts.Finding> decided = ReportWriter.VERDICTS.decide(questions);
        List<Crossover.Step> steps = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            steps.add(new Crossover.Step(labels.get(i), decided.get(i)));
        }
        md.p(new Crossover(steps).sentence(cand, base) + " (The thread counts of this chart decided as one family,"
                + " by the rule of the findings below" + (facts.cores() > 0 ? "; the machine has " + facts.cores()
                + " cores: counts over them measure oversubscription, not scaling" : "") + ".)");
    }

    /** A thread count's axis label: marked where it exceeds the machine's cores (its figures are oversubscribed). */
    private String threadLabel(int threads, String label) {
        return facts.cores() > 0 && threads > facts.cores() ? label + " (over cores)" : label;
    }

    private List<String> threadLabels(Section.Config c) {
        List<String> out = new ArrayList<>();
        c.threads().forEach((threads, label) -> out.add(threadLabel(threads, label)));
        return out;
    }

    /** Said in the axis title when some thread counts exceed the cores. */
    private String overCoresNote(Section.Config c) {
        return facts.cores() > 0 && c.threads().keySet().stream().anyMatch(t -> t > facts.cores())
                ? " (" + facts.cores() + " cores on this machine)" : "";
    }

    /** One chart for the whole section: categories are the series, bars the configurations (and thread counts). */
    private void groupedCharts(Markdown md, Section s, String name, String unit) {
        List<String> categories = Section.sortSeries(new java.util.LinkedHashSet<>(s.configs().stream()
                .flatMap(c -> c.series().stream()).toList()));
        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, double[]> errors = new LinkedHashMap<>();
        double max = s.configs().stream().flatMap(c -> c.points().stream()).mapToDouble(p -> p.value().score())
                .filter(Double::isFinite).max().orElse(1);
        ReadableScale scale = ReadableScale.forMax(max);
        for (Section.Config c : s.configs()) {
            for (Map.Entry<Integer, String> t : c.threads().entrySet()) {
                String bar = barName(c.label(), t.getKey(), t.getValue(), s.configs().size(), c.threads().size() > 1
                        || page == ReportPage.SHOOTOUT, s.families().get(0).groupRoles());
                double[] v = new double[categories.size()];
                double[] e = new double[categories.size()];
                for (int i = 0; i < categories.size(); i++) {
                    Section.Point p = c.point(categories.get(i), t.getKey());
                    v[i] = p == null ? Double.NaN : scale.apply(p.value().score());
                    e[i] = p == null ? Double.NaN : scale.apply(p.value().error());
                }
                values.put(bar, v);
                errors.put(bar, e);
            }
        }
        String n1 = charts.barChart(name + "-throughput", s.title() + ": throughput",
                seriesTitle(s), "throughput (" + scale.unit(unit) + ")",
                categories, values, errors);
        md.chart(n1, s.title() + " throughput");
        md.p(capitalise(errorBars(n1)) + (page == ReportPage.SHOOTOUT
                ? "; bars per thread group (consumers,producers in JMH's order: the group's methods sorted"
                + " alphabetically, consume before produce)." : "."));
        String base = page.baseline();
        if (page == ReportPage.END_TO_END) {
            ratioCharts(md, s, name, categories, base, "speed-up over the " + base + " preset",
                    "speed-up over " + base + " (x)", "speedup");
            ratioCharts(md, s, name, categories, "netty", "ratio to Netty (ours / Netty)", "ours / Netty (x)",
                    "netty-ratio");
        }
        allocationChart(md, s.title(), name, categories, s.configs(), seriesTitle(s),
                s.families().get(0).groupRoles());
    }

    /**
     * The caption's account of a throughput chart's error bars: what they are (the merged result's error, a t
     * interval over the fork means) and every cut or missing bar, so that a short bar is never mistaken for a quiet
     * point.
     */
    private String errorBars(String chart) {
        return "error bars: the 99.9% t interval over the fork means (each fork a separate JVM), drawn whole"
                + notes(chart);
    }

    /** The renderer's notes on a chart's bars or whiskers, as a clause to append; empty when there are none. */
    private String notes(String chart) {
        List<String> notes = charts.errorBarNotes(chart);
        return notes.isEmpty() ? "" : "; " + String.join("; ", notes);
    }

    /** What the series of a section are: variants, implementations or methods. */
    private static String seriesTitle(Section s) {
        BenchmarkFamily f = s.families().get(0);
        if ("impl".equals(f.variantParam())) {
            return "implementation";
        }
        return f.variantParam() == null && f.fixedSeries() == null ? "method" : "variant";
    }

    /** @param roles what the numbers of a thread group count ({@link BenchmarkFamily#groupRoles()}), or null */
    private String barName(String config, int threadCount, String threads, int configs, boolean showThreads,
                           String roles) {
        String t = !showThreads ? "" : (threads.contains(",") ? groupWords(threads, roles)
                : threads + (threads.equals("1") ? " thread" : " threads"))
                + (facts.cores() > 0 && threadCount > facts.cores() ? " (over cores)" : "");
        if (configs <= 1 || config.isEmpty()) {
            return t.isEmpty() ? "all" : t;
        }
        return t.isEmpty() ? config : config + ", " + t;
    }

    /** "2,1" with roles "consumers, producers" reads "2 consumers, 1 producer"; without roles, "group 2,1". */
    static String groupWords(String threads, String roles) {
        String[] counts = threads.split(",");
        String[] names = roles == null ? new String[0] : roles.split(",\\s*");
        if (names.length != counts.length) {
            return "group " + threads;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            String name = names[i];
            boolean one = counts[i].trim().equals("1");
            if (one && name.endsWith("s")) {
                name = name.substring(0, name.length() - 1);
            } else if (!one && !name.endsWith("s")) {
                name = name + "s";
            }
            b.append(i == 0 ? "" : ", ").append(counts[i].trim()).append(' ').append(name);
        }
        return b.toString();
    }

    private void ratioCharts(Markdown md, Section s, String name, List<String> categories, String reference,
                             String what, String yTitle, String suffix) {
        Map<String, Map<String, Interval>> ratios = new LinkedHashMap<>();
        Map<String, String> threadsOf = new LinkedHashMap<>();
        Map<String, Verdicts.Question> candidateVsReference = new LinkedHashMap<>();
        String cand = page.candidate();
        List<String> cats = categories.stream().filter(x -> !x.equals(reference) && !x.equals("netty")).toList();
        for (Section.Config c : s.configs()) {
            for (Map.Entry<Integer, String> t : c.threads().entrySet()) {
                Map<String, Interval> m = new LinkedHashMap<>();
                Section.Point ref = c.point(reference, t.getKey());
                if (ref == null) {
                    continue;
                }
                for (String cat : cats) {
                    Section.Point p = c.point(cat, t.getKey());
                    if (p != null) {
                        m.put(cat, ReportWriter.speed(p.result(), ref.result()));
                    }
                }
                if (!m.isEmpty()) {
                    String key = barName(c.label(), t.getKey(), t.getValue(), s.configs().size(),
                            c.threads().size() > 1, s.families().get(0).groupRoles());
                    ratios.put(key, m);
                    threadsOf.put(key, t.getValue());
                    Section.Point p = c.point(cand, t.getKey());
                    if (p != null) {
                        candidateVsReference.put(key, new Verdicts.Question(ref.result(), p.result()));
                    }
                }
            }
        }
        if (ratios.isEmpty()) {
            md.p(capitalise(what) + ": not measured (no " + reference + " point in this run).");
            return;
        }
        String n = charts.ratioChart(name + "-" + suffix, s.title() + ": " + what, "variant", yTitle, cats, ratios);
        md.chart(n, s.title() + " " + what);
        md.p(capitalise(what) + ", per configuration; whiskers: " + ReportWriter.METHOD + notes(n) + ". Above the"
                + " dashed line:"
                + " more round trips per second than " + reference + ".");
        // the generated sentences for the candidate, decided as one family
        List<String> keys = new ArrayList<>(candidateVsReference.keySet());
        List<Verdicts.Finding> decided = ReportWriter.VERDICTS.decide(new ArrayList<>(candidateVsReference.values()));
        for (int i = 0; i < keys.size(); i++) {
            md.bullet(new Recommendation.Finding("(" + keys.get(i) + ")", threadsOf.get(keys.get(i)), decided.get(i))
                    .sentence("", cand, reference));
        }
        md.blank();
    }

    private void allocationChart(Markdown md, String title, String name, List<String> categories,
                                 List<Section.Config> configs, String xTitle, String roles) {
        Map<String, double[]> values = new LinkedHashMap<>();
        boolean any = false;
        for (Section.Config c : configs) {
            for (Map.Entry<Integer, String> t : c.threads().entrySet()) {
                double[] v = new double[categories.size()];
                for (int i = 0; i < categories.size(); i++) {
                    Section.Point p = c.point(categories.get(i), t.getKey());
                    v[i] = p == null || p.alloc() == null ? Double.NaN : p.alloc().score();
                    any |= Double.isFinite(v[i]);
                }
                values.put(barName(c.label(), t.getKey(), t.getValue(), configs.size(), c.threads().size() > 1
                        || page == ReportPage.SHOOTOUT, roles), v);
            }
        }
        if (!any) {
            md.p("Allocation per operation: not measured (the run did not use `-prof gc`).");
            return;
        }
        String n = charts.barChart(name + "-alloc", title + ": allocation per operation", xTitle,
                "allocated (B/op)", categories, values, Map.of());
        md.chart(n, title + " allocation per operation");
        md.p("Bytes allocated per benchmark operation (`gc.alloc.rate.norm` from `-prof gc`); for group benchmarks"
                + " the operation is one call of either side.");
    }

    // ---- table ----

    /**
     * The benchmark's own counters ({@code @AuxCounters}, and a group's per-method rates) per point, as rates, and
     * the share of operations refused or dropped where the benchmark counts both outcomes: a throughput is only
     * worth what it delivered (an event bus that drops 92% of what it is offered is fast at dropping).
     */
    private void counterTable(Markdown md, Section s) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (Section.Config c : s.configs()) {
            for (Section.Point p : c.points()) {
                p.result().secondary().forEach((name, m) -> {
                    if (!name.contains(".") && m.hasScore()) {
                        names.add(name); // profiler metrics are dotted (gc.alloc.rate, cpu.time.norm)
                    }
                });
            }
        }
        if (names.isEmpty()) {
            return;
        }
        String[][] outcomes = {{"buffered", "dropped"}, {"offered", "offerFailed"}, {"accepted", "mailboxFull"},
                {"accepted", "refused"}};
        List<String[]> shares = new ArrayList<>();
        for (String[] o : outcomes) {
            if (names.contains(o[0]) && names.contains(o[1])) {
                shares.add(o);
            }
        }
        List<String> header = new ArrayList<>(List.of("configuration", "variant", "threads"));
        names.forEach(n -> header.add(n + " (/s)"));
        shares.forEach(o -> header.add(o[1] + " share"));
        List<List<String>> rows = new ArrayList<>();
        forEachPoint(s, (c, series, p) -> {
            List<String> row = new ArrayList<>(List.of(c.label().isEmpty() ? "-" : c.label(), series,
                    threadLabel(p.threads(), p.threadsLabel())));
            for (String n : names) {
                row.add(p.result().secondary(n).filter(m -> m.hasScore())
                        .map(m -> ReadableScale.format(m.score(), "").trim()).orElse(""));
            }
            for (String[] o : shares) {
                double ok = p.result().secondary(o[0]).map(m -> m.score()).orElse(Double.NaN);
                double failed = p.result().secondary(o[1]).map(m -> m.score()).orElse(Double.NaN);
                row.add(Double.isFinite(ok) && Double.isFinite(failed) && ok + failed > 0
                        ? String.format(java.util.Locale.ROOT, "%.1f%%", 100 * failed / (ok + failed)) : "");
            }
            rows.add(row);
        });
        md.p("The benchmark's counters, per second (means over the forks, as JMH reports them)"
                + (shares.isEmpty() ? "" : "; each share is the part of the operations that failed: "
                + String.join(", ", shares.stream().map(o -> o[1] + " / (" + o[0] + " + " + o[1] + ")").toList())
                + ". Read a throughput beside it: a fast variant that drops most of what it is offered is fast at"
                + " dropping") + ".");
        md.table(header, rows);
    }

    /** A point of a section's table, with the configuration and series it belongs to. */
    @FunctionalInterface
    private interface PointVisitor {
        void visit(Section.Config config, String series, Section.Point point);
    }

    /** Every measured point of a section, in table order: configuration, series, thread count. */
    private static void forEachPoint(Section s, PointVisitor visitor) {
        for (Section.Config c : s.configs()) {
            for (String series : c.series()) {
                for (Integer threads : c.threads().keySet()) {
                    Section.Point p = c.point(series, threads);
                    if (p != null) {
                        visitor.visit(c, series, p);
                    }
                }
            }
        }
    }

    private void table(Markdown md, Section s, String unit, String base) {
        List<String> header = new ArrayList<>(List.of("configuration", "variant", "threads", "forks (steady)",
                "throughput", "± 99.9% over forks", "B/op", "CPU ns/op (cores busy)"));
        boolean speedups = base != null && s.configs().stream().anyMatch(c -> c.series().contains(base));
        if (speedups) {
            header.add("vs " + base + " (" + ReportWriter.pct(ReportWriter.CONFIDENCE) + " CI)");
        }
        List<List<String>> rows = new ArrayList<>();
        forEachPoint(s, (c, series, p) -> {
            List<String> row = new ArrayList<>();
            row.add(c.label().isEmpty() ? "-" : c.label());
            row.add(series);
            row.add(threadLabel(p.threads(), p.threadsLabel()));
            row.add(forks(p.result()));
            row.add(ReadableScale.format(p.value().score(), unit));
            row.add(error(p.value(), unit));
            row.add(p.alloc() == null ? "n/a" : ReadableScale.significant(p.alloc().score()));
            row.add(p.result().cpuPerOp().map(cpu -> ReadableScale.significant(cpu.score())
                    + p.result().cpuUtilization().map(u -> String.format(java.util.Locale.ROOT, " (%.1f)",
                    u.score())).orElse("")).orElse("n/a"));
            if (speedups) {
                Section.Point b = c.point(base, p.threads());
                row.add(b == null || series.equals(base) ? "" : speedCell(ReportWriter.speed(p.result(),
                        b.result())));
            }
            rows.add(row);
        });
        md.table(header, rows);
        md.p("CPU ns/op: the fork's process CPU time (every thread, the JIT's and the collector's too) per operation,"
                + " from the harness's `cpu` profiler, and in brackets the cores it kept busy: two variants with the"
                + " same throughput can cost different CPU, and a spinning one shows here; n/a where the run did not"
                + " use it.");
        md.p("Throughput in the section's unit (" + unit + "), JMH's score: the mean over the measured iterations"
                + " of every fork; ± the 99.9% t half-width over the fork means (none with one fork). Forks (steady):"
                + " how many forks ran and how each ended (flat, warmed up, slowed down, or no steady state when it"
                + " was still changing at its end); " + UNSETTLED + ": most forks never settled, so no verdict rests"
                + " on that point" + (multiJdk ? "; configurations name the JDK tag." : "."));
    }

    /** The mark of a point whose forks mostly never settled. */
    static final String UNSETTLED = "**unsettled**";

    /**
     * The forks of a point and how each ended, e.g. {@code 5 (4 flat, 1 warmed up)}: the throughput beside it
     * averages every fork, the verdicts use only the steady ones, and a reader needs to see the difference.
     */
    static String forks(BenchmarkResult r) {
        Replicates reps = Verdicts.replicates(r, false);
        if (reps.total() == 0) {
            return "n/a";
        }
        String cell = reps.total() + " (" + reps.summary() + ")";
        return reps.noSteadyState() ? cell + " " + UNSETTLED : cell;
    }

    /** An error cell: the merged result's half-width over fork means, which one fork cannot have. */
    static String error(Metric m, String unit) {
        if (Double.isFinite(m.error())) {
            return ReadableScale.format(m.error(), unit);
        }
        return m.forks().length < 2 ? "one fork" : "n/a";
    }

    /** A speed-up cell; without bounds it says why rather than the interval's generic wording. */
    private static String speedCell(Interval speed) {
        return speed.hasBounds() ? speed.format(2) : String.format(Locale.ROOT, "%.2f (no interval: fewer than two"
                + " steady forks on a side)", speed.estimate());
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
