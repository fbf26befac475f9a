package dev.msgtrans.workbench.env;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The source revision the benchmarks were built from. Immutable.
 *
 * @param revision {@code git rev-parse HEAD}, or {@code unknown} outside a work tree or without git
 * @param dirty    true when {@code git status --porcelain} lists changes outside the run's own output: the numbers
 *                 may not match the revision
 */
public record GitInfo(String revision, boolean dirty) {

    /**
     * @param outputs the directories this run writes (its --out, its report): a run regenerating a committed
     *                reference report in place changes tracked files there, which says nothing about the code
     *                measured, so they do not make the tree dirty
     */
    public static GitInfo probe(Path repository, Path... outputs) {
        ProcessOutput head = ProcessOutput.run(List.of("git", "rev-parse", "HEAD"), repository, 30);
        if (head.exitCode() != 0) {
            return new GitInfo("unknown", false);
        }
        List<String> command = new ArrayList<>(List.of("git", "status", "--porcelain", "--untracked-files=no"));
        Path root = repository.toAbsolutePath().normalize();
        List<String> excluded = new ArrayList<>();
        for (Path output : outputs) {
            Path dir = output == null ? null : output.toAbsolutePath().normalize();
            if (dir != null && dir.startsWith(root) && !dir.equals(root)) {
                excluded.add(":(exclude)" + root.relativize(dir).toString().replace('\\', '/'));
            }
        }
        if (!excluded.isEmpty()) {
            command.add("--");
            command.add(".");
            command.addAll(excluded);
        }
        ProcessOutput status = ProcessOutput.run(command, repository, 30);
        return new GitInfo(head.output().trim(), status.exitCode() != 0 || !status.output().isBlank());
    }

    /** {@code abc123} or {@code abc123 (dirty)}. */
    public String describe() {
        return revision + (dirty ? " (dirty)" : "");
    }
}
