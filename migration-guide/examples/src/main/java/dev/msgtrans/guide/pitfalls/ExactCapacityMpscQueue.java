package dev.msgtrans.guide.pitfalls;

import org.jctools.queues.MpscArrayQueue;

/**
 * A bounded multi-producer, single-consumer queue whose bound is exactly the requested capacity, although the
 * JCTools ring under it is rounded up to a power of two (a mailbox of 1000 would otherwise hold 1024, and the
 * memory bound you configured, documented and tested is not the one you run).
 * <p>
 * Threading contract: {@link #offer} from any thread, {@link #poll} from one consumer thread at a time. Offers
 * use {@link MpscArrayQueue#offerIfBelowThreshold}, which refuses once the claimed size reaches the threshold,
 * at the cost of a plain offer (it compares against a cached limit and reads the consumer index only near it).
 * This is what the {@code lockfree} variant's mailbox and outbound queue do.
 *
 * @param <E> element type
 */
public final class ExactCapacityMpscQueue<E> {

    private final MpscArrayQueue<E> ring;
    private final int capacity;

    public ExactCapacityMpscQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        // tag::mpsc-exact[]
        this.ring = new MpscArrayQueue<>(Math.max(2, capacity)); // ring.capacity() is the next power of two
        // end::mpsc-exact[]
    }

    /** Any thread. @return {@code false} when {@link #capacity()} elements are queued */
    public boolean offer(E e) {
        // tag::mpsc-offer[]
        return ring.offerIfBelowThreshold(e, capacity); // refuses at the requested bound, not the ring's
        // end::mpsc-offer[]
    }

    /** Consumer thread only. @return the next element, or {@code null} */
    public E poll() {
        return ring.poll();
    }

    public int size() {
        return ring.size();
    }

    /** The requested bound. */
    public int capacity() {
        return capacity;
    }

    /** The ring's own capacity (a power of two, at least {@link #capacity()}). */
    public int ringCapacity() {
        return ring.capacity();
    }
}
