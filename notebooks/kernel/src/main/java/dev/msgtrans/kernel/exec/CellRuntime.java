package dev.msgtrans.kernel.exec;

import java.util.function.Consumer;

/**
 * What cells can call back into the kernel with: {@code display(Object)} (defined in every shell as a top-level
 * method that forwards here) publishes a value as a display output while the cell is still running, as IJava's
 * {@code display} does; the value is rendered like a last expression (a chart becomes an {@code image/png}).
 *
 * <p>Threading: the evaluator attaches the sink on the shell thread before a cell and detaches it after; cells
 * call {@link #display(Object)} on the worker thread (or on threads they start). The sink is volatile for that
 * hand-over; the sink itself must be safe to call from any thread (the kernel's publishes are synchronized).
 */
public final class CellRuntime {
    private static volatile Consumer<Object> sink;

    private CellRuntime() {
    }

    /**
     * Displays a value now, as a separate output of the running cell.
     *
     * @param value what to show; {@code null} shows {@code null}
     * @throws IllegalStateException if no cell is running (a thread left over from an earlier cell)
     */
    public static void display(Object value) {
        Consumer<Object> current = sink;
        if (current == null) {
            throw new IllegalStateException("display() works only while a cell runs");
        }
        current.accept(value);
    }

    static void attach(Consumer<Object> displaySink) {
        sink = displaySink;
    }

    static void detach() {
        sink = null;
    }
}
