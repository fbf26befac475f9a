package dev.msgtrans.workbench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msgtrans.workbench.stats.StudentT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the single-fork JMH result files of one entry into one JMH result file, as if JMH had run the forks itself:
 * per metric, {@code rawData} holds one array per fork in round order, {@code forks} their number, {@code score} the
 * mean of the fork means, and {@code scoreError} the half-width of a 99.9% t interval over the fork means (JMH's own
 * confidence level, but with the fork as the replicate; NaN below two forks). Percentiles (the latency runner's, or
 * JMH's sample mode) cannot be merged without the histograms: each is the median of the forks' values. Stateless.
 */
public final class ForkMerger {

    private static final double JMH_CONFIDENCE = 0.999;

    private ForkMerger() {
    }

    /**
     * Merges {@code forkFiles} (each JMH's {@code -rf json} of a one-fork run) into {@code target}; results are
     * matched by benchmark and params, in the first file's order.
     *
     * @throws UncheckedIOException when a file cannot be read or written
     */
    public static void merge(List<Path> forkFiles, Path target) {
        if (forkFiles.isEmpty()) {
            throw new IllegalArgumentException("no fork to merge into " + target);
        }
        List<JsonNode> forks = new ArrayList<>();
        for (Path f : forkFiles) {
            try {
                forks.add(RunLayout.JSON.readTree(f.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
        }
        ArrayNode out = (ArrayNode) forks.get(0).deepCopy();
        for (JsonNode result : out) {
            ObjectNode r = (ObjectNode) result;
            String key = key(r);
            List<JsonNode> same = new ArrayList<>();
            for (JsonNode fork : forks) {
                for (JsonNode other : fork) {
                    if (key(other).equals(key)) {
                        same.add(other);
                        break;
                    }
                }
            }
            r.put("forks", same.size());
            mergeMetric((ObjectNode) r.get("primaryMetric"), same.stream().map(n -> n.path("primaryMetric")).toList());
            JsonNode secondary = r.path("secondaryMetrics");
            if (secondary.isObject()) {
                Iterator<String> names = secondary.fieldNames();
                while (names.hasNext()) {
                    String name = names.next();
                    mergeMetric((ObjectNode) secondary.get(name),
                            same.stream().map(n -> n.path("secondaryMetrics").path(name)).toList());
                }
            }
        }
        try {
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            RunLayout.JSON.writeValue(tmp.toFile(), out);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static String key(JsonNode r) {
        return r.path("benchmark").asText() + " " + r.path("params");
    }

    private static void mergeMetric(ObjectNode target, List<JsonNode> forks) {
        ArrayNode raw = RunLayout.JSON.createArrayNode();
        List<Double> means = new ArrayList<>();
        for (JsonNode f : forks) {
            for (JsonNode iterations : f.path("rawData")) {
                raw.add(iterations.deepCopy());
                double sum = 0;
                int n = 0;
                for (JsonNode v : iterations) {
                    double d = JmhResultFile.number(v);
                    if (Double.isFinite(d)) {
                        sum += d;
                        n++;
                    }
                }
                if (n > 0) {
                    means.add(sum / n);
                }
            }
        }
        if (means.isEmpty()) {
            // a metric without raw data (some profilers' counters): the median of the forks' scores
            means.add(median(forks.stream().map(f -> JmhResultFile.number(f.path("score"))).toList()));
        } else {
            target.set("rawData", raw);
        }
        double mean = means.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double error = Double.NaN;
        if (means.size() >= 2) {
            double ss = 0;
            for (double m : means) {
                ss += (m - mean) * (m - mean);
            }
            double sd = Math.sqrt(ss / (means.size() - 1));
            error = StudentT.quantile(1 - (1 - JMH_CONFIDENCE) / 2, means.size() - 1) * sd / Math.sqrt(means.size());
        }
        target.put("score", mean);
        putNumber(target, "scoreError", error);
        ArrayNode confidence = RunLayout.JSON.createArrayNode();
        putNumber(confidence, Double.isFinite(error) ? mean - error : Double.NaN);
        putNumber(confidence, Double.isFinite(error) ? mean + error : Double.NaN);
        target.set("scoreConfidence", confidence);
        JsonNode percentiles = target.path("scorePercentiles");
        if (percentiles.isObject()) {
            Map<String, List<Double>> byKey = new LinkedHashMap<>();
            for (JsonNode f : forks) {
                f.path("scorePercentiles").fields().forEachRemaining(e ->
                        byKey.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                .add(JmhResultFile.number(e.getValue())));
            }
            ObjectNode merged = RunLayout.JSON.createObjectNode();
            byKey.forEach((k, v) -> putNumber(merged, k, median(v)));
            target.set("scorePercentiles", merged);
        }
    }

    static double median(List<Double> values) {
        List<Double> v = values.stream().filter(Double::isFinite).sorted().toList();
        if (v.isEmpty()) {
            return Double.NaN;
        }
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** JMH writes NaN as the string "NaN"; so do we. */
    private static void putNumber(ObjectNode node, String field, double v) {
        if (Double.isFinite(v)) {
            node.put(field, v);
        } else {
            node.put(field, "NaN");
        }
    }

    private static void putNumber(ArrayNode node, double v) {
        if (Double.isFinite(v)) {
            node.add(v);
        } else {
            node.add("NaN");
        }
    }
}
