package dev.msgtrans.workbench.results;

import dev.msgtrans.workbench.compare.Fixtures;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading real runs (src/test/resources/compare) and a real jcstress summary (src/test/resources/report). */
class RunResultsTest {

    @Test
    void loadsEveryResultWithRawDataAndSecondaryMetrics() {
        RunResults run = RunResults.load(Fixtures.run("run-a"));
        assertEquals(5, run.benchmarks().size(), "3 codec methods + 2 session variants");
        assertTrue(run.run().isPresent() && run.environment().isPresent());
        assertTrue(run.problems().isEmpty());
        for (BenchmarkResult r : run.benchmarks()) {
            assertEquals("thrpt", r.mode());
            assertEquals(Direction.HIGHER_IS_BETTER, r.direction());
            assertEquals("ops/s", r.primary().unit());
            assertEquals(3, r.primary().rawData().size(), "3 forks");
            assertEquals(12, r.primary().sampleCount(), "3 forks x 4 iterations");
            assertTrue(r.primary().hasScore() && r.primary().score() > 0);
            assertEquals("jdk17", r.jdk());
            assertTrue(r.jdkVersion().startsWith("17"));
            assertEquals("compare-fixture", r.matrix());
            Metric alloc = r.allocationPerOp().orElseThrow();
            assertEquals("B/op", alloc.unit());
            assertTrue(alloc.score() >= 0);
        }
        BenchmarkResult lockfree = run.select(r -> "lockfree".equals(r.param("variant"))).get(0);
        assertEquals("SessionRegistryBenchmark.mixed", lockfree.shortName());
        assertEquals("90", lockfree.param("readPercent"));
        assertEquals(lockfree.primary(), lockfree.headline(), "the session table is compared by its primary score");
        assertEquals(Direction.HIGHER_IS_BETTER, lockfree.headlineDirection());
        double mean = java.util.Arrays.stream(lockfree.primary().samples()).average().orElseThrow();
        assertEquals(lockfree.primary().score(), mean, mean * 1e-9, "JMH's score is the mean of the raw data");
    }

    @Test
    void reconstructsTheCommandThatProducedTheRun() {
        String cmd = RunResults.load(Fixtures.run("run-a")).command();
        assertTrue(cmd.startsWith("./workbench run --profile smoke --matrix "), cmd);
        assertTrue(cmd.contains("--forks 3") && cmd.contains("--iterations 4") && cmd.contains("--time 200ms"), cmd);
        assertTrue(cmd.contains(" --heap ergonomic "), "a run without fork heap flags ran on the JVM's sizing: " + cmd);
    }

    @Test
    void loadsASingleJmhFileWithoutRunJson() throws Exception {
        Path dir = Fixtures.run("run-b").resolve("results");
        Path file;
        try (var s = Files.list(dir)) {
            file = s.filter(f -> f.toString().contains("Codec")).findFirst().orElseThrow();
        }
        RunResults one = RunResults.load(file);
        assertEquals(3, one.benchmarks().size());
        assertFalse(one.run().isPresent());
        assertEquals("jdk17", one.benchmarks().get(0).jdk(), "tag derived from JMH's version");
        assertEquals(null, one.command());
    }

    @Test
    void auxCountersAreSecondaryMetricsAndTheHeadline() throws URISyntaxException {
        // a real MailboxBenchmark result (a @Group with @AuxCounters) from a smoke run of the ci matrix
        Path file = Path.of(getClass().getResource("/report/mailbox-mpsc-lockfree.json").toURI());
        BenchmarkResult r = RunResults.load(file).benchmarks().get(0);
        assertEquals("dev.msgtrans.harness.actors.MailboxBenchmark.mpsc", r.benchmark());
        assertTrue(r.secondary().keySet().containsAll(List.of("offer", "poll", "offered", "polled", "pollEmpty")),
                r.secondary().keySet().toString());
        assertEquals("polled", r.headline().name());
        assertEquals("ops/s", r.headline().unit());
        assertEquals(Direction.HIGHER_IS_BETTER, r.headlineDirection(), "messages polled per second: a rate");
    }

    @Test
    void readsTheJcstressSummary() throws URISyntaxException {
        StressSummary s = StressSummary.read(Path.of(getClass().getResource("/report/stress-summary.json").toURI()));
        assertTrue(s.ok());
        assertFalse(s.verdicts().isEmpty());
        assertTrue(s.verdicts().stream().anyMatch(v -> v.control() && "CAUGHT".equals(v.controlCheck())));
        assertTrue(s.forComponent("sessions").stream().allMatch(StressSummary.Verdict::passed));
        assertTrue(s.forComponent("sessions").stream().noneMatch(StressSummary.Verdict::control));
    }

    @Test
    void unitsConvertToOneBase() {
        assertEquals(1e6, ScoreUnits.toBaseFactor("ops/us"));
        assertEquals("ops/s", ScoreUnits.baseUnit("ops/us"));
        assertEquals(1e3, ScoreUnits.toBaseFactor("us/op"));
        assertEquals("ns/op", ScoreUnits.baseUnit("ms/op"));
        assertEquals(1, ScoreUnits.toBaseFactor("B/op"));
        assertEquals("B/op", ScoreUnits.baseUnit("B/op"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("avgt", "us/op"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.ofUnit("B/op"));
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.of("thrpt", "ops/ms"));
    }

    @Test
    void aDirectoryWithoutResultsIsRefused(@org.junit.jupiter.api.io.TempDir Path tmp) {
        assertThrows(IllegalArgumentException.class, () -> RunResults.load(tmp));
    }
}
