package dev.msgtrans.harness.channels;

import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntFunction;

/**
 * The one switch from a shoot-out row name (the {@code impl} parameter) to a {@link Channel}. An unknown name is an
 * {@link IllegalArgumentException} naming the known ones (JMH sample 27's pattern), and a structure that cannot
 * serve the requested topology (a single-producer queue with two producers) is refused the same way rather than
 * measured while broken.
 */
public final class Channels {

    public static final String ARRAY_BLOCKING_QUEUE = "ArrayBlockingQueue";
    public static final String LINKED_BLOCKING_QUEUE = "LinkedBlockingQueue";
    public static final String CONCURRENT_LINKED_QUEUE = "ConcurrentLinkedQueue";
    public static final String SPSC_ARRAY_QUEUE = "SpscArrayQueue";
    public static final String MPSC_ARRAY_QUEUE = "MpscArrayQueue";
    public static final String MPMC_ARRAY_QUEUE = "MpmcArrayQueue";
    public static final String DISRUPTOR = "Disruptor";
    public static final String SUBMISSION_PUBLISHER = "SubmissionPublisher";

    /** Every row name, in table order. */
    public static final List<String> KNOWN = List.of(ARRAY_BLOCKING_QUEUE, LINKED_BLOCKING_QUEUE,
            CONCURRENT_LINKED_QUEUE, SPSC_ARRAY_QUEUE, MPSC_ARRAY_QUEUE, MPMC_ARRAY_QUEUE, DISRUPTOR,
            SUBMISSION_PUBLISHER);

    private Channels() {
    }

    /**
     * @param impl      a name from {@link #KNOWN}
     * @param producers producer threads that will publish concurrently
     * @param consumers consumer lanes; each receives every message (1 for point-to-point)
     * @param capacity  bound of each buffer, a power of two so that every structure gets exactly this bound
     * @throws IllegalArgumentException for an unknown name, a capacity that is not a power of two, or a topology
     *                                  the structure cannot serve
     */
    static Channel create(String impl, int producers, int consumers, int capacity) {
        if (capacity <= 0 || Integer.bitCount(capacity) != 1) {
            // JCTools, the Disruptor and SubmissionPublisher round up to a power of two; the JDK queues do not
            throw new IllegalArgumentException("capacity must be a power of two so every row has the same bound, was "
                    + capacity);
        }
        if (producers < 1 || consumers < 1) {
            throw new IllegalArgumentException("need at least one producer and one consumer, got " + producers
                    + " and " + consumers);
        }
        switch (impl) {
            case ARRAY_BLOCKING_QUEUE:
                return queues(consumers, n -> new ArrayBlockingQueue<>(capacity));
            case LINKED_BLOCKING_QUEUE:
                return queues(consumers, n -> new LinkedBlockingQueue<>(capacity));
            case CONCURRENT_LINKED_QUEUE:
                return queues(consumers, n -> new BoundedConcurrentLinkedQueue<>(capacity));
            case SPSC_ARRAY_QUEUE:
                if (producers != 1) {
                    throw new IllegalArgumentException(SPSC_ARRAY_QUEUE + " admits one producer, the run has "
                            + producers + "; use " + MPSC_ARRAY_QUEUE);
                }
                return queues(consumers, n -> new SpscArrayQueue<>(capacity));
            case MPSC_ARRAY_QUEUE:
                return queues(consumers, n -> new MpscArrayQueue<>(capacity));
            case MPMC_ARRAY_QUEUE:
                return queues(consumers, n -> new MpmcArrayQueue<>(capacity));
            case DISRUPTOR:
                return new DisruptorChannel(producers, consumers, capacity);
            case SUBMISSION_PUBLISHER:
                return new SubmissionPublisherChannel(consumers, capacity);
            default:
                throw new IllegalArgumentException("unknown channel impl '" + impl + "'; known: "
                        + String.join(", ", KNOWN));
        }
    }

    /** Checks a row name without building anything. */
    public static void requireKnown(String impl) {
        if (!KNOWN.contains(impl)) {
            throw new IllegalArgumentException("unknown channel impl '" + impl + "'; known: " + String.join(", ", KNOWN));
        }
    }

    private static Channel queues(int consumers, IntFunction<Queue<Message>> factory) {
        @SuppressWarnings("unchecked")
        Queue<Message>[] qs = (Queue<Message>[]) new Queue<?>[consumers];
        for (int i = 0; i < consumers; i++) {
            qs[i] = factory.apply(i);
        }
        return new QueueChannel(qs);
    }
}
