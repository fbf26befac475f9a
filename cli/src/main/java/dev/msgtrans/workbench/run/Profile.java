package dev.msgtrans.workbench.run;

import java.util.Locale;

/**
 * Named run designs. Every profile replicates at the JVM fork: each fork is its own single-fork JMH process, and the
 * forks of every variant of a configuration run in rounds, shuffled afresh each round (see {@link RoundScheduler}).
 * Decision points (threads no more than the machine's processors) get the forks; points that oversubscribe the
 * cores get fewer, since their scores measure the scheduler as much as the code. Short iterations, many of them, so
 * that each fork's steady state can be found by segmentation instead of guessed by a fixed warm-up.
 */
public enum Profile {
    /** 1 fork, 1 x 100 ms warm-up, 1 x 100 ms measurement: only proves the benchmark runs and scores. */
    SMOKE(1, 1, 1, 1, 100, 1, 100, 0, 0.05, "ci"),
    /**
     * 4 forks per decision point (up to 8 while the budget lasts and an interval is wider than 5%), 1 fork per
     * oversubscribed point; per fork 1 x 100 ms warm-up and 6 x 120 ms measured (a fork's first touch of its young
     * generation, see {@link ForkHeap}, may outlast the warm-up: the steady-state segmentation drops it); a 28-minute
     * budget.
     */
    QUICK(4, 1, 8, 1, 100, 6, 120, 28 * 60, 0.05, "all"),
    /**
     * 10 forks per decision point (up to 20 until every interval is within 2%), 3 per oversubscribed point; per fork
     * 2 x 1 s warm-up and 10 x 500 ms measured; no time budget.
     */
    FULL(10, 3, 20, 2, 1000, 10, 500, 0, 0.02, "all"),
    /**
     * The regression gate (two builds in one run, {@code --build}): 6 forks per point and build, no adaptive rounds,
     * so every gate run costs the same; per fork 1 x 300 ms warm-up (long enough for the first touch of the young
     * generation) and 6 x 120 ms measured.
     */
    GATE(6, 1, 6, 1, 300, 6, 120, 0, 0.05, "gate");

    private final int forks;
    private final int overCoreForks;
    private final int maxForks;
    private final int warmupIterations;
    private final long warmupMillis;
    private final int iterations;
    private final long iterationMillis;
    private final long budgetSeconds;
    private final double target;
    private final String defaultMatrix;

    Profile(int forks, int overCoreForks, int maxForks, int warmupIterations, long warmupMillis, int iterations,
            long iterationMillis, long budgetSeconds, double target, String defaultMatrix) {
        this.forks = forks;
        this.overCoreForks = overCoreForks;
        this.maxForks = maxForks;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.iterations = iterations;
        this.iterationMillis = iterationMillis;
        this.budgetSeconds = budgetSeconds;
        this.target = target;
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
        return new RunSettings(key(), forks, warmupIterations, warmupMillis, iterations, iterationMillis,
                overCoreForks, maxForks, budgetSeconds, target);
    }

    /** Case-insensitive lookup, naming the known profiles on failure. */
    public static Profile of(String name) {
        for (Profile p : values()) {
            if (p.key().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "'; known profiles: smoke, quick, full,"
                + " gate");
    }
}
