package dev.msgtrans.guide.snippets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks or rewrites the guide's java blocks against the tagged regions of the example sources.
 * <p>
 * Every fenced {@code java} block in {@code GUIDE_DIR/*.md} must be preceded by an include marker
 * ({@code <!-- include: dev/msgtrans/guide/port/MigrationStep.java#step-baseline -->}), whose path is resolved
 * against each source root in turn. {@code --check} reports each block that is unmarked, unresolvable or differs
 * from its region (after {@linkplain TaggedRegions#normalise whitespace normalisation}); {@code --write} replaces
 * each marked block's body with its region and reports only what it cannot fix. Exit status 0 when nothing is
 * left to report, 1 otherwise, 2 on bad usage.
 *
 * <pre>
 * mvn -B -o -q -pl migration-guide/examples compile exec:java                      (rewrites; arguments in the pom)
 * java -cp migration-guide/examples/target/classes dev.msgtrans.guide.snippets.GuideSync \
 *      --check migration-guide migration-guide/examples/src/main/java migration-guide/examples/src/test/java
 * </pre>
 * <p>
 * Stateless; one run at a time per guide directory (it rewrites files).
 */
public final class GuideSync {

    private final Path guideDir;
    private final List<Path> sourceRoots;

    public GuideSync(Path guideDir, List<Path> sourceRoots) {
        this.guideDir = guideDir.toAbsolutePath().normalize();
        this.sourceRoots = List.copyOf(sourceRoots);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || !(args[0].equals("--check") || args[0].equals("--write"))) {
            System.err.println("usage: GuideSync --check|--write GUIDE_DIR SOURCE_ROOT...");
            System.exit(2);
        }
        List<Path> roots = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            roots.add(Path.of(args[i]));
        }
        GuideSync sync = new GuideSync(Path.of(args[1]), roots);
        List<String> problems = args[0].equals("--write") ? sync.write() : sync.check();
        problems.forEach(System.err::println);
        if (!problems.isEmpty()) {
            System.exit(1);
        }
        System.out.println("guide " + sync.guideDir.normalize() + ": every java block matches its tagged region");
    }

    /** The guide's Markdown files, sorted by name. */
    public List<Path> markdownFiles() throws IOException {
        try (Stream<Path> s = Files.list(guideDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
    }

    /** @return one message per block that is not an include, cannot be resolved, or differs from its region */
    public List<String> check() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path md : markdownFiles()) {
            GuideDocument doc = GuideDocument.read(md);
            for (GuideDocument.JavaBlock block : doc.javaBlocks()) {
                String problem = problem(md, block);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        return problems;
    }

    /** Rewrites every include from its region. @return what could not be fixed */
    public List<String> write() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path md : markdownFiles()) {
            GuideDocument doc = GuideDocument.read(md);
            boolean changed = false;
            // Bottom-up, so that replacing one body does not move the lines of the blocks still to do.
            List<GuideDocument.JavaBlock> blocks = new ArrayList<>(doc.javaBlocks());
            java.util.Collections.reverse(blocks);
            for (GuideDocument.JavaBlock block : blocks) {
                if (!block.isInclude()) {
                    problems.add(untagged(md, block));
                    continue;
                }
                try {
                    List<String> region = regionOf(block);
                    if (!TaggedRegions.normalise(block.body()).equals(region)) {
                        doc = doc.withBody(block, region);
                        changed = true;
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(block.describe(md) + ": " + e.getMessage());
                }
            }
            if (changed) {
                doc.write();
                System.out.println("rewrote " + md);
            }
        }
        return problems;
    }

    /** @return why {@code block} is wrong, or {@code null} when it matches its region */
    public String problem(Path md, GuideDocument.JavaBlock block) throws IOException {
        if (!block.isInclude()) {
            return untagged(md, block);
        }
        List<String> region;
        try {
            region = regionOf(block);
        } catch (IllegalArgumentException e) {
            return block.describe(md) + ": " + e.getMessage();
        }
        List<String> shown = TaggedRegions.normalise(block.body());
        if (shown.equals(region)) {
            return null;
        }
        return block.describe(md) + ": the block differs from tag '" + block.tag() + "' in " + block.source()
                + firstDifference(shown, region) + "; run: mvn -B -o -q -pl migration-guide/examples compile exec:java";
    }

    /** The region an include names, from the first source root that has the file. */
    public List<String> regionOf(GuideDocument.JavaBlock block) throws IOException {
        for (Path root : sourceRoots) {
            Path file = root.resolve(block.source());
            if (Files.isRegularFile(file)) {
                return TaggedRegions.region(file, block.tag());
            }
        }
        throw new IllegalArgumentException("source " + block.source() + " not found under " + sourceRoots);
    }

    private static String untagged(Path md, GuideDocument.JavaBlock block) {
        return block.describe(md) + ": java block without an include marker; every java block must be"
                + " <!-- include: path/To/Source.java#tag --> so that it is compiled and tested";
    }

    private static String firstDifference(List<String> shown, List<String> region) {
        int n = Math.min(shown.size(), region.size());
        for (int i = 0; i < n; i++) {
            if (!shown.get(i).equals(region.get(i))) {
                return " (line " + (i + 1) + " of the block: guide has '" + shown.get(i) + "', source has '"
                        + region.get(i) + "')";
            }
        }
        return " (the guide shows " + shown.size() + " lines, the source region has " + region.size() + ")";
    }
}
