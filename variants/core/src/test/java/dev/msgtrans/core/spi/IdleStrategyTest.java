package dev.msgtrans.core.spi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The idle budget: how many active steps a strategy takes before it tells its worker to block, and resets. */
class IdleStrategyTest {

    @Test
    void backoffTakesSpinsPlusYieldsStepsThenBlocks() {
        IdleStrategy idle = IdleStrategy.of(3, 2);
        assertInstanceOf(BackoffIdleStrategy.class, idle);
        for (int i = 0; i < 5; i++) {
            assertTrue(idle.idle(0), "step " + i + " of 3 spins + 2 yields");
        }
        assertFalse(idle.idle(0), "budget spent: block");
        assertFalse(idle.idle(0), "stays spent until reset");
        idle.reset();
        assertTrue(idle.idle(0), "reset starts a new idle period");
    }

    @Test
    void workResetsTheBudget() {
        IdleStrategy idle = IdleStrategy.of(1, 0);
        assertTrue(idle.idle(0));
        assertFalse(idle.idle(0));
        assertTrue(idle.idle(1), "work found: keep polling");
        assertTrue(idle.idle(0), "and the budget is whole again");
        assertFalse(idle.idle(0));
    }

    @Test
    void noSpinsNoYieldsBlocksAtOnce() {
        IdleStrategy idle = IdleStrategy.of(0, 0);
        assertInstanceOf(BlockingIdleStrategy.class, idle);
        assertFalse(idle.idle(0));
        assertTrue(idle.idle(2));
        assertEquals("blocking", idle.toString());
    }

    @Test
    void describesItselfWithItsSettings() {
        assertEquals("backoff(spins=100,yields=0)", IdleStrategy.of(100, 0).toString());
        assertEquals(IdleStrategy.of(7, 3).toString(), IdleStrategy.of(7, 3).toString());
        assertThrows(IllegalArgumentException.class, () -> new BackoffIdleStrategy(-1, 0));
    }
}
