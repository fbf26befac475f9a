package dev.msgtrans.kernel.exec;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * Splits a cell into the snippets {@code JShell.eval} accepts one at a time, with
 * {@link SourceCodeAnalysis#analyzeCompletion(String)}.
 *
 * <p>The split is syntactic and done up front, so a cell whose end is incomplete (an unclosed brace) fails before
 * any of it runs. A snippet with a syntax error counts as complete here: JShell then rejects it with positioned
 * diagnostics, which is the better error.
 *
 * <p>Threading: stateless; the {@link SourceCodeAnalysis} belongs to a JShell, which is not thread-safe, so call
 * this on the thread that uses that JShell.
 */
public final class SnippetSplitter {
    private SnippetSplitter() {
    }

    /**
     * The snippets of a cell, and the incomplete text left at its end if any.
     *
     * @param snippets the complete snippets in cell order
     * @param incomplete trimmed text after the last complete snippet that is not a complete snippet, or {@code ""}
     */
    public record Split(List<CellSnippet> snippets, String incomplete) {
        /**
         * Whether the cell ends with text that is not a complete snippet.
         *
         * @return {@code true} if {@link #incomplete()} is not empty
         */
        public boolean isIncomplete() {
            return !incomplete.isEmpty();
        }
    }

    /**
     * Splits a cell.
     *
     * @param analysis the analysis of the JShell that will evaluate the snippets
     * @param cell the cell's source, after magics were removed
     * @return the snippets and any incomplete remainder
     */
    public static Split split(SourceCodeAnalysis analysis, String cell) {
        List<CellSnippet> snippets = new ArrayList<>();
        String remaining = cell;
        CompletionInfo info = analysis.analyzeCompletion(remaining);
        while (info.completeness().isComplete()) {
            int base = cell.length() - remaining.length();
            snippets.add(new CellSnippet(info.source(), base + startOf(remaining, info)));
            remaining = info.remaining();
            info = analysis.analyzeCompletion(remaining);
        }
        // EMPTY: only blanks and comments are left
        String incomplete = info.completeness() == Completeness.EMPTY ? "" : remaining.strip();
        return new Split(List.copyOf(snippets), incomplete);
    }

    /**
     * Where a snippet's source starts in the text it was cut from. JShell returns the text itself (leading blanks
     * included), so this is 0, unless it added a semicolon; searching keeps diagnostics right if that ever changes.
     */
    private static int startOf(String text, CompletionInfo info) {
        String source = info.source();
        String stem = info.completeness() == Completeness.COMPLETE_WITH_SEMI && source.endsWith(";")
                ? source.substring(0, source.length() - 1)
                : source;
        return Math.max(0, text.indexOf(stem));
    }
}
