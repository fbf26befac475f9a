package dev.msgtrans.variants.lockfree;

import dev.msgtrans.core.spi.Mailbox;
import dev.msgtrans.core.spi.Tuning;
import org.jctools.queues.MessagePassingQueue;

/**
 * {@link Mailbox} on a {@link BoundedGrowableMpscQueue} (a JCTools MPSC linked-array queue): producers claim a slot
 * with one CAS on the producer index and the single consumer needs no atomic read-modify-write at all.
 * <p>
 * Why this structure: a mailbox has exactly the MPSC topology (any thread tells, the one thread running the actor
 * polls); an array neither allocates per message (as a linked queue does) nor lets a flood grow memory without
 * bound. It starts at {@link Tuning#MAILBOX_INITIAL_SLOTS} and doubles on demand up to the capacity, as the mutex
 * mailbox's deque does, because a server holds one mailbox per session and most stay nearly empty. The capacity is
 * enforced exactly, whether or not it is a power of two (see {@link BoundedGrowableMpscQueue}).
 * <p>
 * Progress: {@link #offer} is lock-free, except that producers wait for one that is growing the array (at most
 * {@code log2(capacity / initial slots)} times per mailbox); {@link #poll} is wait-free except that it spins while
 * a producer that has claimed the head slot has not yet stored its element (the producer was preempted between its
 * CAS and its store). Order: items offered by one thread are polled in that order, since each producer's claims are
 * ordered by the producer index.
 *
 * @param <M> message type
 */
public final class LockFreeMailbox<M> implements Mailbox<M> {

    private final BoundedGrowableMpscQueue<M> queue;

    /** @param capacity the bound, at least 1 */
    public LockFreeMailbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("mailbox capacity must be at least 1, got " + capacity);
        }
        this.queue = new BoundedGrowableMpscQueue<>(capacity, Tuning.MAILBOX_INITIAL_SLOTS);
    }

    /** Any thread. @return {@code false} when the mailbox holds {@link #capacity()} messages */
    @Override
    public boolean offer(M message) {
        return queue.offer(message);
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

    /** The requested capacity, enforced exactly. */
    @Override
    public int capacity() {
        return queue.capacity();
    }

    /** Slots allocated now (see {@link BoundedGrowableMpscQueue#arraySlots()}); for tests. */
    int arraySlots() {
        return queue.arraySlots();
    }
}
