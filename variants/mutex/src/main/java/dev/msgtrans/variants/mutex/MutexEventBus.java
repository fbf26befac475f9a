package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.EventBus;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Phase 2, mutex strategy: the subscriber list is a copy-on-write array replaced under a {@link ReentrantLock};
 * each subscriber is a {@link LockedSubscription} with its own locked bounded buffer, drained on the
 * {@link Dispatch}.
 * <p>
 * Threading contract: as {@link EventBus}. {@link #publish} reads the current array (a volatile read: subscribe and
 * cancel are rare, publish is hot, which is exactly the trade {@link java.util.concurrent.CopyOnWriteArrayList}
 * makes with a lock) and, per subscriber, takes only that subscriber's lock to buffer the event; the drain is
 * handed to the dispatch with no lock held. It blocks only if the dispatch queue itself is full, which the
 * {@link Dispatch} sizing rule (one queued run per drain) is there to prevent. After {@link #close()},
 * {@code publish} returns 0 and late subscribers receive {@code onSubscribe} then {@code onComplete}.
 *
 * @param <E> event type
 */
public final class MutexEventBus<E> implements EventBus<E> {

    private static final LockedSubscription<?>[] NONE = new LockedSubscription<?>[0];

    private final Dispatch dispatch;
    private final int bufferCapacity;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    private final ReentrantLock lock = new ReentrantLock();
    /** Replaced under {@link #lock}, never mutated in place. */
    private volatile LockedSubscription<?>[] subscriptions = NONE;
    private boolean closed; // guarded by lock

    public MutexEventBus(Dispatch dispatch, int bufferCapacity) {
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
        lock.lock();
        try {
            late = closed;
            if (!late) {
                LockedSubscription<?>[] old = subscriptions;
                LockedSubscription<?>[] grown = Arrays.copyOf(old, old.length + 1);
                grown[old.length] = s;
                subscriptions = grown;
            }
        } finally {
            lock.unlock();
        }
        if (late) {
            s.complete();
        }
        s.start();
    }

    private void remove(LockedSubscription<E> s) {
        lock.lock();
        try {
            LockedSubscription<?>[] old = subscriptions;
            for (int i = 0; i < old.length; i++) {
                if (old[i] == s) {
                    LockedSubscription<?>[] shrunk = new LockedSubscription<?>[old.length - 1];
                    System.arraycopy(old, 0, shrunk, 0, i);
                    System.arraycopy(old, i + 1, shrunk, i, old.length - i - 1);
                    subscriptions = shrunk;
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public int publish(E event) {
        Objects.requireNonNull(event, "event");
        int buffered = 0;
        for (LockedSubscription<?> s : subscriptions) {
            LockedSubscription<E> sub = (LockedSubscription<E>) s;
            switch (sub.offer(event)) {
                case WAKE:
                    sub.wake();
                    buffered++;
                    break;
                case BUFFERED:
                    buffered++;
                    break;
                default:
                    break;
            }
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
        return subscriptions.length;
    }

    @Override
    public void close() {
        LockedSubscription<?>[] old;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            old = subscriptions;
            subscriptions = NONE;
        } finally {
            lock.unlock();
        }
        for (LockedSubscription<?> s : old) {
            s.complete();
        }
    }
}
