package dev.msgtrans.workbench.run;

import dev.msgtrans.workbench.env.Environment;
import dev.msgtrans.workbench.env.GitInfo;
import dev.msgtrans.workbench.env.HostInfo;
import dev.msgtrans.workbench.env.JdkInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunMergerTest {

    @TempDir
    Path tmp;

    static final HostInfo HOST = new HostInfo("h1", "Xeon", 2, 2, 2, 1L << 33, "Linux", "Debian", "6.1", "amd64");
    static final JdkInfo JDK = new JdkInfo("jdk17", "/jdk", "Debian", "17.0.15", "17.0.15+6", "OpenJDK 64-Bit Server VM",
            "17.0.15+6", List.of(), "-XX:+UseG1GC", "G1", "compiler");

    /** A shard directory as {@code run --shard i/n} would leave it, with one result and log per entry. */
    static Path shard(Path dir, int i, int n, int total, HostInfo host, boolean okScores) throws IOException {
        RunLayout l = new RunLayout(dir).create();
        List<EntryRecord> entries = new ArrayList<>();
        for (int index = i - 1; index < total; index += n) {
            String stem = String.format("%04d-FooBenchmark-t%d-jdk17", index + 1, index);
            Files.writeString(l.results().resolve(stem + ".json"), ResultCheckTest.result(okScores ? 1234.5 : 0.0));
            Files.writeString(l.logs().resolve(stem + ".log"), "# Blackhole mode: compiler\n");
            entries.add(new EntryRecord(index, "FooBenchmark t" + index + " jdk17", "ci", "a.FooBenchmark", "^a",
                    Map.of(), 1, null, "jdk17", EntryRecord.OK, 0, "results/" + stem + ".json", "logs/" + stem + ".log",
                    List.of("java"), "2026-01-01T00:00:0" + i + "Z", 1.0, 2.0, List.of(), null));
        }
        RunSettings s = Profile.SMOKE.settings();
        l.write(new RunRecord("smoke", s, "ci", null, i + "/" + n, total, "2026-01-01T00:00:0" + i + "Z",
                "2026-01-01T00:01:0" + i + "Z", 0, entries));
        l.write(new Environment(host, List.of(JDK), new GitInfo("abc", false), "smoke", s.describe(), "ci", i + "/" + n,
                "2026-01-01T00:00:0" + i + "Z", "2026-01-01T00:01:0" + i + "Z", List.of(), null));
        return dir;
    }

    @Test
    void joinsTwoShardsIntoOneRun() throws IOException {
        Path a = shard(tmp.resolve("a"), 1, 2, 5, HOST, true);
        Path b = shard(tmp.resolve("b"), 2, 2, 5, HOST, true);
        Path out = tmp.resolve("merged");
        RunMerger.Merged m = new RunMerger().merge(List.of(b, a), out);

        assertEquals(List.of(0, 1, 2, 3, 4), m.run().entries().stream().map(EntryRecord::index).toList());
        assertEquals("2/2+1/2", m.run().shard());
        assertEquals("2026-01-01T00:00:01Z", m.run().startedAt());
        assertEquals("2026-01-01T00:01:02Z", m.run().finishedAt());
        assertTrue(m.warnings().isEmpty(), m.warnings().toString());
        RunLayout merged = new RunLayout(out);
        assertEquals(m.run(), merged.readRun(), "run.json round-trips");
        Environment env = merged.readEnv();
        assertEquals(2, env.shards().size());
        assertEquals("2/2", env.shards().get(0).shard());
        for (EntryRecord e : m.run().entries()) {
            assertTrue(Files.isRegularFile(out.resolve(e.resultFile())), e.resultFile());
            assertTrue(Files.isRegularFile(out.resolve(e.logFile())), e.logFile());
        }
        assertTrue(new ResultCheck().check(out).passed());
    }

    @Test
    void keepsTheFilesARunnerWroteBesideAResult() throws IOException {
        Path a = shard(tmp.resolve("a"), 1, 2, 4, HOST, true);
        Path b = shard(tmp.resolve("b"), 2, 2, 4, HOST, true);
        // the latency runner's HdrHistogram logs: STEM.hlog, or STEM.forkN.hlog with several forks
        Files.writeString(a.resolve("results/0001-FooBenchmark-t0-jdk17.hlog"), "#[StartTime: 0]\n");
        Files.writeString(b.resolve("results/0002-FooBenchmark-t1-jdk17.fork2.hlog"), "#[StartTime: 0]\n");
        Path out = tmp.resolve("merged");
        new RunMerger().merge(List.of(a, b), out);
        assertTrue(Files.isRegularFile(out.resolve("results/0001-FooBenchmark-t0-jdk17.hlog")));
        assertTrue(Files.isRegularFile(out.resolve("results/0002-FooBenchmark-t1-jdk17.fork2.hlog")));
        assertTrue(new ResultCheck().check(out).passed(), "an .hlog is not a result file");
    }

    @Test
    void warnsWhenShardsRanOnDifferentMachinesOrAreMissing() throws IOException {
        HostInfo other = new HostInfo("h2", "EPYC", 4, 8, 8, 1L << 34, "Linux", "Debian", "6.1", "amd64");
        Path a = shard(tmp.resolve("a"), 1, 3, 6, HOST, true);
        Path b = shard(tmp.resolve("b"), 2, 3, 6, other, true);
        RunMerger.Merged m = new RunMerger().merge(List.of(a, b), tmp.resolve("m"));
        String all = String.join("\n", m.warnings());
        assertTrue(all.contains("CPU models differ") && all.contains("core counts differ")
                && all.contains("shards [3] of 3 are missing"), all);
        assertTrue(m.env().warnings().containsAll(m.warnings()), "recorded in env.json too");
    }

    @Test
    void refusesOverlappingShardsAndForeignRuns() throws IOException {
        Path a = shard(tmp.resolve("a"), 1, 2, 4, HOST, true);
        Path a2 = shard(tmp.resolve("a2"), 1, 2, 4, HOST, true);
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                () -> new RunMerger().merge(List.of(a, a2), tmp.resolve("m1")));
        assertTrue(overlap.getMessage().contains("overlap"), overlap.getMessage());
        Path foreign = shard(tmp.resolve("f"), 2, 2, 9, HOST, true);
        assertThrows(IllegalArgumentException.class, () -> new RunMerger().merge(List.of(a, foreign), tmp.resolve("m2")));
        assertThrows(IllegalArgumentException.class, () -> new RunMerger().merge(List.of(a), a));
    }
}
