package dev.msgtrans.workbench.run;

import dev.msgtrans.workbench.env.JdkInfo;
import dev.msgtrans.workbench.matrix.MatrixPoint;
import dev.msgtrans.workbench.matrix.Shard;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunPlanTest {

    static JdkInfo jdk(String tag) {
        return new JdkInfo(tag, "/opt/" + tag, "Vendor", "17.0.1", "17.0.1+1", "VM", "17.0.1+1", List.of(), "", "G1",
                null);
    }

    static List<MatrixPoint> points(int... threads) {
        List<MatrixPoint> out = new ArrayList<>();
        for (int t : threads) {
            out.add(new MatrixPoint("m", "a.FooBenchmark", "^a\\.FooBenchmark", Map.of("variant", "mutex"), t, null,
                    List.of()));
        }
        return out;
    }

    @Test
    void crossesPointsWithJdksAndKeepsGlobalIndexesThroughFiltersAndShards() {
        RunPlan all = RunPlan.of(points(1, 2), List.of(jdk("jdk17"), jdk("jdk25")), null, null, Shard.ALL);
        assertEquals(List.of("FooBenchmark variant=mutex t1 jdk17", "FooBenchmark variant=mutex t1 jdk25",
                "FooBenchmark variant=mutex t2 jdk17", "FooBenchmark variant=mutex t2 jdk25"),
                all.selected().stream().map(PlannedRun::id).toList());
        RunPlan jdk25 = RunPlan.of(points(1, 2), List.of(jdk("jdk17"), jdk("jdk25")), null, "jdk25$", new Shard(2, 2));
        assertEquals(4, jdk25.totalPlanned());
        assertEquals(1, jdk25.selected().size());
        assertEquals(3, jdk25.selected().get(0).index());
        assertEquals("0004-FooBenchmark-variant=mutex-t2-jdk25", jdk25.selected().get(0).fileStem());
    }

    @Test
    void aPointTheBaseBuildCannotRunIsLeftOutOfThatBuildWithANote() {
        List<MatrixPoint> pts = points(1, 2);
        RunPlan plan = RunPlan.of(pts, List.of(jdk("jdk17")), List.of("base", "head"),
                Map.of("base", java.util.Set.of(pts.get(1).id())), null, null, Shard.ALL);
        assertEquals(List.of("base", "head", "head"), plan.selected().stream().map(PlannedRun::build).toList());
        assertEquals(1, plan.notes().size());
        assertTrue(plan.notes().get(0).startsWith("build base cannot run " + pts.get(1).id()), plan.notes().get(0));
    }

    @Test
    void warnsAboutThreadCountsAboveTheProcessors() {
        RunPlan plan = RunPlan.of(points(1, 2, 4, 8, 4), List.of(jdk("jdk17")), null, null, Shard.ALL);
        assertEquals(List.of(4, 8), plan.oversubscribedThreadCounts(2));
        List<String> w = plan.warnings(2);
        assertEquals(1, w.size());
        assertTrue(w.get(0).startsWith("3 entries use more threads [4, 8] than the 2 available processors"), w.get(0));
        assertTrue(plan.warnings(8).isEmpty());
        PlannedRun four = plan.selected().get(2);
        assertTrue(four.oversubscribed(2));
        assertFalse(four.oversubscribed(4));
        assertTrue(four.oversubscriptionWarning(2).startsWith("threads 4 > 2 available processors"));
    }

    @Test
    void estimatesFromSettingsAndBenchmarkCounts() {
        RunSettings quick = Profile.QUICK.settings();
        double one = quick.expectedSeconds(1);
        double iterations = (quick.warmupIterations() * quick.warmupMillis()
                + quick.iterations() * quick.iterationMillis()) / 1000.0;
        assertEquals(RunSettings.HOST_OVERHEAD_SECONDS + RunSettings.FORK_OVERHEAD_SECONDS + iterations, one, 1e-9);
        assertEquals(RunSettings.FORK_OVERHEAD_SECONDS + iterations, quick.expectedSeconds(2) - one, 1e-9,
                "a second selected benchmark costs one more fork");
        JmhBenchmarkList list = JmhBenchmarkList.parse("a.FooBenchmark.get\na.FooBenchmark.put\n");
        RunPlan plan = RunPlan.of(points(1), List.of(jdk("jdk17")), list, null, Shard.ALL);
        assertEquals(2, plan.selected().get(0).benchmarks());
        // 4 forks of the point (1 thread: a decision point on 2 cores) and a calibration fork per round
        assertEquals(quick.forks() * (quick.expectedSeconds(2) + quick.expectedSeconds(1)),
                plan.expectedSeconds(quick, 2), 1e-9);
    }

    @Test
    void profilesAndOverrides() {
        RunSettings full = Profile.of("FULL").settings();
        assertEquals(List.of("-f", "1", "-wi", "2", "-w", "1000ms", "-i", "10", "-r", "500ms"), full.jmhArgs(),
                "every fork is its own JMH process: -f 1");
        assertEquals(10, full.forks());
        assertEquals(3, full.forksFor(false));
        RunSettings o = Profile.SMOKE.settings().withForks(2).withWarmup(0, null).withIterations(null, 250L);
        assertEquals(List.of("-f", "1", "-wi", "0", "-w", "100ms", "-i", "1", "-r", "250ms"), o.jmhArgs());
        assertEquals(2, o.forks());
        assertEquals(2, o.maxForks(), "the adaptive ceiling never sits below the forks");
        RunSettings quick = Profile.QUICK.settings().withForks(6).withMaxForks(6).withBudget(0L);
        assertEquals(6, quick.forksFor(true));
        assertEquals(1, quick.forksFor(false));
        assertEquals(0, quick.budgetSeconds());
        assertEquals("ci", Profile.SMOKE.defaultMatrix());
        assertEquals("all", Profile.QUICK.defaultMatrix());
    }

    @Test
    void etaScalesTheRemainingEstimateByObservedSpeed() {
        EtaClock eta = new EtaClock(100);
        assertEquals(100, eta.remainingSeconds(), 1e-9);
        eta.finished(10, 20);
        assertEquals(180, eta.remainingSeconds(), 1e-9, "twice as slow as configured so far");
        assertEquals("03:00", EtaClock.format(180));
        assertEquals("1:01:01", EtaClock.format(3661));
    }

    @Test
    void commandLineCarriesTheEntryAndTheProfile() {
        MatrixPoint group = new MatrixPoint("m", "a.QBenchmark", "^a\\.QBenchmark", Map.of("impl", "mpsc"), 4, "3,1",
                List.of("-bm", "avgt"));
        PlannedRun r = new PlannedRun(6, group, jdk("jdk17"), 1);
        JmhProcessRunner runner = new JmhProcessRunner(Path.of("/b.jar"), new RunLayout(Path.of("/out")),
                Profile.SMOKE.settings(), List.of("-Xmx1g", "-XX:+UseZGC"), List.of("gc"), 2);
        List<String> cmd = runner.command(r, Path.of("/out/results/x.json"));
        assertEquals(List.of(Path.of("/opt/jdk17/bin/java").toString(), "-jar", "/b.jar", "^a\\.QBenchmark",
                "-p", "impl=mpsc", "-tg", "3,1", "-f", "1", "-wi", "1", "-w", "100ms", "-i", "1", "-r", "100ms",
                "-prof", "gc", "-jvmArgsAppend", "-Xmx1g -XX:+UseZGC", "-bm", "avgt", "-foe", "true",
                "-rf", "json", "-rff", "/out/results/x.json"), cmd);
        assertFalse(cmd.contains("-t"), "a group distribution fixes the threads itself");
    }
}
