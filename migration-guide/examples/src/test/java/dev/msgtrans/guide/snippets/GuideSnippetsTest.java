package dev.msgtrans.guide.snippets;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guide cannot rot: every fenced java block of {@code migration-guide/*.md} must carry an include marker, and
 * its text must equal the tagged region it names (whitespace-normalised). A failure names the Markdown file, the
 * line, the source and the tag, and says how to rewrite the blocks ({@link GuideSync}).
 */
class GuideSnippetsTest {

    /** The guide's pages; a missing chapter fails here rather than passing with nothing to check. */
    private static final List<String> PAGES = List.of("README.md", "01-sessions.md", "02-actors-and-events.md",
            "03-pools.md", "04-requests-and-dispatch.md", "05-network-io.md", "06-worked-port.md");

    @Test
    void everyPageOfTheGuideIsThere() throws IOException {
        List<String> names = new ArrayList<>();
        for (Path p : GuideFiles.sync().markdownFiles()) {
            names.add(p.getFileName().toString());
        }
        assertTrue(names.containsAll(PAGES), "expected pages " + PAGES + ", found " + names);
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockIsTheTaggedRegionItIncludes() throws IOException {
        GuideSync sync = GuideFiles.sync();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path md : sync.markdownFiles()) {
            for (GuideDocument.JavaBlock block : GuideDocument.read(md).javaBlocks()) {
                tests.add(DynamicTest.dynamicTest(block.describe(md), () -> {
                    String problem = sync.problem(md, block);
                    assertNull(problem, problem);
                }));
            }
        }
        assertTrue(tests.size() >= PAGES.size(), "the guide shows hardly any code: " + tests.size() + " java blocks");
        return tests.stream();
    }

    @Test
    void theCheckToolAgreesWithTheTest() throws IOException {
        assertEquals(List.of(), GuideFiles.sync().check());
    }
}
