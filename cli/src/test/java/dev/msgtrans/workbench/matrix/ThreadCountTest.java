package dev.msgtrans.workbench.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Thread counts fixed or relative to the cores: what they resolve to, what is refused, the JSON round trip. */
class ThreadCountTest {

    @Test
    void resolvesAgainstTheCores() {
        assertEquals(4, ThreadCount.of(4).resolve(64), "a fixed count ignores the machine");
        assertEquals(2, new ThreadCount("cores").resolve(2));
        assertEquals(64, new ThreadCount("cores").resolve(64));
        assertEquals(1, new ThreadCount("cores/2").resolve(2));
        assertEquals(1, new ThreadCount("cores/2").resolve(1), "a fraction rounds down but never below one thread");
        assertEquals(1, new ThreadCount("cores/4").resolve(3));
        assertEquals(8, new ThreadCount("cores/2").resolve(16));
        assertEquals(4, new ThreadCount("2*cores").resolve(2));
        assertEquals(128, new ThreadCount(" 2 * cores ").resolve(64));
        assertEquals(3, new ThreadCount("3*cores/2").resolve(2));
    }

    @Test
    void refusesWhatIsNotACount() {
        for (String bad : List.of("0", "-1", "cores/0", "0*cores", "half", "cores+1", "2cores", "")) {
            ThreadCount t = new ThreadCount(bad);
            assertFalse(t.problem() == null, bad);
            assertThrows(IllegalArgumentException.class, () -> t.resolve(2), bad);
        }
        assertNull(new ThreadCount("cores").problem());
        assertThrows(IllegalArgumentException.class, () -> new ThreadCount("cores").resolve(0));
    }

    @Test
    void readsAndWritesJsonAsWritten() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<ThreadCount> counts = List.of(json.readValue("[1, \"cores/2\", \"cores\", \"2*cores\"]",
                ThreadCount[].class));
        assertEquals(List.of(ThreadCount.of(1), new ThreadCount("cores/2"), new ThreadCount("cores"),
                new ThreadCount("2*cores")), counts);
        assertTrue(counts.get(0).isFixed());
        assertEquals("[1,\"cores/2\",\"cores\",\"2*cores\"]", json.writeValueAsString(counts));
    }

    @Test
    void anEntryExpandsWithTheMachineAndKeepsEachCountOnce() {
        MatrixEntry e = new MatrixEntry("a.B", null, null, List.of(ThreadCount.of(1), new ThreadCount("cores/2"),
                new ThreadCount("cores"), new ThreadCount("2*cores")), null, null, null, null);
        assertEquals(List.of(1, 2, 4), e.threadCounts(2), "on 2 cores: as the fixed 1, 2, 4 of before");
        assertEquals(List.of(1, 8, 16, 32), e.threadCounts(16));
        assertEquals(List.of(1, 32, 64, 128), e.threadCounts(64));
        assertEquals(3, e.size(2));
        assertEquals(List.of("B t1", "B t32", "B t64", "B t128"),
                e.expand("m", 64).stream().map(MatrixPoint::id).toList());
    }
}
