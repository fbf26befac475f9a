package dev.msgtrans.testkit.broken;

import dev.msgtrans.core.spi.OutboundQueue;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * CONTROL, deliberately unsafe: an {@link ArrayDeque} and a plain {@code boolean} flush flag, checked then set.
 * Correct from one thread; concurrently, items are lost and two writers can both win the wake-up, or a flush can
 * end while an item is being added, stranding it with nobody scheduled.
 */
final class BrokenOutboundQueue<T> implements OutboundQueue<T> {

    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private final int capacity;
    private boolean scheduled;

    BrokenOutboundQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** The two unsynchronized steps, as every real variant's writer path does them. */
    @Override
    public Offer offerAndRequestFlush(T item) {
        if (!offer(item)) {
            return Offer.FULL;
        }
        return requestFlush() ? Offer.WAKE : Offer.QUEUED;
    }

    @Override
    public boolean offer(T item) {
        if (queue.size() >= capacity) {
            return false;
        }
        return queue.offer(item);
    }

    @Override
    public int drain(Consumer<? super T> sink, int limit) {
        int n = 0;
        T item;
        while (n < limit && (item = queue.poll()) != null) {
            sink.accept(item);
            n++;
        }
        return n;
    }

    @Override
    public boolean requestFlush() {
        if (scheduled) {
            return false;
        }
        scheduled = true;
        return true;
    }

    @Override
    public boolean flushDone() {
        if (!queue.isEmpty()) {
            return false;
        }
        scheduled = false;
        return true;
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public int capacity() {
        return capacity;
    }
}
