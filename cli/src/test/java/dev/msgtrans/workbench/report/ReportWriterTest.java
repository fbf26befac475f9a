package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.compare.Fixtures;
import dev.msgtrans.workbench.results.Metric;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.results.StressSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A report from a real run (codec + session table, rwlock and lockfree) and a real jcstress summary. */
class ReportWriterTest {

    private static RunResults runWithStress() throws URISyntaxException {
        return RunResults.load(Fixtures.run("run-a")).withStress(StressSummary.read(
                Path.of(ReportWriterTest.class.getResource("/report/stress-summary.json").toURI())));
    }

    @Test
    void writesEveryPageWithTheFixedNamesAndChartsInBothFormats(@TempDir Path out) throws Exception {
        ReportWriter.Written w = new ReportWriter(out).write(runWithStress());
        for (ReportPage p : ReportPage.values()) {
            assertTrue(Files.size(out.resolve(p.file())) > 0, p.file());
        }
        for (String name : new String[] {"phase-1-sessions.md", "phase-2-actors-events.md", "phase-3.1-pools.md",
                "phase-3.2-requests-dispatch.md", "phase-3.3-outbound-io.md", "shootout.md", "end-to-end.md",
                "seed.md", "README.md"}) {
            assertTrue(Files.exists(out.resolve(name)), name);
        }
        long png;
        long svg;
        try (Stream<Path> s = Files.list(out.resolve("charts"))) {
            var names = s.map(p -> p.getFileName().toString()).toList();
            png = names.stream().filter(n -> n.endsWith(".png")).count();
            svg = names.stream().filter(n -> n.endsWith(".svg")).count();
        }
        assertTrue(png > 0);
        assertEquals(png, svg, "every chart in PNG and SVG");
        assertEquals(png + svg, w.charts().size());
        String index = read(out, "README.md");
        for (ReportPage p : ReportPage.values()) {
            assertTrue(index.contains("(" + p.file() + ")"), "index links " + p.file());
        }
        assertTrue(index.contains("## Environment"));
    }

    @Test
    void phaseOneRecommendationIsGeneratedFromTheDataWithCorrectnessBeside(@TempDir Path out) throws Exception {
        new ReportWriter(out).write(runWithStress());
        String page = read(out, "phase-1-sessions.md");
        assertTrue(page.contains("Produced by: `./workbench run --profile smoke --matrix compare-fixture"), page);
        assertTrue(page.contains("## Recommendation"));
        // the run has lockfree and rwlock at 1 thread only, and most of rwlock's 3 smoke forks never settled: the
        // finding must say where it was taken and that it cannot decide, instead of printing the 12x it measured
        assertTrue(page.contains("On 2 cores, JDK 17.0.15, lockfree session table at 1 thread against rwlock:"
                + " inconclusive (ratio 12.23, no interval"), page);
        assertTrue(page.contains("no steady state"), page);
        assertTrue(page.contains("**Undecided: the data cannot tell lockfree from rwlock for session table @ 1"
                + " thread."), page);
        assertTrue(page.contains("Correctness: lockfree: the one property checked (SessionRegistryPutIfAbsent) held"), page);
        assertTrue(page.contains("| property | mutex | rwlock | lockfree | cow | broken (control) |"), page);
        assertTrue(page.contains("fail (caught)"), page);
        assertTrue(page.contains("B/op"));
    }

    @Test
    void tablesShowEachPointsForksAndHowTheySettledAndTheErrorOverForks(@TempDir Path out) throws Exception {
        new ReportWriter(out).write(runWithStress());
        String page = read(out, "phase-1-sessions.md");
        assertTrue(page.contains("| configuration | variant | threads | forks (steady) | throughput"
                + " | ± 99.9% over forks | B/op | CPU ns/op (cores busy) | vs rwlock (99% CI) |"), page);
        // 3 forks per point in the fixture: rwlock's mostly never settled (marked), lockfree's mostly did
        assertTrue(page.contains("| - | rwlock | 1 | 3 (1 flat, 2 no steady state) **unsettled** | 20.3 M ops/s |"
                + " 19.0 M ops/s | 23.6 | n/a |  |"), page);
        assertTrue(page.contains("| - | lockfree | 1 | 3 (2 flat, 1 no steady state) | 96.6 M ops/s"
                + " | 20.8 M ops/s | 0.000303 | n/a | 12.23 (no interval: fewer than two steady forks on a side) |"), page);
        assertTrue(page.contains("Error bars: the 99.9% t interval over the fork means (each fork a separate JVM),"
                + " drawn whole."), page);
        String codec = read(out, "phase-3.2-requests-dispatch.md");
        assertTrue(codec.contains("| - | encode | 1 | 3 (2 flat, 1 no steady state) | 17.3 M ops/s |"), codec);
    }

    @Test
    void aPointWithOneForkHasNoErrorAndSaysSo() {
        Metric one = new Metric(Metric.PRIMARY, 1e6, Double.NaN, "ops/s", List.of(List.of(1e6, 1e6, 1e6)),
                Map.of());
        assertEquals("one fork", PageWriter.error(one, "ops/s"));
        Metric two = new Metric(Metric.PRIMARY, 1e6, 2.5e5, "ops/s", List.of(List.of(1e6), List.of(1e6)), Map.of());
        assertEquals("250 k ops/s", PageWriter.error(two, "ops/s"));
    }

    @Test
    void pagesWithoutDataSayNotMeasured(@TempDir Path out) throws Exception {
        new ReportWriter(out).write(runWithStress());
        String pools = read(out, "phase-3.1-pools.md");
        assertTrue(pools.contains("**Not measured:**"), pools);
        String e2e = read(out, "end-to-end.md");
        assertTrue(e2e.contains("Not measured"), e2e);
        String seed = read(out, "seed.md");
        assertTrue(seed.contains("4,948 cmd/s") && seed.contains("1,918,948") && seed.contains("sleeps"), seed);
    }

    @Test
    void withoutAStressSummaryCorrectnessIsNotRun(@TempDir Path out) throws IOException {
        new ReportWriter(out).write(RunResults.load(Fixtures.run("run-a")));
        String page = read(out, "phase-1-sessions.md");
        assertTrue(page.contains("Correctness: lockfree: not run"), page);
        assertFalse(page.contains("Migrate to lockfree: "), "no unconditional migrate without correctness: " + page);
    }

    @Test
    void theSameRunGivesTheSameReport(@TempDir Path out) throws Exception {
        new ReportWriter(out.resolve("1")).write(runWithStress());
        new ReportWriter(out.resolve("2")).write(runWithStress());
        assertEquals(read(out.resolve("1"), "phase-1-sessions.md"), read(out.resolve("2"), "phase-1-sessions.md"));
    }

    @Test
    void aFootprintInTheRunIsShownAsBytesPerIdleSessionPerVariant(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        try (var files = Files.walk(Fixtures.run("run-a"))) {
            for (Path src : files.toList()) {
                Path dst = run.resolve(Fixtures.run("run-a").relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst);
                }
            }
        }
        new ReportWriter(tmp.resolve("without")).write(RunResults.load(run));
        assertFalse(read(tmp.resolve("without"), "README.md").contains("Bytes per idle session"),
                "no footprint.json, no section");
        Files.writeString(run.resolve("footprint.json"), """
                {"schema": 1, "sessions": 10000, "command": "workbench footprint --out run", "jdk": "Test 17",
                 "cores": 2, "gc": "G1", "components": ["registry", "actor"],
                 "variants": {
                   "mutex": {"registry": {"retained": 62.3, "allocated": 65.5},
                             "actor": {"retained": 446.3, "allocated": 476.5},
                             "total": {"retained": 508.6, "allocated": 542.0}},
                   "lockfree": {"registry": {"retained": 14.7, "allocated": 49.2},
                                "actor": {"retained": 5198.6, "allocated": 5185.8},
                                "total": {"retained": 5213.3, "allocated": 5235.0}}}}
                """);
        new ReportWriter(tmp.resolve("with")).write(RunResults.load(run));
        String index = read(tmp.resolve("with"), "README.md");
        assertTrue(index.contains("## Bytes per idle session"), index);
        assertTrue(index.contains("| variant | registry | actor | total |"), index);
        assertTrue(index.contains("| mutex | 62 B (66 B) | 446 B (477 B) | 509 B (542 B) |"), index);
        assertTrue(index.contains("| lockfree | 15 B (49 B) | 5,199 B (5,186 B) | 5,213 B (5,235 B) |"), index);
        assertTrue(index.contains("`workbench footprint --out run`"), index);
    }

    private static String read(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }
}
