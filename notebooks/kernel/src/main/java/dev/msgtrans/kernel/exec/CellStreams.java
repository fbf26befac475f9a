package dev.msgtrans.kernel.exec;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Where one cell's input and output go: {@code System.out}, {@code System.err} and {@code System.in} are switched
 * to {@link #out()}, {@link #err()} and {@link #in()} while the cell runs, and {@code display(value)} hands values to
 * {@link #display()}. In the kernel these are Jupyter stream, input and display messages; in tests, byte buffers
 * and lists.
 *
 * @param out receives the cell's standard output
 * @param err receives the cell's standard error
 * @param in what the cell reads from standard input
 * @param display receives the values the cell passes to {@code display(Object)}
 */
public record CellStreams(PrintStream out, PrintStream err, InputStream in, Consumer<Object> display) {
    /**
     * Streams with an empty standard input.
     *
     * @param out receives the cell's standard output
     * @param err receives the cell's standard error
     * @param display receives the values the cell passes to {@code display(Object)}
     */
    public CellStreams(PrintStream out, PrintStream err, Consumer<Object> display) {
        this(out, err, InputStream.nullInputStream(), display);
    }
}
