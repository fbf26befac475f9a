package dev.msgtrans.workbench.run;

import java.util.Locale;

/**
 * Named JMH settings. {@code smoke} proves every benchmark runs; {@code quick} gives usable numbers on a laptop or
 * a 2-core CI runner; {@code full} uses JMH's rigorous defaults (several forks, long warm-up) for published figures.
 */
public enum Profile {
    /** 1 fork, 1 x 100 ms warm-up, 1 x 100 ms measurement: only proves the benchmark runs and scores. */
    SMOKE(1, 1, 100, 1, 100, "ci"),
    /** 1 fork, 2 x 1 s warm-up, 3 x 1 s measurement: usable numbers, run-to-run noise of a few percent. */
    QUICK(1, 2, 1000, 3, 1000, "all"),
    /** 3 forks, 5 x 2 s warm-up, 10 x 2 s measurement: fork-to-fork variance is part of the error bars. */
    FULL(3, 5, 2000, 10, 2000, "all");

    private final int forks;
    private final int warmupIterations;
    private final long warmupMillis;
    private final int iterations;
    private final long iterationMillis;
    private final String defaultMatrix;

    Profile(int forks, int warmupIterations, long warmupMillis, int iterations, long iterationMillis,
            String defaultMatrix) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.iterations = iterations;
        this.iterationMillis = iterationMillis;
        this.defaultMatrix = defaultMatrix;
    }

    /** The matrix used when {@code --matrix} is not given. */
    public String defaultMatrix() {
        return defaultMatrix;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This profile's settings, ready for overrides. */
    public RunSettings settings() {
        return new RunSettings(key(), forks, warmupIterations, warmupMillis, iterations, iterationMillis);
    }

    /** Case-insensitive lookup, naming the known profiles on failure. */
    public static Profile of(String name) {
        for (Profile p : values()) {
            if (p.key().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "'; known profiles: smoke, quick, full");
    }
}
