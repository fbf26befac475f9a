package dev.msgtrans.guide.snippets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snippet machinery itself: region extraction, Markdown parsing, the check and the rewrite. */
class TaggedRegionsTest {

    @TempDir
    Path dir;

    private Path source() throws IOException {
        Path src = dir.resolve("src/p/Example.java");
        Files.createDirectories(src.getParent());
        Files.write(src, List.of(
                "class Example {",
                "    // tag::outer[]",
                "    void a() {",
                "        // tag::inner[]",
                "        int x = 1;   ",
                "",
                "        // end::inner[]",
                "    }",
                "    // end::outer[]",
                "    // tag::open[]",
                "}"), StandardCharsets.UTF_8);
        return src;
    }

    @Test
    void regionIsDedentedWithNestedMarkersAndTrailingBlanksRemoved() throws IOException {
        Path src = source();
        assertEquals(List.of("void a() {", "    int x = 1;", "", "}"), TaggedRegions.region(src, "outer"));
        assertEquals(List.of("int x = 1;"), TaggedRegions.region(src, "inner"));
    }

    @Test
    void missingOrUnclosedTagsAreNamed() throws IOException {
        Path src = source();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> TaggedRegions.region(src, "nope"));
        assertTrue(missing.getMessage().contains("nope") && missing.getMessage().contains("Example.java"), missing.getMessage());
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class, () -> TaggedRegions.region(src, "open"));
        assertTrue(open.getMessage().contains("never closed"), open.getMessage());
    }

    @Test
    void checkReportsUntaggedAndStaleBlocksAndWriteFixesTheStaleOne() throws IOException {
        source();
        Path guide = Files.createDirectories(dir.resolve("guide"));
        Path md = guide.resolve("page.md");
        Files.write(md, List.of(
                "# Page",
                "<!-- include: p/Example.java#inner -->",
                "```java",
                "int x = 2;",
                "```",
                "```bash",
                "echo not java",
                "```",
                "```java",
                "untagged();",
                "```"), StandardCharsets.UTF_8);
        GuideSync sync = new GuideSync(guide, List.of(dir.resolve("src")));

        List<String> problems = sync.check();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("page.md:3") && problems.get(0).contains("p/Example.java#inner")
                && problems.get(0).contains("exec:java"), problems.get(0));
        assertTrue(problems.get(1).contains("page.md:9") && problems.get(1).contains("without an include"), problems.get(1));

        List<String> left = sync.write();
        assertEquals(1, left.size(), "the untagged block cannot be fixed by a rewrite: " + left);
        List<String> rewritten = Files.readAllLines(md, StandardCharsets.UTF_8);
        assertEquals("int x = 1;", rewritten.get(3));
        assertEquals("echo not java", rewritten.get(6), "non-java blocks are left alone");
        GuideDocument.JavaBlock first = GuideDocument.read(md).javaBlocks().get(0);
        assertNull(sync.problem(md, first));
        assertFalse(GuideDocument.read(md).javaBlocks().get(1).isInclude());
    }

    @Test
    void anUnclosedFenceIsAnError() throws IOException {
        Path md = Files.createDirectories(dir.resolve("g")).resolve("bad.md");
        Files.write(md, List.of("```java", "x();"), StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GuideDocument.read(md).javaBlocks());
        assertTrue(e.getMessage().contains("bad.md:1"), e.getMessage());
    }
}
