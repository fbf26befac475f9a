package dev.msgtrans.workbench.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Randomized multiple interleaved trials (Abedi and Brecht, ICPE 2017): which forks run in a round, and in what
 * order. Every side of a configuration takes part in the same rounds, so a minute of noisy neighbour or a drifting
 * machine lands on all of them alike; the configurations' order is drawn afresh each round from the run's seed
 * (recorded, so a run can be replayed), and a configuration's sides run next to each other so that a paired
 * comparison compares forks minutes apart at most. The sides' order within a configuration is balanced rather than
 * drawn independently each round: a random order per configuration, rotated by one place each round (a cyclic Latin
 * square), so that over k rounds each of k sides runs once in every position. Whatever a position does to a fork
 * on a small machine (page cache, CPU frequency, the previous fork's exit), balanced it falls on every side alike
 * instead of on whichever side the dice put first more often: independent shuffles put one build first in 89 of 150
 * pairs of an A/A run here. Immutable.
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

    /**
     * The round's forks in execution order: configurations shuffled, each one's sides kept together in its base order
     * rotated by {@code round - 1} places.
     */
    public List<PlannedRun> order(List<String> chosen, int round) {
        Random rnd = new Random(seed * 31 + round);
        List<String> cs = new ArrayList<>(chosen);
        Collections.shuffle(cs, rnd);
        List<PlannedRun> out = new ArrayList<>();
        for (String c : cs) {
            List<PlannedRun> sides = baseOrder(c);
            Collections.rotate(sides, -((round - 1) % sides.size()));
            out.addAll(sides);
        }
        return out;
    }

    /** A configuration's sides in a random order that depends only on the seed and the configuration. */
    List<PlannedRun> baseOrder(String config) {
        List<PlannedRun> sides = new ArrayList<>(configs.get(config));
        Collections.shuffle(sides, new Random(seed * 31 + config.hashCode()));
        return sides;
    }
}
