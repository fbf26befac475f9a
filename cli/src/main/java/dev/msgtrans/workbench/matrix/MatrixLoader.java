package dev.msgtrans.workbench.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads and validates matrix files. {@code --matrix} takes a name, resolved as {@code NAME.json} in the matrices
 * directory ({@code harness/matrices}), a path to a file, or {@code all}, the union of {@link #ALL_PARTS}.
 * Validation happens here, once, so that {@code list}, {@code run} and the tests agree on what a valid matrix is.
 * Stateless apart from its two inputs; safe to share.
 */
public final class MatrixLoader {

    /** The matrices {@code all} joins (also the default of the {@code quick} and {@code full} profiles). */
    public static final List<String> ALL_PARTS = List.of("phases", "shootout", "e2e", "seed");

    /** Name of the union of {@link #ALL_PARTS}. */
    public static final String ALL = "all";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final Path matricesDir;
    private final VariantCatalog catalog;

    public MatrixLoader(Path matricesDir, VariantCatalog catalog) {
        this.matricesDir = matricesDir;
        this.catalog = catalog;
    }

    public Path matricesDir() {
        return matricesDir;
    }

    /** Names of the matrix files in the matrices directory, sorted. */
    public List<String> available() {
        if (!Files.isDirectory(matricesDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(matricesDir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + matricesDir, e);
        }
    }

    /**
     * @throws IllegalArgumentException if the matrix does not exist or is invalid; the message says which entry
     */
    public MatrixSelection select(String nameOrPath) {
        if (ALL.equals(nameOrPath)) {
            List<Matrix> parts = new ArrayList<>();
            for (String n : ALL_PARTS) {
                parts.add(load(n));
            }
            return new MatrixSelection(ALL, parts);
        }
        Matrix m = load(nameOrPath);
        return new MatrixSelection(m.name(), List.of(m));
    }

    /** One matrix file, by name or path. */
    public Matrix load(String nameOrPath) {
        Path file = resolve(nameOrPath);
        String base = file.getFileName().toString().replaceFirst("\\.json$", "");
        Matrix raw;
        try {
            raw = JSON.readValue(file.toFile(), Matrix.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("matrix " + file + " is not valid: " + e.getOriginalMessage()
                    + " (at " + e.getLocation() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read matrix " + file, e);
        }
        if (raw.name() != null && !raw.name().equals(base)) {
            throw new IllegalArgumentException("matrix " + file + " calls itself \"" + raw.name()
                    + "\" but its file name says \"" + base + "\"; names are the key of results, keep them equal");
        }
        if (raw.entries().isEmpty()) {
            throw new IllegalArgumentException("matrix " + file + " has no entries");
        }
        Matrix m = new Matrix(base, raw.description(), raw.entries());
        for (int i = 0; i < m.entries().size(); i++) {
            m.entries().get(i).validate("matrix " + base + ", entry " + (i + 1) + " ("
                    + m.entries().get(i).benchmark() + ")", catalog);
        }
        return m;
    }

    private Path resolve(String nameOrPath) {
        Path asPath = Path.of(nameOrPath);
        if (nameOrPath.endsWith(".json") || nameOrPath.contains("/") || nameOrPath.contains("\\")) {
            if (!Files.isRegularFile(asPath)) {
                throw new IllegalArgumentException("matrix file not found: " + asPath.toAbsolutePath());
            }
            return asPath;
        }
        Path named = matricesDir.resolve(nameOrPath + ".json");
        if (!Files.isRegularFile(named)) {
            throw new IllegalArgumentException("unknown matrix '" + nameOrPath + "'; known matrices in " + matricesDir
                    + ": " + String.join(", ", available()) + ", and " + ALL + " (" + String.join(" + ", ALL_PARTS)
                    + "); or give a path to a .json file");
        }
        return named;
    }

}
