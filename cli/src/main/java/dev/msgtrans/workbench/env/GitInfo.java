package dev.msgtrans.workbench.env;

import java.nio.file.Path;
import java.util.List;

/**
 * The source revision the benchmarks were built from. Immutable.
 *
 * @param revision {@code git rev-parse HEAD}, or {@code unknown} outside a work tree or without git
 * @param dirty    true when {@code git status --porcelain} lists changes: the numbers may not match the revision
 */
public record GitInfo(String revision, boolean dirty) {

    public static GitInfo probe(Path repository) {
        ProcessOutput head = ProcessOutput.run(List.of("git", "rev-parse", "HEAD"), repository, 30);
        if (head.exitCode() != 0) {
            return new GitInfo("unknown", false);
        }
        ProcessOutput status = ProcessOutput.run(
                List.of("git", "status", "--porcelain", "--untracked-files=no"), repository, 30);
        return new GitInfo(head.output().trim(), status.exitCode() != 0 || !status.output().isBlank());
    }

    /** {@code abc123} or {@code abc123 (dirty)}. */
    public String describe() {
        return revision + (dirty ? " (dirty)" : "");
    }
}
