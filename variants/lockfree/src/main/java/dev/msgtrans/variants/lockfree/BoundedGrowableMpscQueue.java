package dev.msgtrans.variants.lockfree;

import dev.msgtrans.core.spi.Tuning;
import org.jctools.queues.MpscGrowableArrayQueue;
import org.jctools.util.Pow2;

/**
 * The one MPSC structure of the variant, under {@link LockFreeMailbox}, {@link LockFreeOutboundQueue} and each
 * subscriber's buffer in {@link LockFreeEventBus}: a JCTools {@link MpscGrowableArrayQueue} that starts small and
 * doubles its array on demand, bounded exactly at any capacity (JCTools bounds it at the next power of two).
 * <p>
 * Why growable: a server holds one mailbox and one outbound queue per session (and one buffer per subscriber) and
 * most of them stay nearly empty, so a ring pre-allocated to the bound costs memory per session that a growing
 * deque does not; these structures start at the {@link Tuning} slots, as the lock variants' deques do. Producers
 * claim a slot with one CAS on the producer index (as in {@code MpscArrayQueue}); the consumer needs no atomic
 * read-modify-write; a full array is not copied but linked to a twice larger one, which the consumer follows;
 * arrays never shrink (neither does an {@code ArrayDeque}).
 * <p>
 * Exact bound: JCTools consults two protected hooks of its linked-array queue when a producer reaches its cached
 * producer limit: the current array's capacity (how far the limit may move) and the room left in the queue
 * (whether to grow or report full). Both are capped here at the requested capacity, so the limit never passes
 * {@code consumerIndex + capacity}, an offer is refused only when the claimed size has reached the capacity
 * (the consumer index read fresh, as {@code MpscArrayQueue.offerIfBelowThreshold} does), and the queue never grows
 * beyond it. The fast path is unchanged: one load of the limit, one CAS.
 * <p>
 * Progress: {@code offer} is lock-free except while a producer grows the array: growing takes the producer index's
 * low bit for the few instructions of a resize (allocate, link, publish), and the other producers spin until it is
 * clear, so a producer preempted there delays the others. It happens once per doubling, at most
 * {@code log2(capacity / initial)} times in the life of a queue. The consumer spins only while a producer that has
 * claimed the head slot has not yet stored its element, as in {@code MpscArrayQueue}.
 * <p>
 * Threading contract: {@code offer}, {@link #isEmpty}, {@code size} from any thread; {@code poll}, {@code drain}
 * only from the one consumer thread. Items offered by one thread are polled in that order.
 *
 * @param <E> element type
 */
final class BoundedGrowableMpscQueue<E> extends MpscGrowableArrayQueue<E> {

    /** The bound in producer-index units (JCTools steps its indices by 2; the low bit marks a resize). */
    private final long boundInIndexUnits;
    private final int bound;

    /**
     * @param bound        items held at most, at least 1
     * @param initialSlots the {@link Tuning} slots to start with (rounded to a power of two, capped below the bound)
     */
    BoundedGrowableMpscQueue(int bound, int initialSlots) {
        super(startSlots(bound, initialSlots), jctoolsMax(bound));
        this.bound = bound;
        this.boundInIndexUnits = 2L * bound;
    }

    /** JCTools' maximum, which it rounds up to a power of two; it needs at least 4. */
    private static int jctoolsMax(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + bound);
        }
        return Math.max(4, bound);
    }

    /** The first array: the Tuning slots rounded to a power of two, below the largest array (JCTools requires). */
    static int startSlots(int bound, int initialSlots) {
        int largest = Pow2.roundToPowerOfTwo(jctoolsMax(bound));
        int preferred = Pow2.roundToPowerOfTwo(Math.max(2, Tuning.initialSlots(bound, initialSlots)));
        return Math.min(preferred, largest / 2);
    }

    /** Room left, times 2: against the requested bound, not JCTools' power of two. */
    @Override
    protected long availableInQueue(long pIndex, long cIndex) {
        return boundInIndexUnits - (pIndex - cIndex);
    }

    /** The array's capacity, times 2, never more than the bound: the producer limit cannot move past it. */
    @Override
    protected long getCurrentBufferCapacity(long mask) {
        return Math.min(super.getCurrentBufferCapacity(mask), boundInIndexUnits);
    }

    /**
     * Slots of the array producers write into now: the start, then each doubling. For tests and memory accounting;
     * read it while no producer is growing the array.
     */
    int arraySlots() {
        return producerBuffer.length - 1; // the last element links to the next array
    }

    /** The requested bound, enforced exactly. */
    @Override
    public int capacity() {
        return bound;
    }

    /**
     * Any thread; a claimed slot counts, including one whose producer is growing the array (an odd producer
     * index), which JCTools' own {@code isEmpty} rounds away. The mailbox's and outbound queue's wake-up protocols
     * rely on this: a producer's claiming CAS is the point after which a consumer that re-checks emptiness must see
     * its item. (The event bus's drain does not: its publishers signal after their offer returns.)
     */
    @Override
    public boolean isEmpty() {
        // Consumer index first: a producer index read after it can only be larger, so "empty" is never a guess.
        long c = lvConsumerIndex();
        return c == lvProducerIndex();
    }
}
