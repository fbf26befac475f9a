package dev.msgtrans.workbench.matrix;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * A named list of {@link MatrixEntry}s, as read from {@code harness/matrices/NAME.json}. Immutable.
 *
 * @param name        the file's base name (or a synthetic name such as {@code all} for a union)
 * @param description what the matrix measures and, where a grid was cut to fit a time budget, what was cut
 * @param entries     the entries, in file order (the expansion order)
 */
public record Matrix(@JsonProperty("name") String name,
                     @JsonProperty("description") String description,
                     @JsonProperty(value = "entries", required = true) List<MatrixEntry> entries) {

    public Matrix {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** Every point of every entry, in file order, on this machine's cores. */
    public List<MatrixPoint> expand() {
        return expand(Runtime.getRuntime().availableProcessors());
    }

    /** Every point of every entry, in file order, on a machine with {@code cores} logical cores. */
    public List<MatrixPoint> expand(int cores) {
        List<MatrixPoint> out = new ArrayList<>();
        for (MatrixEntry e : entries) {
            out.addAll(e.expand(name, cores));
        }
        return out;
    }
}
