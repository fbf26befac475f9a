package dev.msgtrans.workbench.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fork heap: what {@code --heap} accepts, the flags it gives, and reading them back from a recorded run. */
class ForkHeapTest {

    @Test
    void theDefaultFixesHeapAndYoungGeneration() {
        assertEquals(List.of("-Xms2g", "-Xmx2g", "-Xmn128m"), ForkHeap.DEFAULT.jvmArgs());
        assertEquals(ForkHeap.DEFAULT, ForkHeap.parse("2g/128m"));
        assertEquals("2g/128m", ForkHeap.DEFAULT.toString());
    }

    @Test
    void ergonomicGivesNoFlags() {
        assertEquals(List.of(), ForkHeap.parse("ergonomic").jvmArgs());
        assertEquals(ForkHeap.ERGONOMIC, ForkHeap.parse(" Ergonomic "));
        assertEquals("ergonomic", ForkHeap.ERGONOMIC.toString());
    }

    @Test
    void refusesWhatIsNotAHeap() {
        assertThrows(IllegalArgumentException.class, () -> ForkHeap.parse("1g"));
        assertThrows(IllegalArgumentException.class, () -> ForkHeap.parse("1g/"));
        assertThrows(IllegalArgumentException.class, () -> ForkHeap.parse("lots/128m"));
        assertThrows(IllegalArgumentException.class, () -> ForkHeap.parse("256m/256m"), "young must be smaller");
        assertThrows(IllegalArgumentException.class, () -> ForkHeap.parse("512m/1g"), "young must be smaller");
        assertThrows(IllegalArgumentException.class, () -> new ForkHeap("1g", null));
    }

    @Test
    void readsTheHeapBackFromRecordedArguments() {
        ForkHeap h = ForkHeap.parse("2g/256m");
        List<String> recorded = new java.util.ArrayList<>(h.jvmArgs());
        recorded.add("-XX:+UseZGC");
        assertEquals(h, ForkHeap.leading(recorded));
        assertEquals(ForkHeap.ERGONOMIC, ForkHeap.leading(List.of("-XX:+UseZGC")), "a run before fixed heaps");
        assertEquals(ForkHeap.ERGONOMIC, ForkHeap.leading(List.of("-Xms1g", "-Xmx2g", "-Xmn128m")),
                "not a fixed heap, so the user's own flags");
        assertEquals(ForkHeap.ERGONOMIC, ForkHeap.leading(List.of()));
    }
}
