package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.OutboundQueue;
import dev.msgtrans.core.spi.Tuning;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Phase 3.3, mutex strategy: a bounded {@link java.util.ArrayDeque} and the {@code scheduled} wake-up flag under
 * one {@link ReentrantLock} (the {@link LockedBoundedQueue} it extends, and the flag).
 * <p>
 * Threading contract: as {@link OutboundQueue}. Because the flag lives under the queue's lock, the coalescing
 * protocol is plain: {@link #requestFlush()} returns {@code true} only when it moves the flag from idle to
 * scheduled, and {@link #flushDone()} clears it only while the queue is empty, both atomically with respect to
 * {@link #offer}. A writer's per-frame step, {@link #offerAndRequestFlush}, is one lock acquisition for both the
 * item and the flag (the engine's send path), as a lock-based design would write it: the lock is what makes the
 * two steps one, so taking it twice would only pay for it twice. {@link #drain} moves one batch into an I/O-thread-private scratch array under one lock
 * acquisition and hands it to the sink after releasing the lock, so a slow sink never stalls writers.
 *
 * @param <T> item type
 */
public final class MutexOutboundQueue<T> extends LockedBoundedQueue<T> implements OutboundQueue<T> {

    private boolean scheduled; // guarded by lock

    /** I/O thread only. */
    private Object[] scratch = new Object[16];

    public MutexOutboundQueue(int capacity) {
        // Grow on demand up to the bound: most connections' queues stay nearly empty.
        super(capacity, Tuning.OUTBOUND_INITIAL_SLOTS, new ReentrantLock());
    }

    /** Any thread: queues the item and, in the same critical section, moves the flag from idle to scheduled. */
    @Override
    public Offer offerAndRequestFlush(T item) {
        Objects.requireNonNull(item, "element");
        lock.lock();
        try {
            if (!offerLocked(item)) {
                return Offer.FULL;
            }
            if (scheduled) {
                return Offer.QUEUED;
            }
            scheduled = true;
            return Offer.WAKE;
        } finally {
            lock.unlock();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public int drain(Consumer<? super T> sink, int limit) {
        Objects.requireNonNull(sink, "sink");
        if (limit <= 0) {
            return 0;
        }
        Object[] batch = scratch;
        int n;
        lock.lock();
        try {
            int take = Math.min(limit, sizeLocked());
            if (batch.length < take) {
                batch = scratch = new Object[Math.max(take, batch.length * 2)];
            }
            n = drainLocked(batch, take);
        } finally {
            lock.unlock();
        }
        try {
            for (int i = 0; i < n; i++) {
                sink.accept((T) batch[i]);
            }
        } finally {
            Arrays.fill(batch, 0, n, null); // do not keep written frames reachable
        }
        return n;
    }

    @Override
    public boolean requestFlush() {
        lock.lock();
        try {
            if (scheduled) {
                return false;
            }
            scheduled = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean flushDone() {
        lock.lock();
        try {
            if (!isEmptyLocked()) {
                return false;
            }
            scheduled = false;
            return true;
        } finally {
            lock.unlock();
        }
    }
}
