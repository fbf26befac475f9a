package dev.msgtrans.workbench.matrix;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --matrix} selected: one matrix, or a union of several (e.g. {@code all}); points keep the name of the
 * matrix they came from. Immutable.
 *
 * @param name  the name given on the command line
 * @param parts the matrices, in order
 */
public record MatrixSelection(String name, List<Matrix> parts) {

    public MatrixSelection {
        parts = List.copyOf(parts);
    }

    /**
     * The parts' points on this machine's cores, concatenated in order: the stable order that sharding and file
     * numbering rely on (so every shard of a run must run on machines with the same number of cores).
     */
    public List<MatrixPoint> expand() {
        return expand(Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #expand()}, on a machine with {@code cores} logical cores. */
    public List<MatrixPoint> expand(int cores) {
        List<MatrixPoint> out = new ArrayList<>();
        for (Matrix m : parts) {
            out.addAll(m.expand(cores));
        }
        return out;
    }
}
