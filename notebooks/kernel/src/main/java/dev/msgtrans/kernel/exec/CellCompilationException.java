package dev.msgtrans.kernel.exec;

import java.util.List;

/**
 * A snippet of a cell did not compile. {@link #report()} holds every error with its cell line and column, the
 * offending source line and a caret under the offending span; the message is the same report as one string, since
 * headless runners (nbclient) print the message, and the error output shows the report.
 *
 * <p>It has no Java stack trace: the kernel's frames say nothing about the cell.
 */
public final class CellCompilationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> report;

    /**
     * @param report every error, one string per output line, the first line naming the first error
     */
    public CellCompilationException(List<String> report) {
        super(String.join("\n", report), null, false, false);
        this.report = List.copyOf(report);
    }

    /**
     * The full report.
     *
     * @return one string per line, no line breaks inside
     */
    public List<String> report() {
        return report;
    }
}
