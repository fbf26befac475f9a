package dev.msgtrans.variants.cow;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.BufferPool;
import dev.msgtrans.core.spi.ConnectionPool;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.FailureHandler;
import dev.msgtrans.core.spi.EventBus;
import dev.msgtrans.core.spi.Mailbox;
import dev.msgtrans.core.spi.OutboundQueue;
import dev.msgtrans.core.spi.RequestTracker;
import dev.msgtrans.core.spi.SessionRegistry;
import dev.msgtrans.core.spi.Variant;
import dev.msgtrans.core.spi.Variants;

/**
 * The original's copy-on-write sharded map for the session table and the actor table; every other component is the
 * {@code lockfree} variant's, so a comparison against {@code lockfree} isolates the cost of the tables.
 * <p>
 * Threading contract: stateless; factory methods from any thread. The {@code lockfree} variant is looked up by alias
 * when a component is made (never while {@link java.util.ServiceLoader} is still instantiating variants), so
 * {@code msgtrans-lockfree} must be on the class path, which this module's pom guarantees.
 */
public final class CowVariant implements Variant {

    public static final String ALIAS = "cow";

    /** Alias of the variant that supplies every component other than the two tables. */
    static final String DELEGATE_ALIAS = "lockfree";

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String description() {
        return "the original's 16-shard copy-on-write map (whole-shard copy + CAS per write, no dropped writes)"
                + " for the session and actor tables; lockfree for everything else";
    }

    @Override
    public <V> SessionRegistry<V> newSessionRegistry(int expectedSize) {
        return new CowSessionRegistry<>();
    }

    @Override
    public <M> Mailbox<M> newMailbox(int capacity) {
        return delegate().newMailbox(capacity);
    }

    @Override
    public <M> ActorSystem<M> newActorSystem(Dispatch dispatch, int mailboxCapacity) {
        return new CowActorSystem<>(dispatch, mailboxCapacity);
    }

    @Override
    public <E> EventBus<E> newEventBus(Dispatch dispatch, int bufferCapacity) {
        return delegate().newEventBus(dispatch, bufferCapacity);
    }

    @Override
    public <T> RequestTracker<T> newRequestTracker() {
        return delegate().newRequestTracker();
    }

    @Override
    public <C> ConnectionPool<C> newConnectionPool(ConnectionPool.Factory<C> factory, int maxSize,
                                                   ConnectionPool.Reuse reuse) {
        return delegate().newConnectionPool(factory, maxSize, reuse);
    }

    @Override
    public BufferPool newBufferPool(int[] classSizes, int[] classCaps, boolean direct) {
        return delegate().newBufferPool(classSizes, classCaps, direct);
    }

    @Override
    public Dispatch newDispatch(String name, int workers, int queueCapacity, int idleSpins, int idleYields,
                                FailureHandler failures) {
        return delegate().newDispatch(name, workers, queueCapacity, idleSpins, idleYields, failures);
    }

    @Override
    public <T> OutboundQueue<T> newOutboundQueue(int capacity) {
        return delegate().newOutboundQueue(capacity);
    }

    @Override
    public String toString() {
        return ALIAS;
    }

    // Looked up per factory call (a map lookup; factories are not a hot path), after the ServiceLoader pass that
    // created this variant; a missing lockfree jar is reported by Variants with the known aliases each time.
    private static Variant delegate() {
        return Variants.get(DELEGATE_ALIAS);
    }
}
