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

    /** The parts' points, concatenated in order: the stable order that sharding and file numbering rely on. */
    public List<MatrixPoint> expand() {
        List<MatrixPoint> out = new ArrayList<>();
        for (Matrix m : parts) {
            out.addAll(m.expand());
        }
        return out;
    }
}
