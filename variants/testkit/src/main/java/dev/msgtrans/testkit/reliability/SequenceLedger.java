package dev.msgtrans.testkit.reliability;

import java.util.BitSet;

/**
 * What one receiver saw of one sender's numbered stream {@code 0, 1, 2, ...}: every number it got, how many came twice,
 * how many came after a higher one, and how many were not numbers the sender could have sent. With the sender's
 * count it gives the loss exactly (numbers never seen), so a soak's verdict rests on sets, not on counters that
 * could hide a loss behind a duplicate.
 * <p>
 * Threading contract: {@link #record} is called by the receiving actor (serially, but the actor may move between
 * worker threads) and the queries by the reporting thread; all are synchronized, uncontended in practice (one
 * ledger per stream).
 */
public final class SequenceLedger {

    private final long capacity;
    private final BitSet seen = new BitSet();
    private long received;
    private long distinct;
    private long duplicated;
    private long outOfOrder;
    private long invalid;
    private long highest = -1;

    /** @param capacity the most numbers the sender will send; anything at or above it is invalid */
    public SequenceLedger(long capacity) {
        if (capacity < 0 || capacity > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("capacity must be 0-" + Integer.MAX_VALUE + ", was " + capacity);
        }
        this.capacity = capacity;
    }

    public synchronized void record(long seq) {
        received++;
        if (seq < 0 || seq >= capacity) {
            invalid++;
            return;
        }
        if (seen.get((int) seq)) {
            duplicated++;
            return;
        }
        seen.set((int) seq);
        distinct++;
        if (seq < highest) {
            outOfOrder++;
        } else {
            highest = seq;
        }
    }

    /** Records a message that did not parse as (stream, number) at all. */
    public synchronized void recordCorrupt() {
        received++;
        invalid++;
    }

    public synchronized long received() {
        return received;
    }

    public synchronized long distinct() {
        return distinct;
    }

    public synchronized long duplicated() {
        return duplicated;
    }

    public synchronized long outOfOrder() {
        return outOfOrder;
    }

    public synchronized long invalid() {
        return invalid;
    }

    /** Numbers below {@code sent} never seen: with {@code sent} the count the sender had accepted, the loss. */
    public synchronized long missing(long sent) {
        long below = seen.get(0, (int) Math.min(sent, capacity)).cardinality();
        return sent - below;
    }
}
