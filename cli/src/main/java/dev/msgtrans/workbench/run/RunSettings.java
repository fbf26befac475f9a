package dev.msgtrans.workbench.run;

import java.util.List;
import java.util.Locale;

/**
 * The run design: a {@link Profile}'s values with any command-line overrides applied. Immutable.
 * <p>
 * A fork is the unit of replication: every fork is one JMH process with {@code -f 1}, so {@code forks} is the number
 * of rounds a decision point takes part in. Read back from an older {@code run.json}, the fields this design added
 * are 0: {@link #overCoreForks()} and {@link #maxForks()} then fall back to {@code forks}.
 *
 * @param profile          the profile name the settings started from
 * @param forks            forks (rounds) per decision point, the minimum before adaptive rounds
 * @param warmupIterations {@code -wi} per fork
 * @param warmupMillis     {@code -w}
 * @param iterations       {@code -i} per fork
 * @param iterationMillis  {@code -r}
 * @param overCoreForks    forks per point with more threads than processors
 * @param maxForks         the most forks a decision point gets while its intervals stay wider than {@code target}
 * @param budgetSeconds    wall-time budget of the run, adaptive rounds stop when the next would exceed it; 0: none
 * @param target           the relative half-width (0.05: 5%) an interval should reach; adaptive rounds chase it
 */
public record RunSettings(String profile, int forks, int warmupIterations, long warmupMillis, int iterations,
                          long iterationMillis, int overCoreForks, int maxForks, long budgetSeconds, double target) {

    /**
     * Seconds a JMH host JVM takes before and after its fork (start-up, benchmark list, result file). Measured
     * around 0.5 to 1 s on a quiet 2-core machine; the run's ETA corrects it with the observed durations.
     */
    static final double HOST_OVERHEAD_SECONDS = 0.7;

    /** Seconds a fork costs beyond its iterations: JVM start, class loading, setup and teardown, profiler. */
    static final double FORK_OVERHEAD_SECONDS = 0.3;

    public RunSettings {
        if (forks < 1 || warmupIterations < 0 || iterations < 1 || warmupMillis < 1 || iterationMillis < 1
                || overCoreForks < 0 || maxForks < 0 || budgetSeconds < 0 || target < 0) {
            throw new IllegalArgumentException("need forks >= 1, warm-up iterations >= 0, iterations >= 1,"
                    + " positive iteration times and no negative budget or target, got " + this);
        }
    }

    /** Forks for an oversubscribed point (older records: {@link #forks()}). */
    @Override
    public int overCoreForks() {
        return overCoreForks == 0 ? forks : Math.min(overCoreForks, forks);
    }

    /** The adaptive ceiling, never below {@link #forks()}. */
    @Override
    public int maxForks() {
        return Math.max(forks, maxForks);
    }

    /** Forks a point gets before adaptive rounds. */
    public int forksFor(boolean decisionPoint) {
        return decisionPoint ? forks : overCoreForks();
    }

    public RunSettings withForks(Integer n) {
        return n == null ? this : new RunSettings(profile, n, warmupIterations, warmupMillis, iterations,
                iterationMillis, Math.min(overCoreForks, n), Math.max(maxForks, n), budgetSeconds, target);
    }

    /** {@code --max-forks}: 0 or {@code forks} turns adaptive rounds off. */
    public RunSettings withMaxForks(Integer n) {
        return n == null ? this : new RunSettings(profile, forks, warmupIterations, warmupMillis, iterations,
                iterationMillis, overCoreForks, n, budgetSeconds, target);
    }

    public RunSettings withBudget(Long seconds) {
        return seconds == null ? this : new RunSettings(profile, forks, warmupIterations, warmupMillis, iterations,
                iterationMillis, overCoreForks, maxForks, seconds, target);
    }

    public RunSettings withWarmup(Integer n, Long millis) {
        return new RunSettings(profile, forks, n == null ? warmupIterations : n,
                millis == null ? warmupMillis : millis, iterations, iterationMillis, overCoreForks, maxForks,
                budgetSeconds, target);
    }

    public RunSettings withIterations(Integer n, Long millis) {
        return new RunSettings(profile, forks, warmupIterations, warmupMillis, n == null ? iterations : n,
                millis == null ? iterationMillis : millis, overCoreForks, maxForks, budgetSeconds, target);
    }

    /** JMH's timing options for one fork. */
    public List<String> jmhArgs() {
        return List.of("-f", "1", "-wi", Integer.toString(warmupIterations),
                "-w", warmupMillis + "ms", "-i", Integer.toString(iterations), "-r", iterationMillis + "ms");
    }

    /** Expected wall time of one fork (one JMH invocation) that selects {@code benchmarks} benchmarks. */
    public double expectedSeconds(int benchmarks) {
        double perFork = FORK_OVERHEAD_SECONDS + (warmupIterations * warmupMillis + iterations * iterationMillis) / 1000.0;
        return HOST_OVERHEAD_SECONDS + Math.max(1, benchmarks) * perFork;
    }

    /**
     * E.g. {@code quick: 4 forks (1 over the cores, up to 8 adaptively), 1 x 100 ms warm-up, 6 x 120 ms measurement,
     * budget 28:00, target ±5%}.
     */
    public String describe() {
        StringBuilder b = new StringBuilder(profile).append(": ").append(forks).append(forks == 1 ? " fork" : " forks");
        if (overCoreForks() != forks || maxForks() != forks) {
            b.append(" (").append(overCoreForks()).append(" over the cores");
            if (maxForks() != forks) {
                b.append(", up to ").append(maxForks()).append(" adaptively");
            }
            b.append(')');
        }
        b.append(", ").append(warmupIterations).append(" x ").append(warmupMillis).append(" ms warm-up, ")
                .append(iterations).append(" x ").append(iterationMillis).append(" ms measurement");
        if (budgetSeconds > 0) {
            b.append(", budget ").append(EtaClock.format(budgetSeconds));
        }
        if (maxForks() > forks) {
            b.append(String.format(Locale.ROOT, ", target ±%.0f%%", target * 100));
        }
        return b.toString();
    }
}
