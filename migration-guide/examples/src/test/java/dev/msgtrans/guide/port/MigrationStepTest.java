package dev.msgtrans.guide.port;

import dev.msgtrans.core.spi.Composition;
import dev.msgtrans.core.spi.Phase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Each step is commit-sized: it changes exactly one thing against the step before it. */
class MigrationStepTest {

    @Test
    void everyStepChangesExactlyOneThing() {
        for (MigrationStep step : MigrationStep.values()) {
            MigrationStep prev = step.previous();
            if (prev == null) {
                continue;
            }
            List<String> changes = new ArrayList<>();
            Composition before = Composition.resolve(prev.variant());
            Composition after = Composition.resolve(step.variant());
            for (Phase p : Phase.values()) {
                if (!before.variant(p).alias().equals(after.variant(p).alias())) {
                    changes.add("phase " + p.number() + ": " + before.variant(p).alias() + " -> " + after.variant(p).alias());
                }
            }
            if (prev.newRegistry().getClass() != step.newRegistry().getClass()) {
                changes.add("registry: " + prev.newRegistry().getClass().getSimpleName() + " -> "
                        + step.newRegistry().getClass().getSimpleName());
            }
            assertEquals(1, changes.size(), step + " against " + prev + ": " + changes);
        }
    }

    @Test
    void thePortStartsAtTheBaselineAndEndsAtPhase3WithTheLockFreeRegistry() {
        MigrationStep[] all = MigrationStep.values();
        assertEquals(Composition.resolve("baseline").spec(), Composition.resolve(all[0].variant()).spec());
        assertInstanceOf(RwLockPresenceRegistry.class, all[0].newRegistry());
        MigrationStep last = all[all.length - 1];
        assertEquals(Composition.resolve("phase3").spec(), Composition.resolve(last.variant()).spec());
        assertInstanceOf(LockFreePresenceRegistry.class, last.newRegistry());
    }
}
