package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session life cycle: one open, one winning close whose reason sticks, no reopening. */
class SessionStateTest {

    @Test
    void opensOnceThenClosesOnceKeepingTheFirstReason() {
        SessionState s = new SessionState();
        assertFalse(s.isOpen());
        assertFalse(s.wasOpened());
        assertNull(s.reason());
        assertTrue(s.open());
        assertTrue(s.wasOpened());
        assertFalse(s.open(), "a session opens once");
        assertTrue(s.isOpen());
        assertTrue(s.close(CloseReason.PEER_CLOSED));
        assertFalse(s.close(CloseReason.LOCAL), "only the first close wins");
        assertEquals(CloseReason.PEER_CLOSED, s.reason());
        assertTrue(s.isClosed());
        assertFalse(s.isOpen());
        assertTrue(s.wasOpened(), "closed after opening: its handler's onOpen and onClose are due");
        assertFalse(s.open(), "a closed session never reopens");
    }

    @Test
    void aGracefulCloseDrainsThenClosesKeepingItsReason() {
        SessionState s = new SessionState();
        assertFalse(s.drain(CloseReason.PEER_CLOSED), "only an open session drains");
        assertTrue(s.open());
        assertTrue(s.drain(CloseReason.PROTOCOL_ERROR));
        assertFalse(s.drain(CloseReason.PEER_CLOSED), "a session drains once");
        assertFalse(s.isOpen(), "draining: no more reading");
        assertTrue(s.acceptsSends(), "draining: the replies to what was accepted still go out");
        assertTrue(s.isGracefullyClosing());
        assertEquals(CloseReason.PROTOCOL_ERROR, s.reason());
        assertTrue(s.closing());
        assertFalse(s.closing(), "closing once");
        assertFalse(s.acceptsSends(), "closing: the output is done");
        assertTrue(s.isClosing());
        assertTrue(s.close(CloseReason.LOCAL));
        assertEquals(CloseReason.PROTOCOL_ERROR, s.reason(), "the graceful close's reason stands");
        assertTrue(s.wasOpened());
        assertFalse(s.isGracefullyClosing());
    }

    @Test
    void aNewSessionCanBeClosedWithoutOpening() {
        SessionState s = new SessionState();
        assertTrue(s.close(CloseReason.SHUTDOWN));
        assertFalse(s.open());
        assertEquals(CloseReason.SHUTDOWN, s.reason());
        assertFalse(s.wasOpened(), "refused before opening: no handler calls are due");
    }

    @Test
    void exactlyOneOfManyConcurrentClosersWins() throws InterruptedException {
        for (int round = 0; round < 200; round++) {
            SessionState s = new SessionState();
            s.open();
            int threads = 4;
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger winners = new AtomicInteger();
            Thread[] ts = new Thread[threads];
            CloseReason[] reasons = {CloseReason.LOCAL, CloseReason.PEER_CLOSED, CloseReason.IO_ERROR, CloseReason.SHUTDOWN};
            for (int i = 0; i < threads; i++) {
                CloseReason r = reasons[i];
                ts[i] = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (s.close(r)) {
                        winners.incrementAndGet();
                    }
                });
                ts[i].start();
            }
            start.countDown();
            for (Thread t : ts) {
                t.join();
            }
            assertEquals(1, winners.get(), "round " + round);
            assertTrue(s.isClosed());
        }
    }
}
