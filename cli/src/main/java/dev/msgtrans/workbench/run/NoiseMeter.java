package dev.msgtrans.workbench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.msgtrans.workbench.env.Noise;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Summarises a run's noise ({@link Noise}) from its calibration forks and every fork's steal and pressure. Stateless. */
public final class NoiseMeter {

    private NoiseMeter() {
    }

    /**
     * @param calibration the calibration forks, one per round
     * @param forks       every measured fork
     * @param runDir      the run directory the records' paths are relative to
     */
    public static Noise summarise(List<TrialRecord> calibration, Collection<TrialRecord> forks, Path runDir) {
        List<Double> scores = new ArrayList<>();
        for (TrialRecord t : calibration) {
            scores.add(t.ok() ? score(runDir.resolve(t.resultFile())) : Double.NaN);
        }
        List<Double> finite = scores.stream().filter(Double::isFinite).toList();
        double median = ForkMerger.median(finite);
        double cv = Double.NaN;
        if (finite.size() >= 2) {
            double mean = finite.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = finite.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            cv = Math.sqrt(ss / (finite.size() - 1)) / mean;
        }
        TreeSet<Integer> disturbed = new TreeSet<>();
        for (int i = 0; i < calibration.size(); i++) {
            if (Double.isFinite(scores.get(i)) && scores.get(i) < (1 - Noise.SLOW_ROUND) * median) {
                disturbed.add(calibration.get(i).round());
            }
        }
        List<Double> steal = new ArrayList<>();
        List<Double> pressure = new ArrayList<>();
        for (TrialRecord t : forks) {
            if (Double.isFinite(t.stealPercent())) {
                steal.add(t.stealPercent());
                if (t.stealPercent() > Noise.HIGH_STEAL) {
                    disturbed.add(t.round());
                }
            }
            if (Double.isFinite(t.cpuPressurePercent())) {
                pressure.add(t.cpuPressurePercent());
            }
        }
        return new Noise(scores, cv, ForkMerger.median(steal),
                steal.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                ForkMerger.median(pressure), new ArrayList<>(disturbed));
    }

    private static double score(Path file) {
        try {
            JsonNode root = RunLayout.JSON.readTree(file.toFile());
            return JmhResultFile.number(root.path(0).path("primaryMetric").path("score"));
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
