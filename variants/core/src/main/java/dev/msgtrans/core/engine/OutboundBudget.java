package dev.msgtrans.core.engine;

import dev.msgtrans.core.OutboundBytes;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * One session's queued outbound bytes, against its {@link OutboundBytes}: senders reserve a frame's bytes before
 * queuing it, the loop releases them as they are written. Crossing the high water mark makes the session
 * unwritable, falling below the low one writable again; the owner announces each change ({@link Changes}).
 * <p>
 * The byte count is one atomic add per send and per write, the same for every variant (it is the engine's, not the
 * strategy's). Changes of writability are rare, so they are decided under this object's monitor, which orders the
 * announcements of one session. A sender that saw the count above the high mark and a loop that saw it below the low
 * mark may each find the flag not yet changed by the other; the decision therefore re-reads the count after every
 * change of the flag, so the flag never rests on the wrong side of a mark (volatile count and flag: each side sees
 * the other's write, as in Dekker's protocol).
 * <p>
 * Threading contract: {@link #reserve} from any thread, {@link #release} from the session's loop (or from a sender
 * taking back a refused reservation), {@link #isWritable} and {@link #queued} from any thread.
 */
final class OutboundBudget {

    /** Who is told of changes of writability. */
    interface Changes {
        /** Under the budget's monitor, in the order of the changes: must not block. */
        void writabilityChanged(boolean writable, long queuedBytes);

        /** After one or more changes, on the thread that made them, outside the monitor: may tell the actor. */
        void settled();
    }

    private static final AtomicLongFieldUpdater<OutboundBudget> QUEUED =
            AtomicLongFieldUpdater.newUpdater(OutboundBudget.class, "queued");

    private final long low;
    private final long high;
    private final long limit;
    private final Changes changes;
    private volatile long queued;
    private volatile boolean unwritable;
    /** Times the session became unwritable; written under the monitor. */
    private volatile long episodes;

    OutboundBudget(OutboundBytes bounds, Changes changes) {
        this.low = bounds.lowWaterMark();
        this.high = bounds.highWaterMark();
        this.limit = bounds.limit();
        this.changes = changes;
    }

    /** @return {@code false} if {@code bytes} more would pass the limit: nothing was reserved */
    boolean reserve(long bytes) {
        long after = QUEUED.addAndGet(this, bytes);
        if (after > limit) {
            // Through release: while this reservation stood, the loop's own release may have stopped above the low
            // mark that taking it back now crosses.
            release(bytes);
            return false;
        }
        if (after > high && !unwritable && settle()) {
            changes.settled();
        }
        return true;
    }

    /** Gives back bytes written, or a reservation whose frame was not queued after all. */
    void release(long bytes) {
        long after = QUEUED.addAndGet(this, -bytes);
        if (after < low && unwritable && settle()) {
            changes.settled();
        }
    }

    boolean isWritable() {
        return !unwritable;
    }

    /** Times the session became unwritable so far: a reader can tell that it missed an episode. */
    long episodes() {
        return episodes;
    }

    long queued() {
        return queued;
    }

    /**
     * Moves the flag to the side of the marks the count is on, announcing each move, until it rests there.
     *
     * @return whether it moved
     */
    private synchronized boolean settle() {
        boolean moved = false;
        for (;; moved = true) {
            long q = queued;
            if (!unwritable && q > high) {
                episodes++;
                unwritable = true;
                changes.writabilityChanged(false, q);
            } else if (unwritable && q < low) {
                unwritable = false;
                changes.writabilityChanged(true, q);
            } else {
                return moved;
            }
        }
    }
}
