package dev.msgtrans.kernel.exec;

/**
 * Carries an {@link Error} thrown by a cell ({@code StackOverflowError}, {@code AssertionError}, ...) to the kernel,
 * whose error hook takes {@link Exception}s only. Exceptions thrown by a cell are reported as themselves.
 */
public final class CellErrorException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param error what the cell threw
     */
    public CellErrorException(Error error) {
        super(error.toString(), error);
        setStackTrace(error.getStackTrace()); // the reply's traceback lists this exception's frames: make them the cell's
    }
}
