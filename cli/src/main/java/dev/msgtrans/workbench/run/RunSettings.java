package dev.msgtrans.workbench.run;

import java.util.List;

/**
 * The JMH timing settings of a run: a {@link Profile}'s values with any command-line overrides applied. Immutable.
 *
 * @param profile          the profile name the settings started from
 * @param forks            {@code -f}
 * @param warmupIterations {@code -wi}
 * @param warmupMillis     {@code -w}
 * @param iterations       {@code -i}
 * @param iterationMillis  {@code -r}
 */
public record RunSettings(String profile, int forks, int warmupIterations, long warmupMillis, int iterations,
                          long iterationMillis) {

    /**
     * Seconds a JMH host JVM takes before and after its forks (start-up, benchmark list, result file). Measured
     * around 0.5 to 1 s on a quiet 2-core machine; the run's ETA corrects it with the observed durations.
     */
    static final double HOST_OVERHEAD_SECONDS = 1.0;

    /** Seconds a fork costs beyond its iterations: JVM start, class loading, setup and teardown, profiler. */
    static final double FORK_OVERHEAD_SECONDS = 1.5;

    public RunSettings {
        if (forks < 1 || warmupIterations < 0 || iterations < 1 || warmupMillis < 1 || iterationMillis < 1) {
            throw new IllegalArgumentException("need forks >= 1, warm-up iterations >= 0, iterations >= 1 and"
                    + " positive iteration times, got " + this);
        }
    }

    public RunSettings withForks(Integer n) {
        return n == null ? this : new RunSettings(profile, n, warmupIterations, warmupMillis, iterations, iterationMillis);
    }

    public RunSettings withWarmup(Integer n, Long millis) {
        return new RunSettings(profile, forks, n == null ? warmupIterations : n,
                millis == null ? warmupMillis : millis, iterations, iterationMillis);
    }

    public RunSettings withIterations(Integer n, Long millis) {
        return new RunSettings(profile, forks, warmupIterations, warmupMillis, n == null ? iterations : n,
                millis == null ? iterationMillis : millis);
    }

    /** JMH's timing options. */
    public List<String> jmhArgs() {
        return List.of("-f", Integer.toString(forks), "-wi", Integer.toString(warmupIterations),
                "-w", warmupMillis + "ms", "-i", Integer.toString(iterations), "-r", iterationMillis + "ms");
    }

    /**
     * Expected wall time of one JMH invocation that selects {@code benchmarks} benchmarks (each runs its own forks).
     */
    public double expectedSeconds(int benchmarks) {
        double perFork = FORK_OVERHEAD_SECONDS + (warmupIterations * warmupMillis + iterations * iterationMillis) / 1000.0;
        return HOST_OVERHEAD_SECONDS + Math.max(1, benchmarks) * forks * perFork;
    }

    /** E.g. {@code quick: 1 fork, 2 x 1000 ms warm-up, 3 x 1000 ms measurement}. */
    public String describe() {
        return profile + ": " + forks + (forks == 1 ? " fork, " : " forks, ") + warmupIterations + " x " + warmupMillis
                + " ms warm-up, " + iterations + " x " + iterationMillis + " ms measurement";
    }
}
