package dev.msgtrans.workbench.run;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.msgtrans.workbench.env.Environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of a run directory, and the one JSON mapper that reads and writes them:
 * <pre>
 * DIR/run.json            entries, status, files, exit codes, durations
 * DIR/env.json            environment fingerprint
 * DIR/results/NNNN-id.json  one entry's forks merged into one JMH JSON (raw per-iteration data per fork)
 * DIR/results/forks/NNNN-id.fK.json  JMH's JSON of fork K (a single-fork JMH process in round K)
 * DIR/logs/NNNN-id.fK.log   JMH's console output for that fork
 * </pre>
 */
public record RunLayout(Path dir) {

    /** Pretty-printed, and tolerant of JMH's {@code NaN} scores. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public Path runJson() {
        return dir.resolve("run.json");
    }

    public Path envJson() {
        return dir.resolve("env.json");
    }

    public Path results() {
        return dir.resolve("results");
    }

    /** Each fork's own JMH JSON; {@link #results()} holds every entry's forks merged. */
    public Path trials() {
        return dir.resolve("results").resolve("forks");
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    /** Creates the directories. */
    public RunLayout create() {
        try {
            Files.createDirectories(results());
            Files.createDirectories(trials());
            Files.createDirectories(logs());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + dir, e);
        }
        return this;
    }

    public RunRecord readRun() {
        return read(runJson(), RunRecord.class);
    }

    public Environment readEnv() {
        return read(envJson(), Environment.class);
    }

    public void write(RunRecord run) {
        write(runJson(), run);
    }

    public void write(Environment env) {
        write(envJson(), env);
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, Object value) {
        try {
            // write-then-rename: a crash mid-write must not leave a half file that merge would trust
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), value);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
