package dev.msgtrans.variants.rwlock;

import dev.msgtrans.variants.mutex.LockedRequestTracker;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Phase 3.2, rwlock strategy: pending requests in a hash map scanned for expiry on the timer tick, behind a non-fair
 * {@link ReentrantReadWriteLock} (structure and threading contract: {@link LockedRequestTracker}).
 * <p>
 * Honestly: {@code register}, {@code complete}, {@code fail}, {@code expire} and {@code nextMessageId} all change the
 * table, so they all take the write lock, and only {@code pending()} reads. On the request path this is the mutex
 * tracker plus the read-write lock's extra bookkeeping; it exists so that the rwlock column of every comparison is
 * complete, and so that its cost is measured rather than assumed.
 *
 * @param <T> response type
 */
public final class RwLockRequestTracker<T> extends LockedRequestTracker<T> {

    public RwLockRequestTracker() {
        this(new ReentrantReadWriteLock());
    }

    private RwLockRequestTracker(ReentrantReadWriteLock rw) {
        super(rw.readLock(), rw.writeLock());
    }
}
