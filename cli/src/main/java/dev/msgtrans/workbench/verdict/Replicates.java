package dev.msgtrans.workbench.verdict;

import dev.msgtrans.workbench.results.Metric;
import dev.msgtrans.workbench.stats.SteadyState;

import java.util.ArrayList;
import java.util.List;

/**
 * One side of a comparison as replicates: each fork's iterations segmented ({@link SteadyState}), the mean of its
 * steady segment as that fork's value, and the round it ran in. A fork that never settled is left out and counted,
 * never averaged in. Immutable.
 *
 * @param forks    every fork's classification, in raw-data order
 * @param means    the steady forks' means
 * @param rounds   the steady forks' rounds, or null when the run did not record them
 * @param unsteady forks without a steady state
 */
public record Replicates(List<SteadyState.Result> forks, double[] means, int[] rounds, int unsteady) {

    public Replicates {
        forks = List.copyOf(forks);
    }

    /**
     * @param metric         the metric, in any unit (ratios do not care)
     * @param forkRounds     the round of each fork, in raw-data order; empty or of another length when unknown
     * @param higherIsBetter the metric's direction, which tells warm-up from slowdown
     */
    public static Replicates of(Metric metric, List<Integer> forkRounds, boolean higherIsBetter) {
        double[][] raw = metric.forks();
        boolean known = forkRounds != null && forkRounds.size() == raw.length;
        List<SteadyState.Result> results = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Integer> rounds = new ArrayList<>();
        int unsteady = 0;
        for (int k = 0; k < raw.length; k++) {
            double[] it = java.util.Arrays.stream(raw[k]).filter(v -> Double.isFinite(v) && v > 0).toArray();
            if (it.length == 0) {
                continue;
            }
            SteadyState.Result r = SteadyState.classify(it, higherIsBetter);
            results.add(r);
            if (r.steady()) {
                means.add(r.steadyMean());
                if (known) {
                    rounds.add(forkRounds.get(k));
                }
            } else {
                unsteady++;
            }
        }
        return new Replicates(results, means.stream().mapToDouble(Double::doubleValue).toArray(),
                known ? rounds.stream().mapToInt(Integer::intValue).toArray() : null, unsteady);
    }

    /** Forks measured. */
    public int total() {
        return forks.size();
    }

    /** More than half the forks never settled: no verdict can rest on this side. */
    public boolean noSteadyState() {
        return total() > 0 && 2 * unsteady > total();
    }

    /** How many forks ended in each state, e.g. {@code 3 flat, 1 warmed up, 1 no steady state}. */
    public String summary() {
        java.util.Map<SteadyState.Kind, Integer> counts = new java.util.EnumMap<>(SteadyState.Kind.class);
        forks.forEach(f -> counts.merge(f.kind(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((k, n) -> parts.add(n + " " + k.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
        return String.join(", ", parts);
    }
}
