package dev.msgtrans.variants.mutex;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MutexMailboxTest {

    @Test
    void refusesOfferBeyondCapacityAndKeepsFifoOrder() {
        MutexMailbox<Integer> m = new MutexMailbox<>(3);
        assertTrue(m.offer(1));
        assertTrue(m.offer(2));
        assertTrue(m.offer(3));
        assertFalse(m.offer(4), "full");
        assertEquals(3, m.size());
        assertEquals(1, m.poll());
        assertTrue(m.offer(5), "room again after a poll");
        assertEquals(2, m.poll());
        assertEquals(3, m.poll());
        assertEquals(5, m.poll());
        assertNull(m.poll());
        assertEquals(3, m.capacity());
    }
}
