package dev.msgtrans.variants.lockfree;

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
 * The {@code lockfree} variant: every component without locks of its own on its hot path, built from JCTools
 * ({@code NonBlockingHashMapLong}, {@code MpscGrowableArrayQueue}, {@code MpscArrayQueue},
 * {@code MpmcArrayQueue}), {@code ConcurrentHashMap} (the
 * request tracker), atomics and VarHandles, as described on each class. The only blocking left is where the contract asks for waiting: a pool acquire when the
 * pool is exhausted, a dispatch {@code execute} when its ring is full, and idle dispatch workers, which park.
 */
public final class LockFreeVariant implements Variant {

    public static final String ALIAS = "lockfree";

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String description() {
        return "lock-free: NonBlockingHashMapLong/ConcurrentHashMap tables, JCTools MPSC/MPMC rings, CAS scheduling words and leases";
    }

    @Override
    public <V> SessionRegistry<V> newSessionRegistry(int expectedSize) {
        return new LockFreeSessionRegistry<>(expectedSize);
    }

    @Override
    public <M> Mailbox<M> newMailbox(int capacity) {
        return new LockFreeMailbox<>(capacity);
    }

    @Override
    public <M> ActorSystem<M> newActorSystem(Dispatch dispatch, int mailboxCapacity) {
        return new LockFreeActorSystem<>(dispatch, mailboxCapacity);
    }

    @Override
    public <E> EventBus<E> newEventBus(Dispatch dispatch, int bufferCapacity) {
        return new LockFreeEventBus<>(dispatch, bufferCapacity);
    }

    @Override
    public <T> RequestTracker<T> newRequestTracker() {
        return new LockFreeRequestTracker<>();
    }

    @Override
    public <C> ConnectionPool<C> newConnectionPool(ConnectionPool.Factory<C> factory, int maxSize,
                                                   ConnectionPool.Reuse reuse) {
        return new LockFreeConnectionPool<>(factory, maxSize, reuse);
    }

    @Override
    public BufferPool newBufferPool(int[] classSizes, int[] classCaps, boolean direct) {
        return new LockFreeBufferPool(classSizes, classCaps, direct);
    }

    /** The dispatch with the transport's idle strategy (see {@link LockFreeDispatch}). */
    @Override
    public Dispatch newDispatch(String name, int workers, int queueCapacity, int idleSpins, int idleYields,
                                FailureHandler failures) {
        return new LockFreeDispatch(name, workers, queueCapacity, idleSpins, idleYields, failures);
    }

    @Override
    public <T> OutboundQueue<T> newOutboundQueue(int capacity) {
        return new LockFreeOutboundQueue<>(capacity);
    }

    @Override
    public String toString() {
        return ALIAS;
    }
}
