package dev.msgtrans.core.spi;

import dev.msgtrans.core.TransportConfig;

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

    /** A pool of at most {@code maxSize} connections that reuses them in the {@link ConnectionPool.Reuse#FIFO} order. */
    default <C> ConnectionPool<C> newConnectionPool(ConnectionPool.Factory<C> factory, int maxSize) {
        return newConnectionPool(factory, maxSize, ConnectionPool.Reuse.FIFO);
    }

    /**
     * A pool of at most {@code maxSize} connections that reuses idle connections in the given order (see
     * {@link ConnectionPool}); every variant honours both orders.
     *
     * @throws NullPointerException if {@code reuse} is null
     */
    <C> ConnectionPool<C> newConnectionPool(ConnectionPool.Factory<C> factory, int maxSize,
                                            ConnectionPool.Reuse reuse);

    /** @param classSizes ascending buffer sizes; @param classCaps cached buffers allowed per class */
    BufferPool newBufferPool(int[] classSizes, int[] classCaps, boolean direct);

    /**
     * A dispatch with the JVM's default idle settings ({@code TransportConfig.DEFAULT_DISPATCH_SPINS} and
     * {@code DEFAULT_DISPATCH_YIELDS}), as a transport gets without configuring them: benchmarks and tests of one
     * component use this, so they see the policy a transport would.
     */
    default Dispatch newDispatch(String name, int workers, int queueCapacity) {
        return newDispatch(name, workers, queueCapacity, TransportConfig.DEFAULT_DISPATCH_SPINS,
                TransportConfig.DEFAULT_DISPATCH_YIELDS);
    }

    /**
     * Starts {@code workers} threads named after {@code name}. Every dispatch idles the same way, whatever its
     * strategy: each worker that finds no work follows {@code IdleStrategy.of(idleSpins, idleYields)} (spin, then
     * yield) before it blocks, so the idle policy is a factor of the transport, not of the variant. Failures go to
     * {@link FailureHandler#UNCAUGHT}.
     */
    default Dispatch newDispatch(String name, int workers, int queueCapacity, int idleSpins, int idleYields) {
        return newDispatch(name, workers, queueCapacity, idleSpins, idleYields, FailureHandler.UNCAUGHT);
    }

    /**
     * As {@link #newDispatch(String, int, int, int, int)}, with the handler that {@link Dispatch#reportFailure}
     * calls for every failure of a task, or of a behavior or subscriber run on the dispatch (the transport installs
     * its error sink here).
     */
    Dispatch newDispatch(String name, int workers, int queueCapacity, int idleSpins, int idleYields,
                         FailureHandler failures);

    <T> OutboundQueue<T> newOutboundQueue(int capacity);
}
