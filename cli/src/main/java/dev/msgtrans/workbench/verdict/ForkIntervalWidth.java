package dev.msgtrans.workbench.verdict;

import dev.msgtrans.workbench.results.BenchmarkResult;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.run.EntryRecord;
import dev.msgtrans.workbench.run.IntervalWidth;
import dev.msgtrans.workbench.stats.ForkRatio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link IntervalWidth} from the verdicts' own statistics: every pair of sides of a configuration (per benchmark
 * method the entry selects), steady forks only, paired by round, at the confidence the verdicts use; the widest
 * relative half-width wins. In a run of several builds only the pairs a comparison of builds decides count: the same
 * side in two builds (mutex in base against mutex in head, not mutex against lockfree). A pair that has no interval
 * yet (a side with fewer than two steady forks) is infinitely wide. Stateless; thread-safe.
 */
public final class ForkIntervalWidth implements IntervalWidth {

    @Override
    public double widest(List<EntryRecord> entries, Path runDir) {
        Map<String, List<Replicates>> byMethod = new TreeMap<>();
        Map<String, List<Side>> sidesByMethod = new TreeMap<>();
        Map<String, Boolean> higher = new TreeMap<>();
        for (EntryRecord e : entries) {
            if (e.resultFile() == null || !Files.isRegularFile(runDir.resolve(e.resultFile()))) {
                return Double.POSITIVE_INFINITY;
            }
            for (BenchmarkResult r : RunResults.load(runDir.resolve(e.resultFile())).benchmarks()) {
                boolean up = r.headlineDirection() == dev.msgtrans.workbench.results.Direction.HIGHER_IS_BETTER;
                byMethod.computeIfAbsent(method(r), k -> new ArrayList<>())
                        .add(Replicates.of(r.headline(), e.forkRounds(), up));
                sidesByMethod.computeIfAbsent(method(r), k -> new ArrayList<>())
                        .add(new Side(r.params().toString() + " t" + r.threadsLabel(), e.build()));
                higher.put(method(r), up);
            }
        }
        double widest = 0;
        for (Map.Entry<String, List<Replicates>> m : byMethod.entrySet()) {
            List<Replicates> sides = m.getValue();
            List<Side> who = sidesByMethod.get(m.getKey());
            for (int i = 0; i < sides.size(); i++) {
                for (int j = i + 1; j < sides.size(); j++) {
                    if (!who.get(i).decidedWith(who.get(j))) {
                        continue;
                    }
                    ForkRatio.Estimate est = Speed.of(sides.get(i), sides.get(j), higher.get(m.getKey()),
                            Verdicts.CONFIDENCE);
                    double h = est.halfWidthLog();
                    if (!Double.isFinite(h)) {
                        return Double.POSITIVE_INFINITY;
                    }
                    widest = Math.max(widest, Math.expm1(h));
                }
            }
        }
        return widest;
    }

    /** Which side a result is: its parameters and threads, and its build in a run of several builds (else null). */
    private record Side(String point, String build) {

        boolean decidedWith(Side o) {
            return build == null || o.build == null || (!build.equals(o.build) && point.equals(o.point));
        }
    }

    /** The Netty reference peer's class is ours with a prefix: the same method on both sides. */
    private static String method(BenchmarkResult r) {
        return r.shortName().replaceFirst("^Netty", "");
    }
}
