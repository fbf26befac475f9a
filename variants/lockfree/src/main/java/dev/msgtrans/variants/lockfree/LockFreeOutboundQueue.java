package dev.msgtrans.variants.lockfree;

import dev.msgtrans.core.spi.OutboundQueue;
import dev.msgtrans.core.spi.Tuning;
import java.util.function.Consumer;

/**
 * {@link OutboundQueue} on a {@link BoundedGrowableMpscQueue} (a JCTools MPSC linked-array queue, the structure of
 * {@link LockFreeMailbox}) plus one padded flush word (IDLE/SCHEDULED), the wake-up coalescing that Netty's event
 * loop does with its {@code wakenUp} flag.
 * <p>
 * Why this structure: writers are any threads and the drainer is the connection's one I/O thread, which is the
 * MPSC topology; the bounded array gives the slow-peer bound without a lock or an allocation per frame. It starts
 * at {@link Tuning#OUTBOUND_INITIAL_SLOTS} and doubles on demand up to the capacity, as the mutex queue's deque
 * does, because a server holds one per connection and most stay nearly empty. The flush
 * word decides who wakes the I/O thread: {@link #requestFlush()} reads it first and only attempts the CAS when it
 * is IDLE, so a burst of N offers against a scheduled queue costs N plain loads and one wake-up. The word sits on
 * its own cache lines (see {@link PaddedInt}) because every writer reads it while the I/O thread writes it.
 * <p>
 * No stranded item: {@link #flushDone()} stores IDLE with a volatile store and then re-reads the producer index
 * ({@code isEmpty}, which counts a claimed slot, also one whose writer is growing the array); a writer offers (a
 * CAS on the producer index) and then reads the word. Both sides are
 * sequentially consistent, so either the writer sees IDLE and schedules, or the I/O thread sees the item and
 * takes the schedule back (Dekker's pattern).
 * <p>
 * Progress: {@code offer} lock-free except while another writer grows the array (see
 * {@link BoundedGrowableMpscQueue}), {@code requestFlush} wait-free (one load, at most one CAS),
 * {@code drain}/{@code flushDone} wait-free for the I/O thread. Capacity is enforced exactly, as in
 * {@link LockFreeMailbox}.
 *
 * @param <T> item type
 */
public final class LockFreeOutboundQueue<T> extends PaddedInt implements OutboundQueue<T> {

    private static final int IDLE = 0;
    private static final int SCHEDULED = 1;

    private final BoundedGrowableMpscQueue<T> queue;

    /** @param capacity the bound, at least 1 */
    public LockFreeOutboundQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("outbound queue capacity must be at least 1, got " + capacity);
        }
        this.queue = new BoundedGrowableMpscQueue<>(capacity, Tuning.OUTBOUND_INITIAL_SLOTS);
        spValue(IDLE);
    }

    /**
     * Any thread: the two steps, as they are; a lock-free queue has no single synchronisation to share between the
     * ring's producer index and the flush word, and the flag's test-before-CAS already makes the second step one
     * plain load while the queue is scheduled.
     */
    @Override
    public Offer offerAndRequestFlush(T item) {
        if (!offer(item)) {
            return Offer.FULL;
        }
        return requestFlush() ? Offer.WAKE : Offer.QUEUED;
    }

    /** Any thread. */
    @Override
    public boolean offer(T item) {
        return queue.offer(item);
    }

    /** I/O thread only. May return fewer than are queued if a writer has claimed a slot but not yet filled it. */
    @Override
    public int drain(Consumer<? super T> sink, int limit) {
        return queue.drain(sink::accept, limit);
    }

    /** Any thread, after a successful offer. */
    @Override
    public boolean requestFlush() {
        // Test before test-and-set: while the I/O thread is scheduled, writers only load a shared line.
        return lvValue() == IDLE && casValue(IDLE, SCHEDULED);
    }

    /** I/O thread only, after a drain. */
    @Override
    public boolean flushDone() {
        svValue(IDLE); // volatile store: the emptiness check below must not move before it
        if (queue.isEmpty()) {
            return true;
        }
        // Items arrived (or a slot is claimed) since the drain. If a writer already rescheduled, that writer wakes
        // us and we may stop now; otherwise we take the schedule back and drain again.
        return !casValue(IDLE, SCHEDULED);
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public int capacity() {
        return queue.capacity();
    }

    /** Slots allocated now (see {@link BoundedGrowableMpscQueue#arraySlots()}); for tests. */
    int arraySlots() {
        return queue.arraySlots();
    }
}
