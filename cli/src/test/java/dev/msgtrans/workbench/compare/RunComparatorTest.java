package dev.msgtrans.workbench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msgtrans.workbench.results.BenchmarkResult;
import dev.msgtrans.workbench.results.BenchmarkResult.PointKey;
import dev.msgtrans.workbench.results.Direction;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.run.RunLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comparison on real JMH output: identical runs, a 2x slowdown, two honest runs, added points, direction. */
class RunComparatorTest {

    private final RunComparator comparator = new RunComparator(CompareSettings.DEFAULTS);

    private static RunResults load(String name) {
        return RunResults.load(Fixtures.run(name));
    }

    @Test
    void aRunAgainstItselfFindsNothing() {
        Comparison c = comparator.compare(load("run-a"), load("run-a"));
        assertEquals(5, c.points().size(), "3 codec methods + 2 session variants: " + c.summary());
        assertTrue(c.points().stream().allMatch(p -> p.verdict() == Verdict.EQUIVALENT
                || p.verdict() == Verdict.INCONCLUSIVE), c.toMarkdown());
        c.points().forEach(p -> assertEquals(1.0, p.ratio().estimate(), 1e-12));
        assertEquals(0, c.exitCode());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void aParameterAddedSinceTheBaseIsMatchedWhenUniqueAndSaid() {
        RunResults base = load("run-a");
        List<BenchmarkResult> changed = new java.util.ArrayList<>();
        for (BenchmarkResult r : base.benchmarks()) {
            java.util.SortedMap<String, String> params = new java.util.TreeMap<>(r.params());
            params.put("idle", "default");
            changed.add(new BenchmarkResult(r.benchmark(), r.mode(), params, r.threads(), r.threadGroups(), r.jdk(),
                    r.jdkVersion(), r.forks(), r.primary(), r.secondary(), r.matrix(), r.entryId(), r.warnings(),
                    r.file(), r.forkRounds(), r.build()));
        }
        Comparison c = comparator.compare(base, base.withBenchmarks(changed));
        assertEquals(5, c.points().size(), c.toMarkdown());
        assertTrue(c.points().stream().noneMatch(p -> p.verdict() == Verdict.ADDED || p.verdict() == Verdict.REMOVED),
                c.toMarkdown());
        assertEquals(5, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).contains("idle=default, a parameter the base build does not have"),
                c.warnings().toString());

        // two new values of the added parameter: which one is the old behaviour is unknowable, so nothing pairs
        List<BenchmarkResult> two = new java.util.ArrayList<>(changed);
        for (BenchmarkResult r : changed) {
            java.util.SortedMap<String, String> params = new java.util.TreeMap<>(r.params());
            params.put("idle", "100/0");
            two.add(new BenchmarkResult(r.benchmark(), r.mode(), params, r.threads(), r.threadGroups(), r.jdk(),
                    r.jdkVersion(), r.forks(), r.primary(), r.secondary(), r.matrix(), r.entryId(), r.warnings(),
                    r.file(), r.forkRounds(), r.build()));
        }
        Comparison ambiguous = comparator.compare(base, base.withBenchmarks(two));
        assertEquals(5, ambiguous.points().stream().filter(p -> p.verdict() == Verdict.REMOVED).count(),
                ambiguous.toMarkdown());
    }

    @Test
    void aConfigurationMeasuredTwiceInOneRunIsNamedNotSilentlyMerged() {
        RunResults base = load("run-a");
        List<BenchmarkResult> twice = new java.util.ArrayList<>(base.benchmarks());
        BenchmarkResult r = base.benchmarks().get(0);
        twice.add(new BenchmarkResult(r.benchmark(), r.mode(), r.params(), r.threads(), r.threadGroups(), r.jdk(),
                r.jdkVersion(), r.forks(), r.primary(), r.secondary(), "seed", r.entryId(), r.warnings(), r.file(),
                r.forkRounds(), r.build()));
        Comparison c = comparator.compare(base, base.withBenchmarks(twice));
        assertEquals(5, c.points().size(), c.toMarkdown());
        assertEquals(1, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).startsWith("new: ") && c.warnings().get(0).contains("measured twice")
                && c.warnings().get(0).contains("matrix seed"), c.warnings().toString());
    }

    /**
     * The points whose base run is steady enough for one run to show a 2x change: at least two forks reached a
     * steady state and their steady means agree within 10% (coefficient of variation). On this loaded 2-core machine
     * some points' forks never settled or differ by 4x; for those, no honest method can tell a 2x change from noise
     * with 3 forks, and the comparison says "inconclusive".
     */
    private static Set<PointKey> steady(String run) {
        Set<PointKey> out = new HashSet<>();
        for (BenchmarkResult r : load(run).benchmarks()) {
            double[] means = dev.msgtrans.workbench.verdict.Verdicts.replicates(r, false).means();
            if (means.length < 2) {
                continue;
            }
            double m = Arrays.stream(means).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(means).map(x -> (x - m) * (x - m)).sum() / (means.length - 1));
            if (sd / m < 0.10) {
                out.add(r.key());
            }
        }
        return out;
    }

    @Test
    void aTwoTimesSlowdownIsCaughtAndFailsTheGate() {
        Comparison c = comparator.compare(load("run-a"), load("run-a-slow2x"));
        Set<PointKey> steady = steady("run-a");
        assertTrue(steady.size() >= 1, "fixture has steady points: " + steady);
        c.points().forEach(p -> assertEquals(-0.5, p.change(), 1e-9, "every point halved"));
        assertTrue(c.points().stream().noneMatch(p -> p.verdict() == Verdict.FASTER), c.toMarkdown());
        for (PointComparison p : c.points()) {
            if (steady.contains(p.key())) {
                assertEquals(Verdict.SLOWER, p.verdict(), p.key() + ": " + c.toMarkdown());
                assertTrue(p.gateFailure());
                assertTrue(p.speed().upper() < 1, p.speed().format(3));
            }
        }
        assertEquals(1, c.exitCode());
        assertTrue(c.toMarkdown().contains("Gate FAILED"), c.toMarkdown());
    }

    @Test
    void benjaminiHochbergCatchesItToo() {
        Comparison c = new RunComparator(new CompareSettings(0.05, 0.10, 0.01,
                dev.msgtrans.workbench.stats.Decisions.Correction.BENJAMINI_HOCHBERG))
                .compare(load("run-a"), load("run-a-slow2x"));
        assertTrue(c.toMarkdown().contains("Benjamini-Hochberg"), c.toMarkdown());
        steady("run-a").forEach(k -> assertEquals(Verdict.SLOWER, c.points().stream()
                .filter(p -> p.key().equals(k)).findFirst().orElseThrow().verdict()));
        assertEquals(1, c.exitCode());
    }

    @Test
    void theReverseIsFasterAndPasses() {
        Comparison c = comparator.compare(load("run-a-slow2x"), load("run-a"));
        Set<PointKey> steady = steady("run-a");
        assertTrue(c.points().stream().noneMatch(p -> p.verdict() == Verdict.SLOWER), c.toMarkdown());
        c.points().stream().filter(p -> steady.contains(p.key()))
                .forEach(p -> assertEquals(Verdict.FASTER, p.verdict(), c.toMarkdown()));
        assertEquals(0, c.exitCode());
    }

    @Test
    void twoHonestRunsOfTheSameCodeRaiseNoAlarmAtTheDefaults() {
        Comparison c = comparator.compare(load("run-a"), load("run-b"));
        assertEquals(0, c.exitCode(), c.toMarkdown());
        assertTrue(c.gateFailures().isEmpty(), c.toMarkdown());
        assertTrue(c.points().stream().noneMatch(p -> p.verdict() == Verdict.ADDED || p.verdict() == Verdict.REMOVED));
    }

    @Test
    void pointsInOneRunOnlyAreAddedOrRemoved(@TempDir Path tmp) throws IOException {
        Path partial = copy(Fixtures.run("run-a"), tmp.resolve("partial"));
        try (Stream<Path> s = Files.list(partial.resolve("results"))) {
            for (Path f : s.filter(f -> f.getFileName().toString().contains("Codec")).toList()) {
                Files.delete(f);
            }
        }
        Comparison removed = comparator.compare(load("run-a"), RunResults.load(partial));
        assertEquals(3, removed.with(Verdict.REMOVED).size(), removed.toMarkdown());
        assertEquals(2, removed.with(Verdict.EQUIVALENT).size() + removed.with(Verdict.INCONCLUSIVE).size());
        assertEquals(0, removed.exitCode(), "a removed point is not a regression");
        Comparison added = comparator.compare(RunResults.load(partial), load("run-a"));
        assertEquals(3, added.with(Verdict.ADDED).size());
    }

    @Test
    void forTimePerOperationLowerIsBetter(@TempDir Path tmp) throws IOException {
        // the same real file, restated as average time: a larger time per operation is a slowdown
        Path base = copy(Fixtures.run("run-a"), tmp.resolve("base"));
        Path slower = copy(Fixtures.run("run-a"), tmp.resolve("slower"));
        asAverageTime(base, 1.0);
        asAverageTime(slower, 2.0);
        Comparison c = comparator.compare(RunResults.load(base), RunResults.load(slower));
        Set<PointKey> steady = steady("run-a");
        assertTrue(c.points().stream().allMatch(p -> p.direction() == Direction.LOWER_IS_BETTER));
        c.points().forEach(p -> assertEquals(2.0, p.ratio().estimate(), 1e-9, "times doubled"));
        assertTrue(c.points().stream().noneMatch(p -> p.verdict() == Verdict.FASTER), c.toMarkdown());
        c.points().stream().filter(p -> steady.contains(p.key()))
                .forEach(p -> assertEquals(Verdict.SLOWER, p.verdict(), c.toMarkdown()));
        assertEquals(1, c.exitCode());
    }

    @Test
    void differentEnvironmentsAreWarnedAbout(@TempDir Path tmp) throws IOException {
        Path other = copy(Fixtures.run("run-a"), tmp.resolve("other"));
        ObjectNode env = (ObjectNode) RunLayout.JSON.readTree(other.resolve("env.json").toFile());
        ((ObjectNode) env.get("host")).put("logicalCores", 64).put("cpuModel", "Some Other CPU");
        RunLayout.JSON.writeValue(other.resolve("env.json").toFile(), env);
        Comparison c = comparator.compare(load("run-a"), RunResults.load(other));
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("logical cores")), c.warnings().toString());
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("CPU")), c.warnings().toString());
        assertTrue(c.toMarkdown().contains("**Warning:**"));
    }

    @Test
    void jsonOutputCarriesEveryPoint() throws IOException {
        Comparison c = comparator.compare(load("run-a"), load("run-a-slow2x"));
        JsonNode root = RunLayout.JSON.readTree(c.toJson());
        assertTrue(root.get("gateFailed").asBoolean());
        assertEquals(c.points().size(), root.get("points").size());
        JsonNode p = root.get("points").get(0);
        assertEquals("SLOWER", p.get("verdict").asText());
        assertEquals("HIGHER_IS_BETTER", p.get("better").asText());
        assertTrue(p.get("ratio").get("upper").asDouble() < 1);
        assertFalse(root.get("settings").isMissingNode());
    }

    private static void asAverageTime(Path run, double factor) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("results"))) {
            for (Path f : s.toList()) {
                ArrayNode results = (ArrayNode) RunLayout.JSON.readTree(f.toFile());
                for (JsonNode r : results) {
                    ((ObjectNode) r).put("mode", "avgt");
                    ObjectNode pm = (ObjectNode) r.get("primaryMetric");
                    pm.put("scoreUnit", "us/op");
                    pm.put("score", 1e6 / pm.get("score").asDouble() * factor);
                    ArrayNode forks = RunLayout.JSON.createArrayNode();
                    for (JsonNode fork : pm.get("rawData")) {
                        ArrayNode it = forks.addArray();
                        fork.forEach(v -> it.add(1e6 / v.asDouble() * factor));
                    }
                    pm.set("rawData", forks);
                }
                RunLayout.JSON.writeValue(f.toFile(), results);
            }
        }
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    @Test
    void settingsRejectNonsense() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new CompareSettings(0.05, 0.1, 1.5, dev.msgtrans.workbench.stats.Decisions.Correction.HOLM));
        List.of(0.0, 0.05).forEach(t -> assertEquals(t, new CompareSettings(t, 0.1, 0.01,
                dev.msgtrans.workbench.stats.Decisions.Correction.NONE).margin()));
    }
}
