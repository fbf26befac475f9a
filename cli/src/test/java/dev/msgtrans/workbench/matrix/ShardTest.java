package dev.msgtrans.workbench.matrix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardTest {

    private static final List<Integer> ENTRIES = IntStream.range(0, 23).boxed().toList();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void shardsAreDisjointCompleteAndStable(int n) {
        List<Integer> union = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 1; i <= n; i++) {
            List<Integer> part = new Shard(i, n).select(ENTRIES);
            for (Integer e : part) {
                assertTrue(seen.add(e), "entry " + e + " in two shards of " + n);
            }
            union.addAll(part);
            assertEquals(part, Shard.parse(i + "/" + n).select(ENTRIES), "same spec, same part");
            assertEquals(part.stream().sorted().toList(), part, "a shard keeps the original order");
            // round-robin keeps the parts within one entry of each other
            assertTrue(Math.abs(part.size() - ENTRIES.size() / (double) n) < 1.0, "balanced: " + part.size());
        }
        assertEquals(ENTRIES, union.stream().sorted().toList(), "the shards' union is the whole list");
    }

    @Test
    void roundRobinSpreadsNeighbours() {
        assertEquals(List.of(1, 4, 7, 10, 13, 16, 19, 22), new Shard(2, 3).select(ENTRIES));
    }

    @Test
    void rejectsMalformedSpecs() {
        for (String bad : List.of("0/2", "3/2", "1/0", "2", "a/b", "1/2/3", "")) {
            assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
        }
        assertEquals(new Shard(2, 4), Shard.parse(" 2/4 "));
    }
}
