package dev.msgtrans.workbench.compare;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.run.EntryRecord;
import dev.msgtrans.workbench.run.Profile;
import dev.msgtrans.workbench.run.RunLayout;
import dev.msgtrans.workbench.run.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The A/A self-check and the builds comparison on a run directory written the way {@code workbench run --build}
 * writes one: 20 points, base and head the same distribution (fork SD 2%, iteration CV 3%, 8 forks of 6 iterations,
 * a round effect shared by both builds' fork k), so every difference the check finds is one it injected.
 */
class SelfCheckTest {

    private static final int POINTS = 20;
    private static final int FORKS = 8;

    @Test
    void identicalBuildsRaiseNoAlarmAndALargeInjectedSlowdownIsCaught(@TempDir Path dir) throws Exception {
        RunResults run = RunResults.load(abRun(dir, new SplittableRandom(11)));
        assertEquals(List.of("base", "head"), run.builds());
        assertEquals(POINTS, run.build("base").benchmarks().size());

        Comparison builds = new RunComparator(CompareSettings.DEFAULTS).compareBuilds(run);
        assertTrue(builds.paired(), "two builds of one run are paired by round");
        assertTrue(builds.toMarkdown().contains("forks paired by round"), builds.toMarkdown());
        assertEquals(0, builds.exitCode(), builds.toMarkdown());

        SelfCheck.Result r = new SelfCheck(CompareSettings.DEFAULTS).check(run);
        SelfCheck.Injection aa = r.injections().get(0);
        assertEquals(0, aa.slowdown());
        assertEquals(POINTS, aa.untouched());
        assertEquals(0, aa.falseAlarms(), "Holm at 1% over 20 identical points");
        assertFalse(aa.gateFailed());
        SelfCheck.Injection twenty = r.injections().stream().filter(i -> i.slowdown() == 0.20).findFirst()
                .orElseThrow();
        assertEquals(POINTS / 2, twenty.slowed(), "every other point is slowed");
        assertEquals(POINTS / 2, twenty.untouched());
        assertEquals(POINTS / 2, twenty.caught(), "20% against 2% fork noise and 8 forks: every one caught");
        assertTrue(twenty.gateFailed());
        assertEquals(0, twenty.falseAlarms());
        assertTrue(r.resolution() <= 0.20, "resolution " + r.resolution());
        String md = SelfCheck.toMarkdown(List.of(r), "settings");
        assertTrue(md.contains("| 20% | 100% (10 of 10) | 0.0% (0 of 10) | 1 of 1 |"), md);
        assertEquals(POINTS, r.detectable().size());
        for (SelfCheck.Detectable d : r.detectable()) {
            // fork means spread by sqrt(2% round^2 + 2% fork^2 + 3%^2 / 6 iterations) = 3.1%; 8 forks, 20 points:
            // z(1 - 0.01/40) + z(0.8) = 3.48 + 0.84, so 4.32 * 3.1% * sqrt(2/8) = 6.7% (the SD estimate varies)
            assertTrue(d.forkSd() > 0.015 && d.forkSd() < 0.05, d.toString());
            assertTrue(d.detectable() > 0.03 && d.detectable() < 0.11, d.toString());
            assertTrue(d.forksFor() >= 2 && d.forksFor() < 14, d.toString());
        }
        assertTrue(md.contains("**What each point can resolve**"), md);
    }

    @Test
    void theNormalQuantileMatchesKnownValues() {
        assertEquals(0, SelfCheck.normalQuantile(0.5), 1e-9);
        assertEquals(1.959964, SelfCheck.normalQuantile(0.975), 1e-5);
        assertEquals(0.841621, SelfCheck.normalQuantile(0.8), 1e-5);
        assertEquals(-3.090232, SelfCheck.normalQuantile(0.001), 1e-5);
    }

    @Test
    void aRunOfOneBuildIsRefused(@TempDir Path dir) {
        RunResults one = RunResults.load(Fixtures.run("run-a"));
        assertThrows(IllegalArgumentException.class, () -> new SelfCheck(CompareSettings.DEFAULTS).check(one));
        assertThrows(IllegalArgumentException.class,
                () -> new RunComparator(CompareSettings.DEFAULTS).compareBuilds(one));
    }

    /** A two-build run directory with JMH-shaped result files and a run.json that names builds and fork rounds. */
    private static Path abRun(Path dir, SplittableRandom rnd) throws Exception {
        RunLayout layout = new RunLayout(dir).create();
        List<EntryRecord> entries = new ArrayList<>();
        List<Integer> rounds = new ArrayList<>();
        for (int k = 1; k <= FORKS; k++) {
            rounds.add(k);
        }
        for (int p = 0; p < POINTS; p++) {
            double level = 1e6 * (1 + p);
            double[] roundEffect = new double[FORKS];
            for (int k = 0; k < FORKS; k++) {
                roundEffect[k] = 0.02 * rnd.nextGaussian();
            }
            for (String build : List.of("base", "head")) {
                int index = entries.size();
                String file = String.format("results/%04d-P%d-%s.json", index + 1, p, build);
                ArrayNode forks = RunLayout.JSON.createArrayNode();
                for (int k = 0; k < FORKS; k++) {
                    double forkLevel = level * Math.exp(roundEffect[k] + 0.02 * rnd.nextGaussian());
                    ArrayNode it = forks.addArray();
                    for (int i = 0; i < 6; i++) {
                        it.add(forkLevel * Math.exp(0.03 * rnd.nextGaussian()));
                    }
                }
                ObjectNode r = RunLayout.JSON.createObjectNode();
                r.put("benchmark", "a.PBenchmark.run").put("mode", "thrpt").put("threads", 1).put("forks", FORKS)
                        .put("jdkVersion", "17.0.15");
                r.putObject("params").put("point", Integer.toString(p));
                ObjectNode pm = r.putObject("primaryMetric");
                pm.put("score", level).put("scoreError", "NaN").put("scoreUnit", "ops/s");
                pm.set("rawData", forks);
                RunLayout.JSON.writeValue(dir.resolve(file).toFile(), RunLayout.JSON.createArrayNode().add(r));
                entries.add(new EntryRecord(index, "P" + p + " @" + build, "gate", "a.PBenchmark.run", "^a", Map.of(
                        "point", Integer.toString(p)), 1, null, "jdk17", EntryRecord.OK, 0, file, null, List.of(),
                        null, 1, 1, List.of(), null, "P" + p, List.of(), rounds, build));
            }
        }
        Map<String, String> builds = new LinkedHashMap<>();
        builds.put("base", "/jars/a.jar");
        builds.put("head", "/jars/a.jar");
        layout.write(new RunRecord("gate", Profile.GATE.settings(), "gate", null, "1/1", entries.size(), null, null,
                0, entries, 1L, List.of(), List.of(), builds));
        return dir;
    }
}
