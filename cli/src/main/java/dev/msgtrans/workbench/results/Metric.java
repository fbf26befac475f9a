package dev.msgtrans.workbench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One JMH metric of one benchmark point: the primary score or a secondary metric ({@code -prof gc}'s
 * {@code gc.alloc.rate.norm}, an {@code @AuxCounters} field, a {@code @Group} method). Immutable.
 *
 * @param name        {@code primary} for the primary metric, else JMH's secondary name
 * @param score       JMH's score (the mean over every iteration of every fork); NaN when JMH wrote none
 * @param error       the score error as the file states it: in a workbench run, whose forks are merged
 *                    ({@code run.ForkMerger}), the half-width of a 99.9% t interval over the fork means, NaN below two
 *                    forks; in a plain JMH file, JMH's own (a t interval over all iterations pooled)
 * @param unit        JMH's unit, e.g. {@code ops/s}, {@code us/op}, {@code B/op}
 * @param rawData     per fork, the per-iteration values (measurement iterations only)
 * @param percentiles JMH's percentiles (key {@code "50.0"} ...), empty when absent
 */
public record Metric(String name, double score, double error, String unit, List<List<Double>> rawData,
                     Map<String, Double> percentiles) {

    /** Name of the primary metric. */
    public static final String PRIMARY = "primary";

    public Metric {
        List<List<Double>> copy = new ArrayList<>();
        for (List<Double> fork : rawData) {
            copy.add(List.copyOf(fork));
        }
        rawData = List.copyOf(copy);
        percentiles = Map.copyOf(percentiles);
    }

    /** Every iteration of every fork, in order. */
    public double[] samples() {
        return rawData.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
    }

    /** Per fork, its iterations: the form the verdicts segment and average fork by fork. */
    public double[][] forks() {
        double[][] out = new double[rawData.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = rawData.get(i).stream().mapToDouble(Double::doubleValue).toArray();
        }
        return out;
    }

    /** Number of measured iterations, all forks together. */
    public int sampleCount() {
        return rawData.stream().mapToInt(List::size).sum();
    }

    /** True when the score is a finite number. */
    public boolean hasScore() {
        return Double.isFinite(score);
    }

    /** The same metric with every value (score, error, raw data, percentiles) multiplied by {@code factor}. */
    public Metric scaled(double factor, String newUnit) {
        List<List<Double>> raw = new ArrayList<>();
        for (List<Double> fork : rawData) {
            raw.add(fork.stream().map(v -> v * factor).toList());
        }
        Map<String, Double> pct = new java.util.LinkedHashMap<>();
        percentiles.forEach((k, v) -> pct.put(k, v * factor));
        return new Metric(name, score * factor, error * factor, newUnit, raw, pct);
    }

    /** This metric in its base unit ({@link ScoreUnits}): rates per second, times in ns/op. */
    public Metric inBaseUnit() {
        double f = ScoreUnits.toBaseFactor(unit);
        return f == 1 ? this : scaled(f, ScoreUnits.baseUnit(unit));
    }
}
