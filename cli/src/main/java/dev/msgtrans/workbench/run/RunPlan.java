package dev.msgtrans.workbench.run;

import dev.msgtrans.workbench.env.JdkInfo;
import dev.msgtrans.workbench.matrix.MatrixPoint;
import dev.msgtrans.workbench.matrix.Shard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The entries of a run: every matrix point crossed with every JDK (points outer, JDKs inner), narrowed by
 * {@code --include} (a regex searched in the entry id), grouped into configurations (an entry's sides: the same
 * point but for the variant, see {@link PlannedRun#configuration()}), and narrowed by {@code --shard}, which deals
 * out whole configurations so that every side of a comparison runs on the same machine, in the same rounds. Indexes
 * are positions in the full crossing, so they identify an entry whatever the filter and shard. Immutable.
 *
 * @param totalPlanned size of the full crossing
 * @param selected     what this run executes
 */
public record RunPlan(int totalPlanned, List<PlannedRun> selected, List<String> notes) {

    public RunPlan {
        selected = List.copyOf(selected);
        notes = List.copyOf(notes);
    }

    /**
     * @param list      the jar's benchmark list, for per-point benchmark counts; null if unknown
     * @param include   regex searched in {@link PlannedRun#id()}, or null for everything
     */
    public static RunPlan of(List<MatrixPoint> points, List<JdkInfo> jdks, JmhBenchmarkList list, String include,
                             Shard shard) {
        return of(points, jdks, List.of(), list, include, shard);
    }

    /**
     * @param builds the build names of a run that compares builds (innermost in the crossing), or empty for one jar
     */
    public static RunPlan of(List<MatrixPoint> points, List<JdkInfo> jdks, List<String> builds,
                             JmhBenchmarkList list, String include, Shard shard) {
        return of(points, jdks, builds, Map.of(), list, include, shard);
    }

    /**
     * @param absent per build, the ids of the points its jar cannot run (a benchmark added after it was built): that
     *               build's side of the point is left out with a note, so a comparison shows the point as added
     *               instead of the run failing
     */
    public static RunPlan of(List<MatrixPoint> points, List<JdkInfo> jdks, List<String> builds,
                             Map<String, java.util.Set<String>> absent, JmhBenchmarkList list, String include,
                             Shard shard) {
        List<PlannedRun> all = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> bs = builds.isEmpty() ? java.util.Collections.singletonList(null) : builds;
        for (MatrixPoint p : points) {
            int benchmarks = list == null || !p.isJmh() ? 1 : Math.max(1, list.select(p.regex()).size());
            for (JdkInfo jdk : jdks) {
                for (String b : bs) {
                    if (b != null && absent.getOrDefault(b, java.util.Set.of()).contains(p.id())) {
                        if (jdk == jdks.get(0)) {
                            notes.add("build " + b + " cannot run " + p.id() + " (its jar lacks the benchmark or a"
                                    + " parameter value): not run for " + b + "; a comparison shows it as added");
                        }
                        continue;
                    }
                    all.add(new PlannedRun(all.size(), p, jdk, benchmarks, b));
                }
            }
        }
        List<PlannedRun> filtered = all;
        if (include != null) {
            Pattern inc = Pattern.compile(include);
            filtered = all.stream().filter(r -> inc.matcher(r.id()).find()).toList();
        }
        Map<String, List<PlannedRun>> configs = new LinkedHashMap<>();
        filtered.forEach(r -> configs.computeIfAbsent(r.configuration(), k -> new ArrayList<>()).add(r));
        List<PlannedRun> selected = new ArrayList<>();
        shard.select(new ArrayList<>(configs.values())).forEach(selected::addAll);
        selected.sort(java.util.Comparator.comparingInt(PlannedRun::index));
        return new RunPlan(all.size(), selected, notes);
    }

    /** The selected entries by configuration, in order of first appearance. */
    public Map<String, List<PlannedRun>> configurations() {
        Map<String, List<PlannedRun>> configs = new LinkedHashMap<>();
        selected.forEach(r -> configs.computeIfAbsent(r.configuration(), k -> new ArrayList<>()).add(r));
        return configs;
    }

    /**
     * The expected wall time of the rounds every entry is sure to get (its minimum forks), plus one calibration fork
     * per round; adaptive rounds come on top, within the budget.
     */
    public double expectedSeconds(RunSettings settings, int processors) {
        double s = 0;
        for (PlannedRun r : selected) {
            s += settings.forksFor(!r.oversubscribed(processors)) * r.expectedSeconds(settings);
        }
        return s + (selected.isEmpty() ? 0 : settings.forks() * settings.expectedSeconds(1));
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
