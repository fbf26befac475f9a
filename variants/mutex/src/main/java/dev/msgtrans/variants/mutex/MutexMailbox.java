package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.Mailbox;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Phase 2, mutex strategy: a bounded {@link ArrayDeque} behind a {@link ReentrantLock}.
 * <p>
 * Threading contract: as {@link Mailbox}; {@link #offer} from any thread, {@link #poll} from the actor's current
 * runner. Every operation is one short critical section. The lock is shared with the owning actor when the mailbox
 * is built by {@link LockedActorCell}, so that "enqueue, then decide whether to schedule" is one atomic step under
 * a single lock; the {@code *Locked} methods are that cell's lock-already-held entry points.
 *
 * @param <M> message type
 */
public final class MutexMailbox<M> implements Mailbox<M> {

    private final ReentrantLock lock;
    private final ArrayDeque<M> queue;
    private final int capacity;

    public MutexMailbox(int capacity) {
        this(capacity, new ReentrantLock());
    }

    MutexMailbox(int capacity, ReentrantLock lock) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        this.capacity = capacity;
        this.lock = lock;
        // Grow on demand up to the bound: most mailboxes stay nearly empty, so do not pre-size to capacity.
        this.queue = new ArrayDeque<>(Math.min(capacity, 16));
    }

    @Override
    public boolean offer(M message) {
        Objects.requireNonNull(message, "message");
        lock.lock();
        try {
            return offerLocked(message);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public M poll() {
        lock.lock();
        try {
            return queue.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /** Caller holds the lock. */
    boolean offerLocked(M message) {
        if (queue.size() >= capacity) {
            return false;
        }
        queue.addLast(message);
        return true;
    }

    /** Caller holds the lock; moves up to {@code batch.length} messages into {@code batch}. @return how many */
    int drainLocked(Object[] batch) {
        int n = 0;
        M m;
        while (n < batch.length && (m = queue.pollFirst()) != null) {
            batch[n++] = m;
        }
        return n;
    }

    /** Caller holds the lock; empties the mailbox. @return how many messages were discarded */
    int clearLocked() {
        int n = queue.size();
        queue.clear();
        return n;
    }

    /** Caller holds the lock. */
    boolean isEmptyLocked() {
        return queue.isEmpty();
    }
}
