package dev.msgtrans.guide.snippets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the guide and the example sources are, seen from the examples module (surefire runs in its basedir). */
final class GuideFiles {

    private GuideFiles() {
    }

    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
    }

    /** migration-guide/ */
    static Path guideDir() {
        Path dir = moduleDir().getParent();
        if (!Files.isRegularFile(dir.resolve("README.md"))) {
            throw new IllegalStateException("migration-guide/README.md not found next to " + moduleDir());
        }
        return dir;
    }

    /** The repository root. */
    static Path repoDir() {
        return guideDir().getParent();
    }

    static List<Path> sourceRoots() {
        return List.of(moduleDir().resolve("src/main/java"), moduleDir().resolve("src/test/java"));
    }

    static GuideSync sync() {
        return new GuideSync(guideDir(), sourceRoots());
    }
}
