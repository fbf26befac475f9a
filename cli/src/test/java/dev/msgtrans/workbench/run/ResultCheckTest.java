package dev.msgtrans.workbench.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultCheckTest {

    @TempDir
    Path dir;

    /** The fields of a JMH 1.37 JSON result that the check reads, with one benchmark. */
    static String result(Object score) {
        return """
                [{"jmhVersion": "1.37", "benchmark": "a.FooBenchmark.get", "mode": "thrpt", "threads": 1,
                  "params": {"variant": "mutex"},
                  "primaryMetric": {"score": %s, "scoreError": "NaN", "scoreUnit": "ops/s", "rawData": [[1.0]]},
                  "secondaryMetrics": {}}]""".formatted(score);
    }

    @Test
    void passesWhenEveryFileHasAPositiveScore() throws IOException {
        Files.writeString(dir.resolve("a.json"), result(12.5));
        Files.writeString(dir.resolve("b.json"), result(3.0e9));
        ResultCheck.Outcome o = new ResultCheck().check(dir);
        assertTrue(o.passed(), o.problems().toString());
        assertEquals(2, o.files().size());
    }

    @Test
    void failsOnZeroNanEmptyOrNoFiles() throws IOException {
        assertFalse(new ResultCheck().check(dir).passed(), "no result files is a failure");
        Files.writeString(dir.resolve("a.json"), result(12.5));
        Files.writeString(dir.resolve("zero.json"), result(0.0));
        Files.writeString(dir.resolve("nan.json"), result("\"NaN\""));
        Files.writeString(dir.resolve("empty.json"), "");
        ResultCheck.Outcome o = new ResultCheck().check(dir);
        assertEquals(3, o.problems().size(), o.problems().toString());
        assertTrue(JmhResultFile.read(dir.resolve("a.json")).healthy());
        assertFalse(JmhResultFile.read(dir.resolve("nan.json")).healthy());
        assertFalse(JmhResultFile.read(dir.resolve("missing.json")).healthy());
    }

    @Test
    void failsWhenRunJsonRecordsAFailedEntry() throws IOException {
        Path run = RunMergerTest.shard(dir.resolve("run"), 1, 1, 2, RunMergerTest.HOST, true);
        assertTrue(new ResultCheck().check(run).passed());
        RunLayout l = new RunLayout(run);
        RunRecord r = l.readRun();
        EntryRecord e = r.entries().get(1);
        EntryRecord failed = new EntryRecord(e.index(), e.id(), e.matrix(), e.benchmark(), e.regex(), e.params(),
                e.threads(), e.threadGroup(), e.jdk(), EntryRecord.FAILED, 1, e.resultFile(), e.logFile(), e.command(),
                e.startedAt(), e.durationSeconds(), e.expectedSeconds(), e.warnings(), "JMH exited with 1");
        l.write(new RunRecord(r.profile(), r.settings(), r.matrix(), r.include(), r.shard(), r.totalPlanned(),
                r.startedAt(), r.finishedAt(), 1, java.util.List.of(r.entries().get(0), failed)));
        ResultCheck.Outcome o = new ResultCheck().check(run);
        assertFalse(o.passed());
        assertTrue(o.problems().get(0).contains("JMH exited with 1"), o.problems().toString());
    }
}
