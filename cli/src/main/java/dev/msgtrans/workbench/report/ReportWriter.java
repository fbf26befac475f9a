package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.results.BenchmarkResult;
import dev.msgtrans.workbench.results.Direction;
import dev.msgtrans.workbench.results.Metric;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.run.RunLayout;
import dev.msgtrans.workbench.stats.Interval;
import dev.msgtrans.workbench.verdict.Verdicts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes a run's report: {@code OUT/README.md} (the index: findings per phase, environment, failures), one page per
 * {@link ReportPage}, and {@code OUT/charts/*.png|svg}; beside each Markdown page its HTML twin, rendered from the same
 * blocks ({@code OUT/report.html} for the index, see {@link HtmlPage}). Not thread-safe; one writer per report.
 * <p>
 * Every figure on a page comes from the run: scores as merged from the forks, speed-ups as fork-level ratios with
 * their intervals and the verdicts decided per family ({@link Verdicts}), B/op from
 * {@code -prof gc}, verdicts from {@code stress-summary.json}. Points of the {@code seed} matrix are shown on the
 * seed page only, so the phase pages compare like with like.
 */
public final class ReportWriter {

    /** Coverage of every speed-up interval. */
    public static final double CONFIDENCE = 0.99;

    /** The method paragraph, said once per page that shows speed-ups. */
    static final String METHOD = "fork-level ratios of geometric means (each fork a separate JVM, its steady segment"
            + " found by change-point segmentation, forks that never settled left out) with " + pct(CONFIDENCE)
            + " t intervals, paired by round where the sides ran in the same rounds; fewer than two steady forks on a"
            + " side: no interval (a one-fork figure is a smoke test, not evidence)";

    /** How findings are decided: families under Holm's correction, equivalence within ±5%. */
    public static final Verdicts VERDICTS = Verdicts.DEFAULT;

    private final Path out;
    private final RunResults previous;

    public ReportWriter(Path out) {
        this(out, null);
    }

    /**
     * @param previous an earlier run whose findings' directions this report's are checked against (a direction that
     *                 flips is "machine-dependent"), or null
     */
    public ReportWriter(Path out, RunResults previous) {
        this.out = out.toAbsolutePath().normalize();
        this.previous = previous;
    }

    /**
     * What was written.
     *
     * @param index     {@code README.md}
     * @param pages     the Markdown pages
     * @param html      {@code report.html} and the pages' HTML twins, in the same order as index and pages
     * @param charts    chart file names
     * @param verdicts  each page's one-line verdict
     */
    public record Written(Path index, List<Path> pages, List<Path> html, List<String> charts,
                          Map<ReportPage, String> verdicts) {
    }

    /** Renders every page and the index. */
    public Written write(RunResults run) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        RunFacts facts = new RunFacts(run, new ReportPaths(out, run.dir()));
        ChartRenderer charts = new ChartRenderer(out.resolve("charts"));
        boolean multiJdk = run.benchmarks().stream().map(BenchmarkResult::jdk).distinct().count() > 1;
        List<BenchmarkResult> notSeed = run.select(r -> !"seed".equals(r.matrix()));
        Map<ReportPage, String> verdicts = new EnumMap<>(ReportPage.class);
        List<Path> pages = new ArrayList<>();
        List<Path> html = new ArrayList<>();
        Map<String, String> twins = HtmlPage.twins();
        Map<String, String> nav = new LinkedHashMap<>();
        nav.put("README.md", "Index");
        for (ReportPage p : ReportPage.values()) {
            nav.put(p.file(), p.title());
        }
        for (ReportPage page : ReportPage.values()) {
            Markdown md = new Markdown();
            String verdict;
            if (page == ReportPage.SEED) {
                verdict = new SeedPage(run, facts).write(md, charts);
            } else {
                verdict = new PageWriter(page, facts, run, charts, multiJdk, previous)
                        .write(md, Section.of(page, notSeed, multiJdk));
            }
            verdicts.put(page, verdict);
            pages.add(writeFile(page.file(), md.toString()));
            html.add(writeFile(page.htmlFile(), HtmlPage.render(md, page.file(), nav, twins)));
        }
        Markdown indexPage = index(run, facts, verdicts);
        Path index = writeFile("README.md", indexPage.toString());
        html.add(0, writeFile(HtmlPage.INDEX, HtmlPage.render(indexPage, "README.md", nav, twins)));
        return new Written(index, pages, html, charts.written(), verdicts);
    }

    private Markdown index(RunResults run, RunFacts facts, Map<ReportPage, String> verdicts) {
        ReportPaths paths = facts.paths();
        Markdown md = new Markdown();
        md.h(1, "MsgTrans Workbench report");
        facts.header(md);
        md.p("Regenerate this report: " + regenerate(paths, previous) + ". Speed-ups: " + METHOD
                + ". Error bars on throughput"
                + " charts are 99.9% t intervals over the fork means (JMH's confidence level, the fork as replicate)."
                + " What the variants share and where they differ by design (algorithm, batching, memory, idle"
                + " policy, counters): the fairness ledger, `docs/fairness.md` in the workbench.");
        md.h(2, "Findings");
        List<List<String>> rows = new ArrayList<>();
        for (ReportPage p : ReportPage.values()) {
            rows.add(List.of("[" + p.title() + "](" + p.file() + ")", verdicts.get(p)));
        }
        md.table(List.of("page", "headline (generated from the data)"), rows);
        md.h(2, "Correctness");
        run.stress().ifPresentOrElse(s -> {
            long real = s.verdicts().stream().filter(v -> !v.control()).count();
            long pass = s.verdicts().stream().filter(v -> !v.control() && v.passed()).count();
            md.p(String.format(Locale.ROOT, "jcstress (mode %s): %d of %d property x variant checks passed; runner"
                    + " verdict %s. Per-phase tables are on each page.", s.mode(), pass, real, s.ok() ? "ok"
                    : "NOT ok (" + paths.scrub(String.join("; ", s.problems())) + ")"));
        }, () -> md.p("Not run: no `stress-summary.json` in the run directory (pass one with `--stress FILE`)."));
        FootprintSection.write(md, run.dir(), paths);
        List<String> failed = new ArrayList<>();
        facts.failedEntries().forEach(e -> failed.add(e.id() + ": " + e.status()
                + (e.message() == null ? "" : " (" + paths.scrub(e.message()) + ")")));
        run.problems().forEach(p -> failed.add(paths.scrub(p)));
        if (!failed.isEmpty()) {
            md.h(2, "Entries without results");
            failed.forEach(md::bullet);
            md.blank();
        }
        flameGraphs(md, run.dir().resolve("profiles"), paths);
        facts.environment(md);
        md.h(2, "Files");
        RunLayout layout = new RunLayout(run.dir());
        List<String> records = new ArrayList<>();
        if (Files.isRegularFile(layout.runJson())) {
            records.add("run record " + paths.mention(layout.runJson()));
        }
        if (Files.isRegularFile(layout.envJson())) {
            records.add("environment " + paths.mention(layout.envJson()));
        }
        md.p("Raw JMH JSON: " + paths.mention(Files.isDirectory(layout.results()) ? layout.results() : run.dir())
                + (records.isEmpty() ? "" : "; " + String.join(", ", records)) + "; charts in [`charts/`](charts)"
                + " (PNG and SVG). Read the raw results from Java or a notebook with"
                + " `dev.msgtrans.workbench.results.RunResults.load(dir)`. The same report as HTML, to open in a"
                + " browser from disk: [`" + HtmlPage.INDEX + "`](" + HtmlPage.INDEX + ") (sortable tables).");
        return md;
    }

    /**
     * The flame graphs of a run made with {@code --profiler async}: one list item per fork directory under
     * {@code RUN/profiles}, linking each HTML graph (forward: callers on top; reverse: the hot methods first).
     */
    static void flameGraphs(Markdown md, Path profiles, ReportPaths paths) {
        List<Path> forks;
        try (var s = Files.list(profiles)) {
            forks = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return; // no profiles directory: the run did not profile
        }
        List<String> items = new ArrayList<>();
        for (Path fork : forks) {
            List<Path> graphs;
            try (var s = Files.walk(fork)) {
                graphs = s.filter(f -> f.getFileName().toString().endsWith(".html")).sorted().toList();
            } catch (IOException e) {
                continue;
            }
            if (!graphs.isEmpty()) {
                items.add(fork.getFileName() + ": " + String.join(", ", graphs.stream().map(g -> paths.linkable(g)
                        ? "[" + graphName(g) + "](" + paths.link(g) + ")" : Markdown.code(g.toString())).toList()));
            }
        }
        if (items.isEmpty()) {
            return;
        }
        md.h(2, "Flame graphs");
        md.p("CPU flame graphs from async-profiler (`--profiler async`), one set per fork, named by the fork's result"
                + " file; each covers the fork's whole benchmark run, warm-up included.");
        items.forEach(md::bullet);
        md.blank();
    }

    /** {@code CodecBenchmark.decode-Throughput-payloadSize-64 forward} for JMH's {@code dev...CodecBenchmark.decode-...} */
    private static String graphName(Path graph) {
        String bench = graph.getParent().getFileName().toString().replaceFirst("^(?:[a-z0-9_]+\\.)+", "");
        return bench + " " + graph.getFileName().toString().replaceFirst("^flame-[a-z]+-", "").replace(".html", "");
    }

    /** The command that redraws this report, with paths that hold wherever the repository is checked out. */
    private static String regenerate(ReportPaths paths, RunResults previous) {
        // the earlier run the findings were checked against is part of the report: the command names it
        String against = previous == null ? "" : " --previous " + paths.arg(previous.dir());
        if (paths.fromRepository()) {
            return Markdown.code("./workbench report " + paths.runArg() + " --out " + paths.outArg() + against)
                    + " (from the repository root)";
        }
        if (paths.linkable(paths.run())) {
            return Markdown.code("workbench report " + paths.runArg() + " --out ." + against)
                    + " in this report's directory (`workbench` being the repository's `./workbench` script)";
        }
        return Markdown.code("./workbench report RUN_DIR --out DIR" + (previous == null ? "" : " --previous PREVIOUS"))
                + " with RUN_DIR the run directory " + Markdown.code(paths.runArg())
                + (previous == null ? "" : " and PREVIOUS " + Markdown.code(paths.arg(previous.dir())));
    }

    private Path writeFile(String name, String content) {
        Path p = out.resolve(name);
        try {
            Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p, e);
        }
        return p;
    }

    static String pct(double fraction) {
        return Interval.pointOnly(1, fraction).percent();
    }

    /**
     * The speed ratio {@code a / b} of two points' headline metrics (above 1: {@code a} is better), forks as
     * replicates ({@link Verdicts#speed}); no bounds when a side has fewer than two steady forks.
     */
    static Interval speed(BenchmarkResult a, BenchmarkResult b) {
        if (a.headline().sampleCount() == 0 || b.headline().sampleCount() == 0) {
            double ratio = a.headline().inBaseUnit().score() / b.headline().inBaseUnit().score();
            return Interval.pointOnly(a.headlineDirection() == Direction.HIGHER_IS_BETTER ? ratio : 1 / ratio,
                    CONFIDENCE);
        }
        return Verdicts.speed(b, a).interval();
    }

    /** Direction of a point's headline metric. */
    static Direction direction(Section.Point p) {
        return p.value().name().equals(Metric.PRIMARY) ? p.result().direction() : Direction.ofUnit(p.value().unit());
    }

    /** {@code a=1, b=2} for the parameters stated once per section. */
    static String fixedParams(SortedMap<String, String> fixed) {
        List<String> kv = new ArrayList<>();
        fixed.forEach((k, v) -> kv.add(k + "=" + v));
        return String.join(", ", kv);
    }

    /** A file-name-safe slug. */
    static String slug(String s) {
        String x = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return x.isEmpty() ? "all" : x;
    }

    /** Insertion-ordered map helper. */
    static <K, V> Map<K, V> ordered() {
        return new LinkedHashMap<>();
    }
}
