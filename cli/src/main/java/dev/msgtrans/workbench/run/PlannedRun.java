package dev.msgtrans.workbench.run;

import dev.msgtrans.workbench.env.JdkInfo;
import dev.msgtrans.workbench.matrix.MatrixPoint;

/**
 * One JMH invocation of a run: a matrix point on one JDK. Immutable.
 *
 * @param index      0-based position in the whole expanded list (before {@code --include} and {@code --shard}), so
 *                   file names and ids stay the same whichever shard runs the point, and merged shards never clash
 * @param point      what to run
 * @param jdk        where to run it
 * @param benchmarks how many JMH benchmarks the point's regex selects (1 when unknown), for the time estimate
 * @param build      which build's benchmarks jar runs it ({@code --build NAME=JAR}), or null for the one jar
 */
public record PlannedRun(int index, MatrixPoint point, JdkInfo jdk, int benchmarks, String build) {

    /** A run of the one benchmarks jar. */
    public PlannedRun(int index, MatrixPoint point, JdkInfo jdk, int benchmarks) {
        this(index, point, jdk, benchmarks, null);
    }

    /** E.g. {@code MailboxBenchmark variant=mutex t2 jdk17}, or {@code ... jdk17 @head} in a run of several builds. */
    public String id() {
        return point.id() + " " + jdk.tag() + (build == null ? "" : " @" + build);
    }

    /** File name stem, e.g. {@code 0007-MailboxBenchmark-variant=mutex-t2-jdk17}. */
    public String fileStem() {
        String safe = id().replaceAll("[^A-Za-z0-9._=,-]+", "-");
        if (safe.length() > 150) {
            safe = safe.substring(0, 150);
        }
        return String.format("%04d-%s", index + 1, safe);
    }

    /** Params that name what is compared inside a configuration rather than the configuration itself. */
    static final java.util.Set<String> SIDE_PARAMS = java.util.Set.of("variant", "dispatch", "preset", "composition",
            "target");

    /**
     * The configuration this entry is one side of: benchmark, params, threads and JDK, without the variant. The
     * Netty reference peer runs the same load as ours under a class named {@code Netty...}, so it joins our
     * configuration, and all of them run in the same rounds; so do the builds of a run that compares builds. E.g. {@code EchoThroughputBenchmark.roundTrip
     * protocol=TCP,window=16 t2 jdk17}.
     */
    public String configuration() {
        StringBuilder p = new StringBuilder();
        point.params().forEach((k, v) -> {
            if (!SIDE_PARAMS.contains(k)) {
                p.append(p.length() == 0 ? "" : ",").append(k).append('=').append(v);
            }
        });
        String name = point.shortName();
        name = name.startsWith("Netty") ? name.substring("Netty".length()) : name;
        return name + (p.length() == 0 ? "" : " " + p) + " " + point.threadsText() + " " + jdk.tag();
    }

    /** Expected wall time of one fork under {@code settings}: JMH's iterations, or a latency point's schedule. */
    public double expectedSeconds(RunSettings settings) {
        return point.isJmh() ? settings.expectedSeconds(benchmarks) : LatencySchedule.of(settings, point).expectedSeconds();
    }

    /** True if the point runs more threads than this JVM has processors. */
    public boolean oversubscribed(int availableProcessors) {
        return point.threads() > availableProcessors;
    }

    /** The warning recorded for an oversubscribed point. */
    public String oversubscriptionWarning(int availableProcessors) {
        return "threads " + point.threads() + " > " + availableProcessors + " available processors: threads"
                + " time-share cores, so the score measures the scheduler as much as the structure"
                + " (spinning strategies suffer most)";
    }
}
