package dev.msgtrans.variants.rwlock;

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
import dev.msgtrans.variants.mutex.MutexVariant;

/**
 * The rwlock variant: the tables (sessions, actors, subscribers, pending requests) behind a
 * {@link java.util.concurrent.locks.ReentrantReadWriteLock}. Mailbox, connection pool, buffer pool, dispatch and
 * outbound queue are the mutex implementations, because every one of their operations writes and a read-write
 * lock has no natural form there. Registered for {@link java.util.ServiceLoader} under {@value #ALIAS}.
 */
public final class RwLockVariant implements Variant {

    public static final String ALIAS = "rwlock";

    /** Where the components without a read-write form come from. */
    private static final MutexVariant MUTEX = new MutexVariant();

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String description() {
        return "Tables behind ReentrantReadWriteLock (readers share); queues and pools reuse the mutex implementations";
    }

    @Override
    public <V> SessionRegistry<V> newSessionRegistry(int expectedSize) {
        return new RwLockSessionRegistry<>(expectedSize);
    }

    /** No read-write form: every mailbox operation writes. The mutex mailbox ({@link MutexVariant#newMailbox}). */
    @Override
    public <M> Mailbox<M> newMailbox(int capacity) {
        return MUTEX.newMailbox(capacity);
    }

    @Override
    public <M> ActorSystem<M> newActorSystem(Dispatch dispatch, int mailboxCapacity) {
        return new RwLockActorSystem<>(dispatch, mailboxCapacity);
    }

    @Override
    public <E> EventBus<E> newEventBus(Dispatch dispatch, int bufferCapacity) {
        return new RwLockEventBus<>(dispatch, bufferCapacity);
    }

    @Override
    public <T> RequestTracker<T> newRequestTracker() {
        return new RwLockRequestTracker<>();
    }

    /** No read-write form: acquire and release both write. The mutex pool. */
    @Override
    public <C> ConnectionPool<C> newConnectionPool(ConnectionPool.Factory<C> factory, int maxSize,
                                                   ConnectionPool.Reuse reuse) {
        return MUTEX.newConnectionPool(factory, maxSize, reuse);
    }

    /** No read-write form: acquire and release both write. The mutex pool. */
    @Override
    public BufferPool newBufferPool(int[] classSizes, int[] classCaps, boolean direct) {
        return MUTEX.newBufferPool(classSizes, classCaps, direct);
    }

    /** No read-write form: a hand-off queue only writes. The mutex dispatch. */
    @Override
    public Dispatch newDispatch(String name, int workers, int queueCapacity, int idleSpins, int idleYields,
                                FailureHandler failures) {
        return MUTEX.newDispatch(name, workers, queueCapacity, idleSpins, idleYields, failures);
    }

    /** No read-write form: offer and drain both write. The mutex queue. */
    @Override
    public <T> OutboundQueue<T> newOutboundQueue(int capacity) {
        return MUTEX.newOutboundQueue(capacity);
    }

    @Override
    public String toString() {
        return ALIAS;
    }
}
