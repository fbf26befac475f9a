package dev.msgtrans.kernel.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Splitting a cell into snippets: boundaries, offsets in the cell, and incomplete endings. */
class SnippetSplitterTest {
    private static JShell shell;
    private static SourceCodeAnalysis analysis;

    @BeforeAll
    static void startShell() {
        // analysis is syntactic: JShell's in-process engine, nothing is executed
        shell = JShell.builder().executionEngine("local").build();
        analysis = shell.sourceCodeAnalysis();
    }

    @AfterAll
    static void closeShell() {
        shell.close();
    }

    private static List<String> sources(SnippetSplitter.Split split) {
        return split.snippets().stream().map(CellSnippet::source).map(String::strip).toList();
    }

    @Test
    void splitsStatementsAndAFinalExpressionWithoutSemicolon() {
        String cell = "int a = 1;\nint b = 2;\na + b";
        SnippetSplitter.Split split = SnippetSplitter.split(analysis, cell);

        assertEquals(3, split.snippets().size(), () -> sources(split).toString());
        assertEquals("int a = 1;", sources(split).get(0));
        assertTrue(sources(split).get(2).startsWith("a + b"), sources(split).get(2));
        assertFalse(split.isIncomplete());
    }

    @Test
    void recordsWhereEachSnippetsSourceStartsInTheCell() {
        String cell = "int a = 1;\n\n   String s = \"x\";\ns.length()";
        SnippetSplitter.Split split = SnippetSplitter.split(analysis, cell);

        assertEquals(3, split.snippets().size());
        for (CellSnippet snippet : split.snippets()) {
            String source = snippet.source();
            String stem = cell.endsWith(source) || cell.startsWith(source, snippet.offset())
                    ? source : source.substring(0, source.length() - 1); // a semicolon JShell added
            assertTrue(cell.startsWith(stem, snippet.offset()), () -> snippet + " in " + cell);
        }
        assertEquals(cell.indexOf("s.length"), split.snippets().get(2).offset() + 1, "after the line break");
    }

    @Test
    void keepsAMethodWithSeveralStatementsAsOneSnippet() {
        String cell = "int twice(int x) {\n  int y = x;\n  return y + x;\n}\ntwice(21)";
        SnippetSplitter.Split split = SnippetSplitter.split(analysis, cell);

        assertEquals(2, split.snippets().size(), () -> sources(split).toString());
        assertTrue(sources(split).get(0).startsWith("int twice(int x) {"));
        assertTrue(sources(split).get(0).endsWith("}"));
    }

    @Test
    void reportsAnUnclosedBlockAtTheEndAsIncomplete() {
        String cell = "int a = 1;\nvoid f() {\n  a++;";
        SnippetSplitter.Split split = SnippetSplitter.split(analysis, cell);

        assertTrue(split.isIncomplete());
        assertEquals(1, split.snippets().size());
        assertTrue(split.incomplete().startsWith("void f() {"), split.incomplete());
    }

    @Test
    void findsNothingInABlankOrCommentOnlyCell() {
        for (String cell : List.of("", "  \n\n", "// just a note\n/* and another */")) {
            SnippetSplitter.Split split = SnippetSplitter.split(analysis, cell);
            assertTrue(split.snippets().isEmpty(), () -> "cell " + cell + ": " + sources(split));
            assertFalse(split.isIncomplete(), cell);
        }
    }
}
