package dev.msgtrans.variants.mutex;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Phase 3.2, mutex strategy: pending requests in a hash map scanned for expiry on the timer tick, behind one non-fair
 * {@link ReentrantLock}; the original's locked request map without its leak and its silent overwrite (structure and
 * threading contract: {@link LockedRequestTracker}).
 *
 * @param <T> response type
 */
public final class MutexRequestTracker<T> extends LockedRequestTracker<T> {

    public MutexRequestTracker() {
        this(new ReentrantLock());
    }

    private MutexRequestTracker(ReentrantLock lock) {
        super(lock, lock);
    }
}
