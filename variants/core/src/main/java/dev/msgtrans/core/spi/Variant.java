package dev.msgtrans.core.spi;

/**
 * A named factory of components: one concurrency strategy for every component of the transport.
 * <p>
 * Variants are discovered with {@link java.util.ServiceLoader} (put the jar on the class path, list the class in
 * {@code META-INF/services/dev.msgtrans.core.spi.Variant}); {@link #alias()} is the one key for a variant in every
 * builder call, result file, chart, CLI flag and notebook. Where a strategy has no natural form for a component
 * (e.g. a read-write lock for a queue), the variant says so in its package-info and returns the nearest honest
 * choice. Every factory method returns a new, independent instance; components own no threads except the
 * {@link Dispatch} workers.
 */
public interface Variant {

    /** Short lower-case key, e.g. {@code mutex}, {@code rwlock}, {@code lockfree}, {@code cow}. */
    String alias();

    /** One sentence: the strategy. */
    String description();

    /**
     * A control variant is deliberately wrong (e.g. unsynchronized) so that correctness harnesses can prove they
     * catch races. Builders refuse it unless told that this is a test.
     */
    default boolean isControl() {
        return false;
    }

    <V> SessionRegistry<V> newSessionRegistry(int expectedSize);

    <M> Mailbox<M> newMailbox(int capacity);

    /**
     * @param dispatch         where actor runs execute (chosen by the requests+dispatch phase)
     * @param mailboxCapacity  bound of each actor's mailbox
     */
    <M> ActorSystem<M> newActorSystem(Dispatch dispatch, int mailboxCapacity);

    /**
     * @param dispatch        where subscriber deliveries run
     * @param bufferCapacity  bound of each subscriber's buffer
     */
    <E> EventBus<E> newEventBus(Dispatch dispatch, int bufferCapacity);

    <T> RequestTracker<T> newRequestTracker();

    <C> ConnectionPool<C> newConnectionPool(ConnectionPool.Factory<C> factory, int maxSize);

    /** @param classSizes ascending buffer sizes; @param classCaps cached buffers allowed per class */
    BufferPool newBufferPool(int[] classSizes, int[] classCaps, boolean direct);

    /** Starts {@code workers} threads named after {@code name}. */
    Dispatch newDispatch(String name, int workers, int queueCapacity);

    /**
     * As {@link #newDispatch(String, int, int)}, for a transport that configures its idle workers: a dispatch with
     * an idle strategy spins {@code idleSpins} times, then yields {@code idleYields} times, before it parks. A
     * dispatch without one (workers that block on a lock or a condition) has nothing to tune and ignores both,
     * which is what this default does.
     */
    default Dispatch newDispatch(String name, int workers, int queueCapacity, int idleSpins, int idleYields) {
        return newDispatch(name, workers, queueCapacity);
    }

    <T> OutboundQueue<T> newOutboundQueue(int capacity);
}
