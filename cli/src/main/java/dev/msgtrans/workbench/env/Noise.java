package dev.msgtrans.workbench.env;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Locale;

/**
 * How noisy the machine was during a run, for {@code env.json}: the calibration benchmark's speed per round (one fork
 * of the same fixed, single-threaded benchmark at the start of every round, so only the machine moves it), CPU steal
 * and CPU pressure over every fork, and the rounds that look disturbed. Immutable.
 *
 * @param calibration       the calibration score of each round (ops/s), NaN where its fork failed
 * @param calibrationCv     coefficient of variation of those scores, the run's noise figure (NaN below 2 rounds)
 * @param medianSteal       median CPU steal over the forks, percent (NaN when unknown)
 * @param maxSteal          the largest steal of any fork, percent
 * @param medianPressure    median CPU pressure over the forks, percent of wall time
 * @param disturbedRounds   rounds whose calibration was more than {@link #SLOW_ROUND} below the median, or whose forks
 *                          saw more than {@link #HIGH_STEAL} percent steal
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Noise(List<Double> calibration, double calibrationCv, double medianSteal, double maxSteal,
                    double medianPressure, List<Integer> disturbedRounds) {

    /** A round whose calibration fork ran this much slower than the median is disturbed. */
    public static final double SLOW_ROUND = 0.10;

    /** Steal above this (percent) during a fork marks its round disturbed. */
    public static final double HIGH_STEAL = 5.0;

    public Noise {
        calibration = List.copyOf(calibration);
        disturbedRounds = List.copyOf(disturbedRounds);
    }

    /** One line for a report, e.g. {@code calibration CV 2.1% over 4 rounds; steal median 0.0%, max 0.3%; ...}. */
    public String describe() {
        return String.format(Locale.ROOT, "calibration CV %.1f%% over %d rounds; steal median %.1f%%, max %.1f%%;"
                        + " CPU pressure median %.0f%%; disturbed rounds %s", calibrationCv * 100, calibration.size(),
                medianSteal, maxSteal, medianPressure, disturbedRounds.isEmpty() ? "none" : disturbedRounds);
    }
}
