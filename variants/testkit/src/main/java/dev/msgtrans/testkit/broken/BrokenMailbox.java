package dev.msgtrans.testkit.broken;

import dev.msgtrans.core.spi.Mailbox;

import java.util.ArrayDeque;

/**
 * CONTROL, deliberately unsafe: a bounded {@link ArrayDeque} with no synchronization. Correct from one thread;
 * concurrent producers overwrite each other's slots and the consumer can see torn state, so items are lost or
 * duplicated.
 */
final class BrokenMailbox<M> implements Mailbox<M> {

    private final ArrayDeque<M> queue = new ArrayDeque<>();
    private final int capacity;

    BrokenMailbox(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public boolean offer(M message) {
        if (queue.size() >= capacity) {
            return false;
        }
        return queue.offer(message);
    }

    @Override
    public M poll() {
        return queue.poll();
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
