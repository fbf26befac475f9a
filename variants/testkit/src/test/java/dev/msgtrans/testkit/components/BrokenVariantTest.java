package dev.msgtrans.testkit.components;

import dev.msgtrans.core.spi.Variant;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.testkit.broken.BrokenVariant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The control: the broken variant is found, marked as control, kept out of the real variants, correct from one
 * thread, and caught by every concurrent check, which proves the suite can fail.
 */
class BrokenVariantTest {

    /** Runs per check before giving up on catching the control with it. */
    private static final int ATTEMPTS = 2_000;

    /** Hang guard per check, not a performance bound: each check caught the control within a few runs so far. */
    private static final Duration BUDGET = Duration.ofSeconds(20);

    private final Variant broken = Variants.get(BrokenVariant.ALIAS);

    @Test
    void isAControlVariantKeptOutOfTheRealOnes() {
        assertInstanceOf(BrokenVariant.class, broken);
        assertTrue(broken.isControl());
        assertFalse(Variants.realAliases().contains(BrokenVariant.ALIAS));
    }

    @Test
    void isCorrectFromOneThread() throws Exception {
        SessionRegistryConformance.contract(broken);
        MailboxConformance.contract(broken);
        OutboundQueueConformance.contract(broken);
        BufferPoolConformance.contract(broken);
    }

    @Test
    void keepsTheOriginalsMisuseBugs() {
        // The original's pool had no ownership check, and its request table overwrote a colliding id silently.
        assertThrows(AssertionError.class, () -> ConnectionPoolConformance.contract(broken));
        assertThrows(AssertionError.class, () -> RequestTrackerConformance.contract(broken));
    }

    static List<ConformanceSuite.NamedCheck> concurrentChecks() {
        return ConformanceSuite.concurrentChecks();
    }

    /**
     * Every concurrent check must be able to fail: run it against the control until it does, within a bound of
     * attempts and a hang-guard budget, and assert that it did. A check that the control passes tests nothing.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("concurrentChecks")
    void isCaughtByEveryConcurrentCheck(ConformanceSuite.NamedCheck check) {
        long budgetEnd = System.nanoTime() + BUDGET.toNanos();
        Throwable caught = null;
        int attempt = 0;
        while (caught == null && attempt < ATTEMPTS && System.nanoTime() - budgetEnd < 0) {
            attempt++;
            try {
                check.check().run(broken, StressLoad.QUICK);
            } catch (Throwable e) { // an assertion, or a collection corrupted by the race throwing
                caught = e;
            }
        }
        assertNotNull(caught, check + " passed the broken control " + attempt + " times: it cannot fail");
        System.out.println(check + ": caught the control at attempt " + attempt + ": " + caught);
    }
}
