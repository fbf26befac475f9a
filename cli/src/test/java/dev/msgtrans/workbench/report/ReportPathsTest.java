package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.compare.Fixtures;
import dev.msgtrans.workbench.results.RunResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A report names no absolute path, and every link and image in it resolves: generated from a copy of a real run
 * (with a failed entry and a JVM argument that name absolute paths, and a jcstress summary inside the run) in the
 * three layouts a report is written in.
 */
class ReportPathsTest {

    /** {@code [text](target)} and {@code ![alt](target)}. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

    @Test
    void reportBesideTheRunOutsideARepositoryIsRelativeToTheReport(@TempDir Path tmp) throws Exception {
        Path run = fixtureRun(tmp.resolve("run"));
        Path out = tmp.resolve("report");
        new ReportWriter(out).write(RunResults.load(run));
        int links = assertPortable(out, tmp);
        assertTrue(links > 10, "charts, pages and sources are linked: " + links);
        String index = read(out, "README.md");
        assertTrue(index.contains("`workbench report ../run --out .` in this report's directory"), index);
        assertTrue(index.contains("Raw JMH JSON: [`../run/results`](../run/results)"), index);
        assertTrue(index.contains("[`../run/run.json`](../run/run.json)"), index);
        // the failed entry's message and the JVM argument name the run relative to the report
        assertTrue(index.contains("no positive score in ../run/results/0001-"), index);
        assertTrue(index.contains("-XX:ErrorFile=../run/hs_err.log"), index);
        String page = read(out, "phase-1-sessions.md");
        assertTrue(page.contains("--out ../run` (the run directory relative to this report's directory)"), page);
        assertTrue(page.contains("Source: [`../run/stress/stress-summary.json`](../run/stress/stress-summary.json)"),
                page);
    }

    @Test
    void reportInAWorkbenchRepositoryNamesPathsFromItsRoot(@TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("checkout");
        Files.createDirectories(repo.resolve("harness"));
        Files.writeString(repo.resolve("workbench"), "#!/bin/sh\n");
        Path run = fixtureRun(repo.resolve("reports/run"));
        Path out = repo.resolve("reports");
        new ReportWriter(out).write(RunResults.load(run));
        assertPortable(out, tmp);
        String index = read(out, "README.md");
        assertTrue(index.contains("`./workbench report reports/run --out reports` (from the repository root)"), index);
        assertTrue(index.contains("Raw JMH JSON: [`reports/run/results`](run/results)"), index);
        String page = read(out, "phase-1-sessions.md");
        assertTrue(page.contains("--out reports/run`\n"), page);
        assertTrue(page.contains("Source: [`reports/run/stress/stress-summary.json`](run/stress/stress-summary.json)"),
                page);
    }

    @Test
    void reportInsideTheRunDirectoryAsWorkbenchRunWritesIt(@TempDir Path tmp) throws Exception {
        Path run = fixtureRun(tmp.resolve("results/quick"));
        Path out = run.resolve("report");
        new ReportWriter(out).write(RunResults.load(run));
        assertPortable(out, tmp);
        String index = read(out, "README.md");
        assertTrue(index.contains("`workbench report .. --out .`"), index);
        assertTrue(index.contains("Raw JMH JSON: [`../results`](../results)"), index);
    }

    @Test
    void aRunOutsideTheRepositoryIsNamedByItsNameAlone(@TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("checkout");
        Files.createDirectories(repo.resolve("harness"));
        Files.writeString(repo.resolve("workbench"), "#!/bin/sh\n");
        ReportPaths paths = new ReportPaths(repo.resolve("reports"), tmp.resolve("elsewhere/run-7"));
        assertFalse(paths.fromRepository());
        assertEquals("run-7", paths.runArg());
        assertFalse(paths.linkable(tmp.resolve("elsewhere/run-7/results")));
        assertEquals("`results` (outside the report's directory tree)",
                paths.mention(tmp.resolve("elsewhere/run-7/results")));
        assertEquals("reports", paths.outArg());
    }

    @Test
    void scrubRewritesOnlyWholePathTokensBelowTheBase(@TempDir Path tmp) {
        Path run = tmp.resolve("run");
        ReportPaths paths = new ReportPaths(tmp.resolve("report"), run);
        assertEquals("see ../run/logs/a.log.", paths.scrub("see " + run + "/logs/a.log."));
        assertEquals("(in ../run)", paths.scrub("(in " + run + ")"));
        assertEquals(".", paths.scrub(tmp.resolve("report").toString()));
        // a sibling whose name merely starts with the run's is not the run
        assertEquals("../run2/x", paths.scrub(run + "2/x"));
        assertEquals("/usr/lib/jvm/java-17/bin/java -jar x", paths.scrub("/usr/lib/jvm/java-17/bin/java -jar x"));
    }

    /**
     * Asserts that no Markdown file under {@code out} names {@code tmp} absolutely and that every relative link and
     * image resolves from the page's directory; returns the number of links checked.
     */
    private static int assertPortable(Path out, Path tmp) throws IOException {
        List<String> prefixes = new ArrayList<>(List.of(tmp.toAbsolutePath().toString()));
        prefixes.add(tmp.toRealPath().toString());
        int links = 0;
        List<Path> pages;
        try (Stream<Path> s = Files.walk(out)) {
            pages = s.filter(p -> p.getFileName().toString().endsWith(".md")).toList();
        }
        assertTrue(pages.size() >= ReportPage.values().length + 1, "pages: " + pages);
        for (Path page : pages) {
            String md = Files.readString(page);
            for (String prefix : prefixes) {
                assertFalse(md.contains(prefix), page.getFileName() + " names " + prefix + ":\n" + md);
            }
            Matcher m = LINK.matcher(md);
            while (m.find()) {
                String target = m.group(1).replaceFirst("#.*$", "");
                if (target.matches("[a-z]+:.*") || target.isEmpty()) {
                    continue;
                }
                assertFalse(target.startsWith("/"), page.getFileName() + " links absolutely: " + target);
                Path resolved = page.getParent().resolve(URLDecoder.decode(target, StandardCharsets.UTF_8));
                assertTrue(Files.exists(resolved), page.getFileName() + " links to a missing file: " + target);
                links++;
            }
        }
        return links;
    }

    /**
     * Copies the {@code run-a} fixture to {@code dir} with its jcstress summary in {@code stress/}, its first entry
     * failed with a message naming a result file absolutely (as the runner's messages may), and a JVM argument
     * naming a file in the run.
     */
    private static Path fixtureRun(Path dir) throws IOException, URISyntaxException {
        Path src = Fixtures.run("run-a");
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path target = dir.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path stress = Path.of(ReportPathsTest.class.getResource("/report/stress-summary.json").toURI());
        Files.createDirectories(dir.resolve("stress"));
        Files.copy(stress, dir.resolve("stress/stress-summary.json"));
        String abs = dir.toAbsolutePath().toString();
        Path runJson = dir.resolve("run.json");
        String json = Files.readString(runJson);
        String failed = json.replaceFirst("\"status\" : \"ok\"", "\"status\" : \"failed\", \"message\" :"
                + " \"no positive score in " + abs + "/results/0001-CodecBenchmark.json: NaN\"");
        assertFalse(failed.equals(json), "the fixture's first entry is ok");
        Files.writeString(runJson, failed);
        Path envJson = dir.resolve("env.json");
        String env = Files.readString(envJson);
        String withArg = env.replaceFirst("\"jvmArgs\" : \\[ \\]", "\"jvmArgs\" : [ \"-XX:ErrorFile=" + abs
                + "/hs_err.log\" ]");
        assertFalse(withArg.equals(env), "the fixture's JDK has no JVM arguments");
        Files.writeString(envJson, withArg);
        return dir;
    }

    private static String read(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }
}
