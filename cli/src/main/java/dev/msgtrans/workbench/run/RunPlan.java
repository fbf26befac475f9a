package dev.msgtrans.workbench.run;

import dev.msgtrans.workbench.env.JdkInfo;
import dev.msgtrans.workbench.matrix.MatrixPoint;
import dev.msgtrans.workbench.matrix.Shard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JMH invocations of a run, in execution order: every matrix point crossed with every JDK (points outer, JDKs
 * inner), then narrowed by {@code --include} (a regex searched in the entry id) and by {@code --shard}. Indexes
 * are positions in the full crossing, so they identify an entry whatever the filter and shard. Immutable.
 *
 * @param totalPlanned size of the full crossing
 * @param selected     what this run executes
 */
public record RunPlan(int totalPlanned, List<PlannedRun> selected) {

    public RunPlan {
        selected = List.copyOf(selected);
    }

    /**
     * @param list      the jar's benchmark list, for per-point benchmark counts; null if unknown
     * @param include   regex searched in {@link PlannedRun#id()}, or null for everything
     */
    public static RunPlan of(List<MatrixPoint> points, List<JdkInfo> jdks, JmhBenchmarkList list, String include,
                             Shard shard) {
        List<PlannedRun> all = new ArrayList<>();
        for (MatrixPoint p : points) {
            int benchmarks = list == null || !p.isJmh() ? 1 : Math.max(1, list.select(p.regex()).size());
            for (JdkInfo jdk : jdks) {
                all.add(new PlannedRun(all.size(), p, jdk, benchmarks));
            }
        }
        List<PlannedRun> filtered = all;
        if (include != null) {
            Pattern inc = Pattern.compile(include);
            filtered = all.stream().filter(r -> inc.matcher(r.id()).find()).toList();
        }
        return new RunPlan(all.size(), shard.select(filtered));
    }

    /** Sum of the per-entry estimates. */
    public double expectedSeconds(RunSettings settings) {
        double s = 0;
        for (PlannedRun r : selected) {
            s += r.expectedSeconds(settings);
        }
        return s;
    }

    /** Distinct thread counts above {@code processors}, ascending. */
    public List<Integer> oversubscribedThreadCounts(int processors) {
        return selected.stream().filter(r -> r.oversubscribed(processors)).map(r -> r.point().threads())
                .distinct().sorted().toList();
    }

    /** Run-level warnings for {@code env.json} and the console: oversubscribed thread counts. */
    public List<String> warnings(int processors) {
        List<Integer> over = oversubscribedThreadCounts(processors);
        if (over.isEmpty()) {
            return List.of();
        }
        long count = selected.stream().filter(r -> r.oversubscribed(processors)).count();
        return List.of(count + " entries use more threads " + over + " than the " + processors
                + " available processors: their threads time-share cores, so those scores measure the scheduler"
                + " as much as the structure (spinning strategies suffer most); compare them only with runs on"
                + " the same core count");
    }
}
