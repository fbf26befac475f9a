package dev.msgtrans.workbench.run;

import dev.msgtrans.workbench.matrix.LatencyEntry;
import dev.msgtrans.workbench.matrix.MatrixPoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How long a latency point runs under a profile, and the command that runs it. The matrix gives the measured time
 * at the {@code quick} profile; {@code smoke} caps it at 1 s (it only proves the point runs), {@code full} doubles
 * it. Warm-up (discarded) follows the profile's spirit: 1 s for smoke, 3 s for quick (cut from 5 s to fit four forks
 * in the quick budget; too short a warm-up leaves the JIT compiling during the measurement on 2 cores, which shows
 * as a p90 in milliseconds, and as a window series that has not settled), 10 s for full. One fork per
 * command: the run repeats it in rounds like any other point; {@code --iterations} and {@code --time} do not apply.
 * Immutable.
 *
 * @param warmupMillis   discarded schedule before measuring
 * @param durationMillis measured schedule
 * @param forks          child JVMs, one after the other
 */
public record LatencySchedule(long warmupMillis, long durationMillis, int forks) {

    /** Seconds one fork costs beyond its schedule: JVM start, server and client start, the last responses. */
    static final double FORK_OVERHEAD_SECONDS = 2.0;

    /** One fork's schedule: the run replicates forks itself, in rounds, as for JMH points. */
    public static LatencySchedule of(RunSettings settings, MatrixPoint point) {
        long d = LatencyEntry.millis(point.params().get(LatencyEntry.DURATION));
        return switch (settings.profile()) {
            case "smoke" -> new LatencySchedule(1_000, Math.min(d, 1_000), 1);
            case "full" -> new LatencySchedule(10_000, 2 * d, 1);
            default -> new LatencySchedule(3_000, d, 1);
        };
    }

    /** Expected wall time of the point, for the ETA. */
    public double expectedSeconds() {
        return RunSettings.HOST_OVERHEAD_SECONDS + forks * (FORK_OVERHEAD_SECONDS + (warmupMillis + durationMillis)
                / 1000.0);
    }

    /**
     * {@code java [JVM args] -cp benchmarks.jar LatencyRunner --target ... --out RESULT}; the JVM args reach every
     * fork, which inherits this JVM's options.
     */
    public List<String> command(String java, Path benchmarksJar, List<String> jvmArgs, MatrixPoint point,
                                Path resultFile) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(benchmarksJar.toString());
        cmd.add(LatencyEntry.MAIN_CLASS);
        point.params().forEach((k, v) -> {
            if (!k.equals(LatencyEntry.DURATION)) {
                cmd.add("--" + k);
                cmd.add(v);
            }
        });
        cmd.addAll(List.of("--warmup", warmupMillis + "ms", "--duration", durationMillis + "ms", "--forks",
                Integer.toString(forks), "--out", resultFile.toString()));
        return cmd;
    }
}
