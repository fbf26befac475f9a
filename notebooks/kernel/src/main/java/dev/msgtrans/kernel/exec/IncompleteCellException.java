package dev.msgtrans.kernel.exec;

/**
 * A cell ends with text that is not a complete snippet (an unclosed brace, a dangling expression); none of it ran.
 * No Java stack trace: the kernel's frames say nothing about the cell.
 */
public final class IncompleteCellException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param remainder the incomplete text
     */
    public IncompleteCellException(String remainder) {
        super("incomplete input at the end of the cell (nothing was run): " + firstLine(remainder), null, false, false);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " ...";
    }
}
