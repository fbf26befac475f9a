package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.BufferPool;
import dev.msgtrans.core.spi.ConnectionPool;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.EventBus;
import dev.msgtrans.core.spi.FailureHandler;
import dev.msgtrans.core.spi.Mailbox;
import dev.msgtrans.core.spi.OutboundQueue;
import dev.msgtrans.core.spi.RequestTracker;
import dev.msgtrans.core.spi.SessionRegistry;
import dev.msgtrans.core.spi.Variant;
import dev.msgtrans.core.spi.Variants;

/**
 * The base of the test controls that are the mutex variant except for what they do around its request trackers
 * ({@link TickFaultVariant}, {@link TrackerCountVariant}): every component is mutex's, and each tracker is mutex's
 * wrapped by {@link #wrap}. A control, so a builder needs {@code allowControlVariants()} to use one.
 */
abstract class MutexTrackerControl implements Variant {

    /** Looked up on use: the service loader builds the controls while it loads the variants. */
    private static Variant mutex() {
        return Variants.get("mutex");
    }

    /** Wraps a new mutex tracker; {@link DelegatingRequestTracker} forwards whatever the control does not change. */
    protected abstract <T> RequestTracker<T> wrap(RequestTracker<T> tracker);

    @Override
    public final boolean isControl() {
        return true;
    }

    @Override
    public final <T> RequestTracker<T> newRequestTracker() {
        return wrap(mutex().newRequestTracker());
    }

    @Override
    public final <V> SessionRegistry<V> newSessionRegistry(int expectedSize) {
        return mutex().newSessionRegistry(expectedSize);
    }

    @Override
    public final <M> Mailbox<M> newMailbox(int capacity) {
        return mutex().newMailbox(capacity);
    }

    @Override
    public final <M> ActorSystem<M> newActorSystem(Dispatch dispatch, int mailboxCapacity) {
        return mutex().newActorSystem(dispatch, mailboxCapacity);
    }

    @Override
    public final <E> EventBus<E> newEventBus(Dispatch dispatch, int bufferCapacity) {
        return mutex().newEventBus(dispatch, bufferCapacity);
    }

    @Override
    public final <C> ConnectionPool<C> newConnectionPool(ConnectionPool.Factory<C> factory, int maxSize,
                                                         ConnectionPool.Reuse reuse) {
        return mutex().newConnectionPool(factory, maxSize, reuse);
    }

    @Override
    public final BufferPool newBufferPool(int[] classSizes, int[] classCaps, boolean direct) {
        return mutex().newBufferPool(classSizes, classCaps, direct);
    }

    @Override
    public final Dispatch newDispatch(String name, int workers, int queueCapacity, int idleSpins, int idleYields,
                                      FailureHandler failures) {
        return mutex().newDispatch(name, workers, queueCapacity, idleSpins, idleYields, failures);
    }

    @Override
    public final <T> OutboundQueue<T> newOutboundQueue(int capacity) {
        return mutex().newOutboundQueue(capacity);
    }
}
