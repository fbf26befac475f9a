package dev.msgtrans.testkit.components;

import dev.msgtrans.core.spi.Mailbox;
import dev.msgtrans.core.spi.Variant;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Mailbox}: bounded FIFO from one thread, and conservation with per-producer order under several producers. */
public final class MailboxConformance {

    private MailboxConformance() {
    }

    /** Empty and full signalling, the bound, FIFO order. */
    public static void contract(Variant v) {
        Mailbox<Integer> mb = v.newMailbox(8);
        assertTrue(mb.capacity() >= 8, "capacity() " + mb.capacity() + " below the requested 8");
        assertNull(mb.poll(), "empty mailbox polls null");
        assertEquals(0, mb.size());
        int accepted = 0;
        while (accepted <= mb.capacity() && mb.offer(accepted)) {
            accepted++;
        }
        assertEquals(mb.capacity(), accepted, "offers accepted by an empty mailbox before it reports full");
        assertFalse(mb.offer(-1), "a full mailbox keeps refusing");
        assertEquals(mb.capacity(), mb.size());
        for (int i = 0; i < accepted; i++) {
            assertEquals(i, mb.poll(), "FIFO");
        }
        assertNull(mb.poll());
        assertTrue(mb.offer(42), "room again after draining");
        assertEquals(42, mb.poll());
    }

    /**
     * Producers offer sequenced items (retrying when full) while one consumer polls: every item is polled exactly
     * once and each producer's items in the order it offered them.
     */
    public static void conservation(Variant v, StressLoad load) {
        String check = "mailbox-conservation[" + v.alias() + "]";
        Mailbox<Long> mb = v.newMailbox(64);
        int producers = load.threads() - 1;
        int m = load.opsPerThread();
        Sequenced.Tracker tracker = new Sequenced.Tracker(producers);
        AtomicInteger refusals = new AtomicInteger();
        Contenders.run(check, load.threads(), load.deadlineNanos(), (i, race) -> {
            if (i < producers) {
                for (int s = 0; s < m; s++) {
                    Long item = Sequenced.of(i, s);
                    while (!mb.offer(item)) {
                        refusals.incrementAndGet();
                        race.backOff();
                    }
                }
            } else {
                long expected = (long) producers * m;
                while (tracker.received() < expected) {
                    Long item = mb.poll();
                    if (item == null) {
                        race.backOff();
                        continue;
                    }
                    String error = tracker.accept(item);
                    if (error != null) {
                        throw race.fail(error);
                    }
                }
            }
        });
        assertNull(mb.poll(), check + ": an item beyond those offered was polled (duplicate)");
        assertEquals(0, mb.size(), check + ": size when drained");
    }
}
