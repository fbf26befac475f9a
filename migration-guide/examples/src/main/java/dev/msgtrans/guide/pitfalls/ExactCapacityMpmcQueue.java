package dev.msgtrans.guide.pitfalls;

import java.util.concurrent.atomic.AtomicInteger;
import org.jctools.queues.MpmcArrayQueue;

/**
 * A bounded multi-producer, multi-consumer free list whose bound is exactly the requested capacity, for the case
 * where JCTools offers no threshold offer ({@link MpmcArrayQueue} has none): a reservation counter decides who may
 * offer, the rounded-up ring only stores. The {@code lockfree} variant's buffer pool caps its size classes (500,
 * 200, 50: none a power of two) this way.
 * <p>
 * Threading contract: every method from any thread. An offer first reserves a place with a CAS that fails at the
 * capacity, so more than {@code capacity} elements are never stored; the ring is at least as large as the
 * capacity, so a reserved offer always finds room. A poll that takes an element gives its place back. Progress:
 * lock-free.
 *
 * @param <E> element type
 */
public final class ExactCapacityMpmcQueue<E> {

    private final MpmcArrayQueue<E> ring;
    private final AtomicInteger reserved = new AtomicInteger();
    private final int capacity;

    public ExactCapacityMpmcQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.ring = new MpmcArrayQueue<>(Math.max(2, capacity));
    }

    // tag::mpmc-offer[]
    /** @return {@code false} when {@code capacity} elements are stored (or about to be) */
    public boolean offer(E e) {
        for (;;) {
            int r = reserved.get();
            if (r >= capacity) {
                return false;
            }
            if (reserved.compareAndSet(r, r + 1)) {
                break;
            }
        }
        if (!ring.offer(e)) { // cannot happen: the ring holds at least capacity elements
            reserved.decrementAndGet();
            throw new IllegalStateException("ring refused a reserved offer");
        }
        return true;
    }

    public E poll() {
        E e = ring.poll();
        if (e != null) {
            reserved.decrementAndGet(); // after the poll: a reservation always covers a stored element
        }
        return e;
    }
    // end::mpmc-offer[]

    /** Elements stored or reserved; approximate while other threads offer or poll. */
    public int size() {
        return reserved.get();
    }

    public int capacity() {
        return capacity;
    }

    /** The ring's own capacity (a power of two, at least {@link #capacity()}). */
    public int ringCapacity() {
        return ring.capacity();
    }
}
