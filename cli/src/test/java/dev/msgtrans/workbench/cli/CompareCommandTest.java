package dev.msgtrans.workbench.cli;

import dev.msgtrans.workbench.compare.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command's exit codes are the CI gate. */
class CompareCommandTest {

    private static int run(String... args) {
        return Workbench.commandLine().execute(args);
    }

    @Test
    void exitCodeIsZeroForARunAgainstItselfAndOneForASignificantSlowdown(@TempDir Path tmp) throws Exception {
        String a = Fixtures.run("run-a").toString();
        String slow = Fixtures.run("run-a-slow2x").toString();
        assertEquals(0, run("compare", a, a, "--out", tmp.resolve("same.md").toString()));
        assertEquals(1, run("compare", a, slow, "--format", "json", "--out", tmp.resolve("slow.json").toString()));
        assertTrue(Files.readString(tmp.resolve("slow.json")).contains("\"gateFailed\" : true"));
        // a 2x slowdown is significant but within a 60% fail-above: the gate passes
        assertEquals(0, run("compare", a, slow, "--fail-above", "0.6", "--out",
                tmp.resolve("lenient.md").toString()));
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path tmp) {
        String a = Fixtures.run("run-a").toString();
        assertEquals(2, run("compare", a, a, "--format", "xml"));
        assertEquals(2, run("compare", a, a, "--correction", "guess"));
        assertEquals(2, run("compare", a, a, "--alpha", "0.7"));
        assertEquals(2, run("compare", a, tmp.toString()), "a directory without results");
    }

    @Test
    void reportRendersTheIndex(@TempDir Path tmp) {
        assertEquals(0, run("report", Fixtures.run("run-a").toString(), "--out", tmp.toString()));
        assertTrue(Files.exists(tmp.resolve("README.md")));
        assertTrue(Files.exists(tmp.resolve("phase-1-sessions.md")));
    }
}
