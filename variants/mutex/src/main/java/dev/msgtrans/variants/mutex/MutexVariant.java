package dev.msgtrans.variants.mutex;

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

/**
 * The mutex variant: every component is a plain JDK collection behind a non-fair
 * {@link java.util.concurrent.locks.ReentrantLock} (conditions where a caller must wait), with short critical
 * sections and no lock held across a callback, socket I/O or a blocking call. Registered for
 * {@link java.util.ServiceLoader} under {@value #ALIAS}.
 */
public final class MutexVariant implements Variant {

    public static final String ALIAS = "mutex";

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String description() {
        return "JDK collections behind one ReentrantLock each, short critical sections, no lock held across callbacks";
    }

    @Override
    public <V> SessionRegistry<V> newSessionRegistry(int expectedSize) {
        return new MutexSessionRegistry<>(expectedSize);
    }

    @Override
    public <M> Mailbox<M> newMailbox(int capacity) {
        return new MutexMailbox<>(capacity);
    }

    @Override
    public <M> ActorSystem<M> newActorSystem(Dispatch dispatch, int mailboxCapacity) {
        return new MutexActorSystem<>(dispatch, mailboxCapacity);
    }

    @Override
    public <E> EventBus<E> newEventBus(Dispatch dispatch, int bufferCapacity) {
        return new MutexEventBus<>(dispatch, bufferCapacity);
    }

    @Override
    public <T> RequestTracker<T> newRequestTracker() {
        return new MutexRequestTracker<>();
    }

    @Override
    public <C> ConnectionPool<C> newConnectionPool(ConnectionPool.Factory<C> factory, int maxSize,
                                                   ConnectionPool.Reuse reuse) {
        return new MutexConnectionPool<>(factory, maxSize, reuse);
    }

    @Override
    public BufferPool newBufferPool(int[] classSizes, int[] classCaps, boolean direct) {
        return new MutexBufferPool(classSizes, classCaps, direct);
    }

    @Override
    public Dispatch newDispatch(String name, int workers, int queueCapacity, int idleSpins, int idleYields,
                                FailureHandler failures) {
        return new MutexDispatch(name, workers, queueCapacity, idleSpins, idleYields, failures);
    }

    @Override
    public <T> OutboundQueue<T> newOutboundQueue(int capacity) {
        return new MutexOutboundQueue<>(capacity);
    }

    @Override
    public String toString() {
        return ALIAS;
    }
}
