package dev.msgtrans.kernel.exec;

/**
 * One complete JShell snippet cut from a cell, with where it starts in the cell so that compiler diagnostics
 * (positioned within the snippet) can be reported as cell lines and columns.
 *
 * @param source the snippet as JShell takes it: the cell's text from {@code offset} on, blanks and comments
 *     included, possibly with a semicolon added at the end
 * @param offset index in the cell of the source's first character
 */
public record CellSnippet(String source, int offset) {
}
