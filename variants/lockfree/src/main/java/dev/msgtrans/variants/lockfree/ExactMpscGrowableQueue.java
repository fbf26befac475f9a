package dev.msgtrans.variants.lockfree;

import org.jctools.queues.MpscGrowableArrayQueue;
import org.jctools.util.Pow2;

/**
 * A JCTools {@link MpscGrowableArrayQueue} whose bound is exact: it starts with a small array, doubles it on demand
 * (linking the new array for the consumer, copying nothing), and refuses an offer once it holds {@link #capacity()}
 * elements, even when that is not a power of two.
 * <p>
 * Why this structure: a per-subscriber buffer (or any per-session queue) should cost little while it is nearly
 * empty, as a locked {@link java.util.ArrayDeque} does, yet keep the exact bound that makes drops countable and
 * equal on every variant. JCTools rounds the growable queue's maximum up to a power of two and enforces only that.
 * The bound is narrowed through the two hooks JCTools itself uses to define its chunked and growable queues:
 * {@code availableInQueue} (how much room is left, checked before every resize and before an offer is refused) and
 * {@code getCurrentBufferCapacity} (how far producers may run ahead of the consumer in the current array, checked
 * whenever a producer reaches its cached limit). Both only return less than JCTools' own values, so every producer
 * limit JCTools derives from them stays within the array it protects, and every admission satisfies
 * {@code producerIndex - consumerIndex <= capacity} at the moment of its CAS: the bound holds under any number of
 * producers, at the cost of a plain offer (the consumer index is read only when a producer reaches its limit).
 * Checked against JCTools 4.0.5's {@code BaseMpscLinkedArrayQueue}; {@code ExactMpscGrowableQueueTest} fills it
 * from several producers and fails if more than the bound is admitted.
 * <p>
 * Threading contract: that of {@link MpscGrowableArrayQueue}: {@code offer} from any thread (lock-free; a producer
 * that finds a resize in progress spins until the resizing producer has linked the new array), {@code poll},
 * {@code relaxedPoll}, {@code drain} from one consumer thread at a time.
 *
 * @param <E> element type
 */
final class ExactMpscGrowableQueue<E> extends MpscGrowableArrayQueue<E> {

    private final int bound;
    /** The bound in JCTools' index units (producer and consumer indices advance by 2 per element). */
    private final long boundInIndexUnits;

    /**
     * @param initialCapacity slots of the first array (rounded up to a power of two; it holds one less, JCTools
     *                        keeps one slot for the link to the next array)
     * @param bound           the most elements the queue holds; see {@link #canGrow}
     */
    ExactMpscGrowableQueue(int initialCapacity, int bound) {
        super(checked(initialCapacity, bound), bound);
        this.bound = bound;
        this.boundInIndexUnits = 2L * bound;
    }

    /**
     * Whether a queue can start at {@code initialCapacity} and grow to {@code bound}: JCTools needs at least two
     * initial slots and a maximum that rounds to a larger power of two than the initial size. When it cannot, the
     * bound is small enough for a fixed ring.
     */
    static boolean canGrow(int initialCapacity, int bound) {
        return initialCapacity >= 2 && bound >= 4
                && Pow2.roundToPowerOfTwo(initialCapacity) < Pow2.roundToPowerOfTwo(bound);
    }

    private static int checked(int initialCapacity, int bound) {
        if (!canGrow(initialCapacity, bound)) {
            throw new IllegalArgumentException("a queue of bound " + bound + " cannot start at " + initialCapacity
                    + " slots and grow");
        }
        return initialCapacity;
    }

    @Override
    protected long availableInQueue(long pIndex, long cIndex) {
        return boundInIndexUnits - (pIndex - cIndex);
    }

    @Override
    protected long getCurrentBufferCapacity(long mask) {
        // Only the last array (of the rounded-up maximum) can exceed the bound; the smaller ones are below it.
        return Math.min(super.getCurrentBufferCapacity(mask), boundInIndexUnits);
    }

    /** The exact bound. */
    @Override
    public int capacity() {
        return bound;
    }
}
