package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.OutboundQueue;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Phase 3.3, mutex strategy: a bounded {@link ArrayDeque} and the {@code scheduled} wake-up flag under one
 * {@link ReentrantLock}.
 * <p>
 * Threading contract: as {@link OutboundQueue}. Because the flag lives under the queue's lock, the coalescing
 * protocol is plain: {@link #requestFlush()} returns {@code true} only when it moves the flag from idle to
 * scheduled, and {@link #flushDone()} clears it only while the queue is empty, both atomically with respect to
 * {@link #offer}. {@link #drain} moves one batch into an I/O-thread-private scratch array under one lock
 * acquisition and hands it to the sink after releasing the lock, so a slow sink never stalls writers.
 *
 * @param <T> item type
 */
public final class MutexOutboundQueue<T> implements OutboundQueue<T> {

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<T> queue; // guarded by lock
    private final int capacity;
    private boolean scheduled; // guarded by lock

    /** I/O thread only. */
    private Object[] scratch = new Object[16];

    public MutexOutboundQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        this.capacity = capacity;
        this.queue = new ArrayDeque<>(Math.min(capacity, 64));
    }

    @Override
    public boolean offer(T item) {
        Objects.requireNonNull(item, "item");
        lock.lock();
        try {
            if (queue.size() >= capacity) {
                return false;
            }
            queue.addLast(item);
            return true;
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
        int n = 0;
        lock.lock();
        try {
            int take = Math.min(limit, queue.size());
            if (batch.length < take) {
                batch = scratch = new Object[Math.max(take, batch.length * 2)];
            }
            while (n < take) {
                batch[n++] = queue.pollFirst();
            }
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
            if (!queue.isEmpty()) {
                return false;
            }
            scheduled = false;
            return true;
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
}
