package dev.msgtrans.workbench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CI check of a run directory: every JMH result file is readable and has at least one benchmark with a
 * positive primary score, and, when {@code run.json} is present, every entry it lists succeeded and left its
 * result file. Stateless.
 */
public final class ResultCheck {

    /**
     * @param files    every result file examined
     * @param problems one line per problem; empty means the run is good
     */
    public record Outcome(List<JmhResultFile> files, List<String> problems) {

        public boolean passed() {
            return problems.isEmpty();
        }
    }

    /** Checks {@code dir}: a run directory, or any directory of JMH JSON files. */
    public Outcome check(Path dir) {
        RunLayout layout = new RunLayout(dir);
        List<String> problems = new ArrayList<>();
        List<JmhResultFile> files = new ArrayList<>();
        Path resultsDir = Files.isDirectory(layout.results()) ? layout.results() : dir;
        for (Path f : jsonFiles(resultsDir)) {
            JmhResultFile r = JmhResultFile.read(f);
            files.add(r);
            if (!r.healthy()) {
                problems.add(dir.relativize(f) + ": " + r.verdict());
            }
        }
        if (files.isEmpty()) {
            problems.add("no JMH result files in " + resultsDir);
        }
        if (Files.isRegularFile(layout.runJson())) {
            for (EntryRecord e : layout.readRun().entries()) {
                if (!e.ok()) {
                    problems.add("entry " + e.id() + ": " + e.status() + (e.message() == null ? "" : " (" + e.message() + ")"));
                } else if (e.resultFile() == null || !Files.isRegularFile(dir.resolve(e.resultFile()))) {
                    problems.add("entry " + e.id() + ": result file " + e.resultFile() + " is missing");
                }
            }
        }
        return new Outcome(files, problems);
    }

    private static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("run.json")
                            && !p.getFileName().toString().equals("env.json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
