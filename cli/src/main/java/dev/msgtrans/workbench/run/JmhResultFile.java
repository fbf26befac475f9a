package dev.msgtrans.workbench.run;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a JMH JSON result file ({@code -rf json}) holds, reduced to what a sanity check needs: for each benchmark
 * result, its name, params and primary score. Immutable.
 *
 * @param file    the file
 * @param scores  one line per result, e.g. {@code dev...MailboxBenchmark.offer {variant=mutex} = 1.2E7 ops/s}
 * @param results number of results in the file
 * @param positive number of results whose primary score is finite and positive
 * @param error   why the file could not be read, or null
 */
public record JmhResultFile(Path file, List<String> scores, int results, int positive, String error) {

    /** Reads a result file; never throws, an unreadable file is reported through {@link #error}. */
    public static JmhResultFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new JmhResultFile(file, List.of(), 0, 0, "missing");
        }
        JsonNode root;
        try {
            root = RunLayout.JSON.readTree(file.toFile());
        } catch (IOException e) {
            return new JmhResultFile(file, List.of(), 0, 0, "not JSON: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            return new JmhResultFile(file, List.of(), 0, 0, "not a JMH result array (empty file?)");
        }
        List<String> scores = new ArrayList<>();
        int positive = 0;
        for (JsonNode r : root) {
            JsonNode primary = r.path("primaryMetric");
            double score = number(primary.path("score"));
            if (Double.isFinite(score) && score > 0) {
                positive++;
            }
            scores.add(r.path("benchmark").asText("?") + " " + r.path("params") + " = " + score + " "
                    + primary.path("scoreUnit").asText(""));
        }
        return new JmhResultFile(file, scores, root.size(), positive, null);
    }

    /** A number as JMH writes one: a JSON number, or a string such as {@code "NaN"}; anything else is NaN. */
    public static double number(JsonNode n) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The check CI relies on: readable, and at least one benchmark with a positive primary score. */
    public boolean healthy() {
        return error == null && positive > 0;
    }

    /** One line for a report. */
    public String verdict() {
        if (error != null) {
            return error;
        }
        return positive + " of " + results + " results with a positive primary score";
    }
}
