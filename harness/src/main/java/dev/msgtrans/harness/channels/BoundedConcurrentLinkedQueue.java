package dev.msgtrans.harness.channels;

import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ConcurrentLinkedQueue} with a capacity, so that it competes on equal terms with the bounded rows (the
 * original compared one bounded channel against unbounded ones). {@code ConcurrentLinkedQueue} has no bound of its
 * own; the usual way to add one is an atomic count of permits, which is what this does, and its cost (one more
 * atomic per offer and per poll, on a counter shared by producers and consumer) is part of what the row measures.
 * <p>
 * Threading contract: that of {@code ConcurrentLinkedQueue}; the size never exceeds the capacity.
 *
 * @param <E> element type
 */
final class BoundedConcurrentLinkedQueue<E> extends AbstractQueue<E> {

    private final ConcurrentLinkedQueue<E> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int capacity;

    BoundedConcurrentLinkedQueue(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public boolean offer(E e) {
        // take a permit first, so the queue itself never holds more than capacity elements
        if (count.getAndIncrement() >= capacity) {
            count.getAndDecrement();
            return false;
        }
        queue.offer(e);
        return true;
    }

    @Override
    public E poll() {
        E e = queue.poll();
        if (e != null) {
            count.getAndDecrement();
        }
        return e;
    }

    @Override
    public E peek() {
        return queue.peek();
    }

    @Override
    public Iterator<E> iterator() {
        return queue.iterator();
    }

    @Override
    public int size() {
        return Math.min(count.get(), capacity);
    }
}
