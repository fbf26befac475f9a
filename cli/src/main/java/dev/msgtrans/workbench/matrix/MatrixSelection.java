package dev.msgtrans.workbench.matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /**
     * As {@link #expand()}, on a machine with {@code cores} logical cores. A configuration that two parts both
     * select (the same benchmark, parameters, threads and options) is measured once, at its first place, and named
     * after both matrices ({@code shootout+seed}), so that every page showing it shows the same measurement.
     */
    public List<MatrixPoint> expand(int cores) {
        List<MatrixPoint> out = new ArrayList<>();
        Map<List<Object>, Integer> at = new HashMap<>();
        for (Matrix m : parts) {
            for (MatrixPoint p : m.expand(cores)) {
                Integer first = at.putIfAbsent(configuration(p), out.size());
                if (first == null) {
                    out.add(p);
                } else if (!out.get(first).inMatrix(p.matrix())) {
                    out.set(first, out.get(first).alsoIn(p.matrix()));
                }
            }
        }
        return out;
    }

    /** The configurations two or more parts share, by id with their matrices, e.g. {@code "X t1 (phases+seed)"}. */
    public List<String> shared(int cores) {
        return expand(cores).stream().filter(p -> p.matrix().contains(MatrixPoint.MATRIX_SEPARATOR))
                .map(p -> p.id() + " (" + p.matrix() + ")").toList();
    }

    private static List<Object> configuration(MatrixPoint p) {
        return List.of(p.regex(), new TreeMap<>(p.params()), p.threads(), String.valueOf(p.threadGroup()),
                p.jmhArgs(), p.runner());
    }
}
