package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.stats.Decision;
import dev.msgtrans.workbench.stats.Decision.Outcome;
import dev.msgtrans.workbench.stats.Interval;
import dev.msgtrans.workbench.verdict.Verdicts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The crossover sentence counts decided findings only and names where the direction turns. */
class CrossoverTest {

    private static Crossover.Step step(String label, Outcome o) {
        Decision d = new Decision(o, new Interval(1, 0.9, 1.1, 0.99), 0.5, 0.5, 0.05, -1, "test");
        return new Crossover.Step(label, new Verdicts.Finding(null, null, null, null, d));
    }

    @Test
    void aTurnBetweenDecidedCountsIsNamedAcrossAnUndecidedOne() {
        Crossover c = new Crossover(List.of(step("1", Outcome.SLOWER), step("2", Outcome.INCONCLUSIVE),
                step("4 (over cores)", Outcome.FASTER)));
        assertEquals("Crossover: lockfree turns from slower at 1 thread to faster at 4 threads (over cores)"
                + " (slower at 1 thread, undecided at 2 threads, faster at 4 threads (over cores)).",
                c.sentence("lockfree", "mutex"));
    }

    @Test
    void oneDirectionOrNoDecisionIsNoCrossover() {
        assertEquals("Crossover: none shown; lockfree is faster than mutex wherever decided (faster at 1 thread,"
                + " equivalent at 2 threads).", new Crossover(List.of(step("1", Outcome.FASTER),
                step("2", Outcome.EQUIVALENT))).sentence("lockfree", "mutex"));
        assertEquals("Crossover: none shown; lockfree against mutex is decided at no thread count (undecided at"
                + " thread group 1,1, undecided at thread group 3,1 (over cores)).", new Crossover(List.of(
                step("1,1", Outcome.INCONCLUSIVE), step("3,1 (over cores)", Outcome.INCONCLUSIVE)))
                .sentence("lockfree", "mutex"));
    }
}
