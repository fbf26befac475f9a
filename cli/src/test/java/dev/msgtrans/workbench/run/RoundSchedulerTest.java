package dev.msgtrans.workbench.run;

import dev.msgtrans.workbench.env.JdkInfo;
import dev.msgtrans.workbench.matrix.MatrixPoint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which forks run in a round and in what order: balanced positions, sides kept together, minimum forks. */
class RoundSchedulerTest {

    private static final JdkInfo JDK = new JdkInfo("jdk17", "/opt/jdk17", "v", "17", "17", "vm", "17", List.of(), "",
            "G1", null);

    private static RoundScheduler scheduler(long seed) {
        Map<String, List<PlannedRun>> configs = new LinkedHashMap<>();
        int index = 0;
        for (int threads : new int[] {2, 4}) {
            for (int c = 0; c < 3; c++) {
                List<PlannedRun> sides = new ArrayList<>();
                for (String v : List.of("mutex", "rwlock", "lockfree", "cow")) {
                    MatrixPoint p = new MatrixPoint("m", "a.FooBenchmark", "^a", Map.of("variant", v, "c",
                            Integer.toString(c)), threads, null, List.of());
                    sides.add(new PlannedRun(index++, p, JDK, 1));
                }
                configs.put(sides.get(0).configuration(), sides);
            }
        }
        return new RoundScheduler(configs, Profile.QUICK.settings(), 2, seed);
    }

    @Test
    void overKRoundsEachOfKSidesRunsOnceInEveryPosition() {
        RoundScheduler s = scheduler(42);
        for (String c : s.configs().keySet()) {
            Map<Integer, Set<Integer>> positionsOfSide = new HashMap<>();
            for (int round = 1; round <= 4; round++) {
                List<PlannedRun> sides = s.order(List.of(c), round);
                assertEquals(4, sides.size());
                for (int pos = 0; pos < sides.size(); pos++) {
                    positionsOfSide.computeIfAbsent(sides.get(pos).index(), k -> new HashSet<>()).add(pos);
                }
            }
            positionsOfSide.values().forEach(p -> assertEquals(Set.of(0, 1, 2, 3), p, c));
        }
    }

    @Test
    void aConfigurationsSidesRunTogetherAndConfigurationsAreShuffledPerRound() {
        RoundScheduler s = scheduler(7);
        List<String> all = new ArrayList<>(s.configs().keySet());
        Set<List<String>> orders = new HashSet<>();
        for (int round = 1; round <= 6; round++) {
            List<PlannedRun> order = s.order(all, round);
            assertEquals(24, order.size());
            List<String> configOrder = new ArrayList<>();
            for (int k = 0; k < order.size(); k += 4) {
                String c = order.get(k).configuration();
                configOrder.add(c);
                for (int j = 1; j < 4; j++) {
                    assertEquals(c, order.get(k + j).configuration(), "sides of a configuration run back to back");
                }
            }
            orders.add(configOrder);
        }
        assertTrue(orders.size() > 1, "the configurations' order is drawn afresh each round");
        assertEquals(s.order(all, 3), scheduler(7).order(all, 3), "the seed replays the order");
    }

    @Test
    void decisionPointsGetTheirForksAndOversubscribedOnesFewer() {
        RoundScheduler s = scheduler(1);
        long decision = s.configs().keySet().stream().filter(s::decisionPoint).count();
        assertEquals(3, decision, "t2 on 2 cpus decides; t4 does not");
        assertEquals(6, s.required(1).size(), "round 1: everything");
        assertEquals(3, s.required(2).size(), "quick: 1 fork over the cores");
        assertEquals(3, s.required(4).size());
        assertTrue(s.required(5).isEmpty());
        assertEquals(3, s.adaptive(5).size(), "adaptive rounds are for decision points only");
        assertFalse(s.adaptive(9).stream().findAny().isPresent(), "never beyond the ceiling of 8");
    }
}
