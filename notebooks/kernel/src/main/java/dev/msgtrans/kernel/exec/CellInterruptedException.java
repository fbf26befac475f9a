package dev.msgtrans.kernel.exec;

/**
 * The cell was interrupted (Jupyter's interrupt request); the snippets after the interrupted one did not run.
 * No Java stack trace: the kernel's frames say nothing about the cell.
 */
public final class CellInterruptedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public CellInterruptedException() {
        super("cell interrupted", null, false, false);
    }
}
