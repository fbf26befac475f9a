package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.Tuning;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded FIFO: an {@link ArrayDeque} and its bound under one {@link ReentrantLock}, the structure under
 * {@link MutexMailbox} and {@link MutexOutboundQueue}. The subclasses add their role's protocol under the same lock
 * (the actor cell's scheduling, the outbound queue's flush flag), which is why the lock is a field they share and
 * not hidden in here; a base class rather than a delegate adds no hop to the measured path.
 * <p>
 * Threading contract: {@link #offer} and {@link #size} from any thread, each one short critical section; the
 * {@code *Locked} methods only with {@link #lock} held, for callers that combine them with state of their own.
 *
 * @param <E> element type
 */
abstract class LockedBoundedQueue<E> {

    final ReentrantLock lock;
    private final ArrayDeque<E> queue; // guarded by lock
    private final int capacity;

    /**
     * @param initialSlots how many slots the deque starts with (a {@link Tuning} constant, capped at the bound): it
     *                     grows on demand up to the bound
     */
    LockedBoundedQueue(int capacity, int initialSlots, ReentrantLock lock) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        this.capacity = capacity;
        this.lock = lock;
        this.queue = new ArrayDeque<>(Tuning.initialSlots(capacity, initialSlots));
    }

    /** Any thread. @return {@code false} when the queue holds {@link #capacity()} elements */
    public boolean offer(E e) {
        Objects.requireNonNull(e, "element");
        lock.lock();
        try {
            return offerLocked(e);
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    public int capacity() {
        return capacity;
    }

    /** Caller holds the lock. */
    boolean offerLocked(E e) {
        if (queue.size() >= capacity) {
            return false;
        }
        queue.addLast(e);
        return true;
    }

    /** Caller holds the lock. */
    E pollLocked() {
        return queue.pollFirst();
    }

    /** Caller holds the lock; moves up to {@code max} elements into {@code into}. @return how many */
    int drainLocked(Object[] into, int max) {
        int n = 0;
        E e;
        while (n < max && (e = queue.pollFirst()) != null) {
            into[n++] = e;
        }
        return n;
    }

    /** Caller holds the lock; empties the queue. @return how many elements were discarded */
    int clearLocked() {
        int n = queue.size();
        queue.clear();
        return n;
    }

    /** Caller holds the lock. */
    int sizeLocked() {
        return queue.size();
    }

    /** Caller holds the lock. */
    boolean isEmptyLocked() {
        return queue.isEmpty();
    }
}
