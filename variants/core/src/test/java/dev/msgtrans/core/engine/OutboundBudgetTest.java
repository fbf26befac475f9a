package dev.msgtrans.core.engine;

import dev.msgtrans.core.OutboundBytes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundBudgetTest {

    private final List<Boolean> changes = new ArrayList<>();
    private int settled;
    private final OutboundBudget budget = new OutboundBudget(new OutboundBytes(100, 200, 1_000),
            new OutboundBudget.Changes() {
                @Override
                public void writabilityChanged(boolean writable, long queuedBytes) {
                    changes.add(writable);
                }

                @Override
                public void settled() {
                    settled++;
                }
            });

    @Test
    void becomesUnwritableAboveTheHighMarkAndWritableBelowTheLowOne() {
        assertTrue(budget.reserve(200));
        assertTrue(budget.isWritable(), "at the high mark, not above it");
        assertTrue(budget.reserve(1));
        assertFalse(budget.isWritable());
        assertTrue(budget.reserve(300));
        assertEquals(List.of(false), changes, "one change per crossing");
        budget.release(400);
        assertFalse(budget.isWritable(), "between the marks the flag stays where it was");
        budget.release(2);
        assertTrue(budget.isWritable());
        assertEquals(List.of(false, true), changes);
        assertEquals(2, settled, "each change is followed by one call outside the monitor");
        assertEquals(99, budget.queued());
    }

    @Test
    void refusesWhatWouldPassTheLimitAndReservesNothing() {
        assertTrue(budget.reserve(1_000));
        assertFalse(budget.reserve(1));
        assertEquals(1_000, budget.queued());
        budget.release(1_000);
        assertTrue(budget.reserve(1_000), "all the room is back");
    }

    /**
     * Senders reserving (and, near the limit, taking refused reservations back) against a loop releasing: whatever
     * the interleaving, an empty queue ends writable and the announced changes alternate.
     */
    @Test
    void concurrentSendersAndALoopNeverLeaveTheFlagOnTheWrongSide() throws Exception {
        List<Boolean> seen = new ArrayList<>();
        long[] unwritableEpisodes = {0};
        OutboundBudget b = new OutboundBudget(new OutboundBytes(1_000, 2_000, 3_000), new OutboundBudget.Changes() {
            @Override
            public void writabilityChanged(boolean writable, long queuedBytes) {
                seen.add(writable); // under the budget's monitor: no other synchronisation needed
                if (!writable) {
                    unwritableEpisodes[0]++;
                }
            }

            @Override
            public void settled() {
            }
        });
        int senders = 3;
        int perSender = 200_000;
        AtomicLong toWrite = new AtomicLong();
        AtomicLong refusals = new AtomicLong();
        CountDownLatch done = new CountDownLatch(senders);
        for (int i = 0; i < senders; i++) {
            new Thread(() -> {
                for (int n = 0; n < perSender; n++) {
                    int size = 1 + ThreadLocalRandom.current().nextInt(300);
                    if (b.reserve(size)) {
                        toWrite.addAndGet(size);
                    } else {
                        refusals.incrementAndGet();
                    }
                }
                done.countDown();
            }).start();
        }
        // the loop: writes what is queued in random pieces until the senders are done and nothing is left
        while (done.getCount() > 0 || toWrite.get() > 0) {
            long q = toWrite.get();
            if (q == 0) {
                Thread.onSpinWait();
                continue;
            }
            long piece = Math.min(q, 1 + ThreadLocalRandom.current().nextInt(700));
            toWrite.addAndGet(-piece);
            b.release(piece);
        }
        assertEquals(0, b.queued());
        assertTrue(b.isWritable(), "an empty queue is writable");
        synchronized (b) {
            for (int i = 0; i < seen.size(); i++) {
                assertEquals(i % 2 == 1, seen.get(i), "changes alternate, starting with unwritable: " + i);
            }
            assertEquals(0, seen.size() % 2, "the last change made it writable");
            assertTrue(unwritableEpisodes[0] > 0, "the test never crossed the high mark");
            assertTrue(refusals.get() > 0, "the test never reached the limit");
        }
    }
}
