package dev.msgtrans.workbench.env;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real git work tree in a temp dir: the run's own output directories do not make the revision dirty. */
class GitInfoTest {

    private static void git(Path repo, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t"));
        command.addAll(List.of(args));
        ProcessOutput out = ProcessOutput.run(command, repo, 30);
        assertEquals(0, out.exitCode(), () -> String.join(" ", command) + ": " + out.output());
    }

    @Test
    void changesUnderTheRunsOutputsDoNotMakeItDirtyOtherChangesDo(@TempDir Path repo) throws IOException {
        git(repo, "init", "-q");
        Files.createDirectories(repo.resolve("reports/run"));
        Files.writeString(repo.resolve("reports/run/result.json"), "old");
        Files.writeString(repo.resolve("Code.java"), "class Code {}");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "fixture");
        assertFalse(GitInfo.probe(repo).dirty(), "a clean tree");

        Files.delete(repo.resolve("reports/run/result.json")); // a reference run regenerated in place
        assertTrue(GitInfo.probe(repo).dirty(), "without outputs every tracked change counts");
        GitInfo regenerated = GitInfo.probe(repo, repo.resolve("reports/run"), repo.resolve("reports"));
        assertFalse(regenerated.dirty(), "the run's own output is not a change to the measured code");
        assertEquals(40, regenerated.revision().length());

        Files.writeString(repo.resolve("Code.java"), "class Code { int changed; }");
        assertTrue(GitInfo.probe(repo, repo.resolve("reports")).dirty(), "a source change still counts");
        assertTrue(GitInfo.probe(repo, Path.of("/elsewhere/out"), null).dirty(), "outputs outside the tree change nothing");
    }
}
