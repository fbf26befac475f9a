package dev.msgtrans.kernel.magic;

/**
 * A line magic failed (unknown name, nothing matches a path); the cell's code did not run.
 * No Java stack trace: the kernel's frames say nothing about the cell.
 */
public final class MagicException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the magic
     */
    public MagicException(String message) {
        super(message, null, false, false);
    }
}
