package dev.msgtrans.workbench.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Randomized multiple interleaved trials (Abedi and Brecht, ICPE 2017): which forks run in a round, and in what
 * order. Every side of a configuration takes part in the same rounds, so a minute of noisy neighbour or a drifting
 * machine lands on all of them alike; the order is drawn afresh each round from the run's seed (recorded, so a run
 * can be replayed), configurations shuffled and each configuration's sides shuffled, a configuration's sides kept
 * next to each other so that a paired comparison compares forks minutes apart at most. Immutable.
 *
 * @param configs    the entries by configuration
 * @param settings   the forks each kind of point gets
 * @param processors the machine's logical processors: a configuration with more threads is not a decision point
 * @param seed       the run's seed
 */
public record RoundScheduler(Map<String, List<PlannedRun>> configs, RunSettings settings, int processors, long seed) {

    /** True when the configuration's threads fit the cores, so its verdicts count. */
    public boolean decisionPoint(String config) {
        return configs.get(config).stream().noneMatch(r -> r.oversubscribed(processors));
    }

    /** Forks the configuration gets whatever its intervals show. */
    public int minimumForks(String config) {
        return settings.forksFor(decisionPoint(config));
    }

    /** The configurations whose minimum forks reach round {@code round} (1-based), in plan order. */
    public List<String> required(int round) {
        return configs.keySet().stream().filter(c -> minimumForks(c) >= round).toList();
    }

    /** The configurations that may take adaptive forks beyond their minimum, up to the ceiling. */
    public List<String> adaptive(int round) {
        return configs.keySet().stream()
                .filter(c -> decisionPoint(c) && round > minimumForks(c) && round <= settings.maxForks()).toList();
    }

    /** The round's forks in execution order: configurations shuffled, each one's sides shuffled and kept together. */
    public List<PlannedRun> order(List<String> chosen, int round) {
        Random rnd = new Random(seed * 31 + round);
        List<String> cs = new ArrayList<>(chosen);
        Collections.shuffle(cs, rnd);
        List<PlannedRun> out = new ArrayList<>();
        for (String c : cs) {
            List<PlannedRun> sides = new ArrayList<>(configs.get(c));
            Collections.shuffle(sides, rnd);
            out.addAll(sides);
        }
        return out;
    }
}
