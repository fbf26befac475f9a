package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.Mailbox;
import dev.msgtrans.core.spi.Tuning;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Phase 2, mutex strategy: a bounded {@link java.util.ArrayDeque} behind a {@link ReentrantLock} (the
 * {@link LockedBoundedQueue} it extends).
 * <p>
 * Threading contract: as {@link Mailbox}; {@link #offer} from any thread, {@link #poll} from the actor's current
 * runner. Every operation is one short critical section. The lock is shared with the owning actor when the mailbox
 * is built by {@link LockedActorCell}, so that "enqueue, then decide whether to schedule" is one atomic step under
 * a single lock; the {@code *Locked} methods are that cell's lock-already-held entry points.
 *
 * @param <M> message type
 */
public final class MutexMailbox<M> extends LockedBoundedQueue<M> implements Mailbox<M> {

    public MutexMailbox(int capacity) {
        this(capacity, new ReentrantLock());
    }

    MutexMailbox(int capacity, ReentrantLock lock) {
        // Grow on demand up to the bound: most mailboxes stay nearly empty, so do not pre-size to capacity.
        super(capacity, Tuning.MAILBOX_INITIAL_SLOTS, lock);
    }

    @Override
    public M poll() {
        lock.lock();
        try {
            return pollLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock; moves up to {@code batch.length} messages into {@code batch}. @return how many */
    int drainLocked(Object[] batch) {
        return drainLocked(batch, batch.length);
    }
}
