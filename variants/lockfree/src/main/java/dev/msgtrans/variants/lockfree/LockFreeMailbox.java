package dev.msgtrans.variants.lockfree;

import dev.msgtrans.core.spi.Mailbox;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;

/**
 * {@link Mailbox} on a JCTools {@link MpscArrayQueue}: a bounded ring whose producers claim a slot with one CAS on
 * the producer index and whose single consumer needs no atomic read-modify-write at all.
 * <p>
 * Why this structure: a mailbox has exactly the MPSC topology (any thread tells, the one thread running the actor
 * polls), and a pre-allocated ring neither allocates per message (as a linked queue does) nor lets a flood grow
 * memory without bound. Capacity: JCTools rounds the ring up to a power of two; when the requested capacity is not
 * one, offers go through {@link MpscArrayQueue#offerIfBelowThreshold}, which refuses the offer once the claimed
 * size reaches the requested capacity, so {@link #capacity()} is enforced exactly at the same cost as a plain offer
 * (it compares against a cached producer limit and reads the consumer index only near the bound).
 * <p>
 * Progress: {@link #offer} is lock-free (a failed CAS means another producer succeeded); {@link #poll} is
 * wait-free except that it spins while a producer that has claimed the head slot has not yet stored its element
 * (the producer was preempted between its CAS and its store). Order: items offered by one thread are polled in
 * that order, since each producer's claims are ordered by the producer index.
 *
 * @param <M> message type
 */
public final class LockFreeMailbox<M> implements Mailbox<M> {

    private final MpscArrayQueue<M> queue;
    private final int capacity;
    /** True when the ring's own capacity is the requested one, so the cheaper plain offer is exact. */
    private final boolean ringIsExact;

    /** @param capacity the bound, at least 1 */
    public LockFreeMailbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("mailbox capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        // JCTools needs at least 2 slots; the threshold keeps a capacity of 1 exact.
        this.queue = new MpscArrayQueue<>(Math.max(2, capacity));
        this.ringIsExact = queue.capacity() == capacity;
    }

    /** Any thread. @return {@code false} when the mailbox holds {@link #capacity()} messages */
    @Override
    public boolean offer(M message) {
        return ringIsExact ? queue.offer(message) : queue.offerIfBelowThreshold(message, capacity);
    }

    /** Consumer thread only. */
    @Override
    public M poll() {
        return queue.poll();
    }

    /**
     * Consumer thread only: passes up to {@code limit} messages to {@code consumer} without a CAS per message.
     * May stop early when a producer has claimed the next slot but not yet filled it; {@link #isEmpty()} still
     * reports that message, so callers that re-check emptiness (as the actor system does) never strand it.
     *
     * @return how many messages were passed
     */
    public int drain(MessagePassingQueue.Consumer<M> consumer, int limit) {
        return queue.drain(consumer, limit);
    }

    /** Any thread; exact in the sense that a claimed but not yet filled slot counts as a message. */
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    @Override
    public int size() {
        return queue.size();
    }

    /** The requested capacity (enforced exactly, although the ring may be larger). */
    @Override
    public int capacity() {
        return capacity;
    }
}
