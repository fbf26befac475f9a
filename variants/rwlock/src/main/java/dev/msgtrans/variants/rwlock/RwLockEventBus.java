package dev.msgtrans.variants.rwlock;

import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.EventBus;
import dev.msgtrans.variants.mutex.LockedSubscription;

import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Phase 2, rwlock strategy: the subscriber list is an {@link ArrayList} behind a non-fair
 * {@link ReentrantReadWriteLock}; {@link #publish} iterates it under the read lock, so publishers run in parallel
 * and only subscribe, cancel and close take the write lock. Each subscriber is a {@link LockedSubscription}, with
 * its own locked bounded buffer, drained on the {@link Dispatch}.
 * <p>
 * Threading contract: as {@link EventBus}. Under the read lock {@code publish} only buffers (one short
 * per-subscriber critical section each); the drains it must start are handed to the dispatch after the read lock
 * is released, because the dispatch may block when its queue is full, and its workers take the write lock when a
 * subscriber cancels: holding the read lock across that wait could deadlock. Those subscriptions are chained
 * through a link field of their own ({@link LockedSubscription#linkNextToWake}), which only the publisher that
 * got their {@code WAKE} may use until it wakes them, so a publish allocates nothing: concurrent publishers under
 * the read lock cannot share a scratch array, and a per-thread one would cost a lookup. After {@link #close()},
 * {@code publish} returns 0 and late subscribers receive {@code onSubscribe} then {@code onComplete}.
 *
 * @param <E> event type
 */
public final class RwLockEventBus<E> implements EventBus<E> {

    private final Dispatch dispatch;
    private final int bufferCapacity;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    // Guarded by rw.
    private final ArrayList<LockedSubscription<E>> subscriptions = new ArrayList<>();
    private boolean closed;

    public RwLockEventBus(Dispatch dispatch, int bufferCapacity) {
        if (bufferCapacity <= 0) {
            throw new IllegalArgumentException("bufferCapacity must be > 0, was " + bufferCapacity);
        }
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.bufferCapacity = bufferCapacity;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super E> subscriber) {
        LockedSubscription<E> s = new LockedSubscription<>(subscriber, dispatch, bufferCapacity, delivered, dropped,
                this::remove);
        boolean late;
        rw.writeLock().lock();
        try {
            late = closed;
            if (!late) {
                subscriptions.add(s);
            }
        } finally {
            rw.writeLock().unlock();
        }
        if (late) {
            s.complete();
        }
        s.start();
    }

    private void remove(LockedSubscription<E> s) {
        rw.writeLock().lock();
        try {
            subscriptions.remove(s);
        } finally {
            rw.writeLock().unlock();
        }
    }

    @Override
    public int publish(E event) {
        Objects.requireNonNull(event, "event");
        int buffered = 0;
        // The subscriptions this publish owes a wake, chained through their own link field (no list per publish).
        LockedSubscription<E> firstToWake = null;
        LockedSubscription<E> lastToWake = null;
        rw.readLock().lock();
        try {
            for (int i = 0, n = subscriptions.size(); i < n; i++) {
                LockedSubscription<E> s = subscriptions.get(i);
                switch (s.offer(event)) {
                    case WAKE:
                        if (firstToWake == null) {
                            firstToWake = s;
                        } else {
                            lastToWake.linkNextToWake(s);
                        }
                        lastToWake = s;
                        buffered++;
                        break;
                    case BUFFERED:
                        buffered++;
                        break;
                    default:
                        break;
                }
            }
        } finally {
            rw.readLock().unlock();
        }
        for (LockedSubscription<E> s = firstToWake; s != null; ) {
            LockedSubscription<E> next = s.takeNextToWake(); // before wake(): after it the link is not ours
            s.wake();
            s = next;
        }
        return buffered;
    }

    @Override
    public long dropped() {
        return dropped.sum();
    }

    @Override
    public long delivered() {
        return delivered.sum();
    }

    /** Live subscriptions; after {@link #close()}, 0 even while the last buffers drain. */
    @Override
    public int subscribers() {
        rw.readLock().lock();
        try {
            return subscriptions.size();
        } finally {
            rw.readLock().unlock();
        }
    }

    @Override
    public void close() {
        Object[] old;
        rw.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            old = subscriptions.toArray();
            subscriptions.clear();
        } finally {
            rw.writeLock().unlock();
        }
        for (Object s : old) {
            ((LockedSubscription<?>) s).complete();
        }
    }
}
