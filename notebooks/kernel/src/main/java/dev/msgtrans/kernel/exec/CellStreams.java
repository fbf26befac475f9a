package dev.msgtrans.kernel.exec;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Where one cell's output goes: {@code System.out} and {@code System.err} are switched to {@link #out()} and
 * {@link #err()} while the cell runs, and {@code display(value)} hands values to {@link #display()}.
 * In the kernel these are Jupyter stream and display messages; in tests, byte buffers and lists.
 *
 * @param out receives the cell's standard output
 * @param err receives the cell's standard error
 * @param display receives the values the cell passes to {@code display(Object)}
 */
public record CellStreams(PrintStream out, PrintStream err, Consumer<Object> display) {
}
