package dev.msgtrans.variants.lockfree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The stack under both LIFO pools; {@link LockFreeBufferPoolTest} checks it through the buffer pool as well.
 */
class BoundedTreiberStackTest {

    @Test
    void lastInFirstOutWithAnExactBound() {
        BoundedTreiberStack<String> s = new BoundedTreiberStack<>(3);
        assertNull(s.poll());
        assertTrue(s.offer("a"));
        assertTrue(s.offer("b"));
        assertTrue(s.offer("c"));
        assertFalse(s.offer("d"), "exactly the capacity, no power-of-two rounding");
        assertEquals(3, s.size());
        assertEquals("c", s.poll());
        assertTrue(s.offer("e"));
        assertEquals("e", s.poll());
        assertEquals("b", s.poll());
        assertEquals("a", s.poll());
        assertNull(s.poll());
        assertEquals(0, s.size());
    }

    @Test
    void capacityZeroRefusesEverything() {
        BoundedTreiberStack<String> s = new BoundedTreiberStack<>(0);
        assertFalse(s.offer("a"));
        assertNull(s.poll());
        assertEquals(0, s.size());
        assertThrows(IllegalArgumentException.class, () -> new BoundedTreiberStack<String>(-1));
    }

    /**
     * Threads take tokens and put them back as fast as they can, as pooled connections move: a token is never held
     * by two threads at once, and every token is back at the end (none lost, none duplicated).
     */
    @Test
    void aTokenHasOneHolderAtATime() {
        int tokens = 3;
        BoundedTreiberStack<Integer> s = new BoundedTreiberStack<>(tokens);
        for (int i = 0; i < tokens; i++) {
            assertTrue(s.offer(i));
        }
        AtomicIntegerArray held = new AtomicIntegerArray(tokens);
        Concurrently.run(4, t -> {
            for (int n = 0; n < 100_000; n++) {
                Integer token = s.poll();
                if (token == null) {
                    continue;
                }
                if (!held.compareAndSet(token, 0, 1)) {
                    throw new AssertionError("token " + token + " handed to two holders");
                }
                held.set(token, 0);
                if (!s.offer(token)) {
                    throw new AssertionError("offer refused below the capacity");
                }
            }
        });
        assertEquals(tokens, s.size());
        boolean[] seen = new boolean[tokens];
        Integer token;
        while ((token = s.poll()) != null) {
            assertFalse(seen[token], "token " + token + " twice in the stack");
            seen[token] = true;
        }
        for (boolean b : seen) {
            assertTrue(b, "a token was lost");
        }
    }
}
