package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.TransportConfig;
import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.BufferPool;
import dev.msgtrans.core.spi.Composition;
import dev.msgtrans.core.spi.ConnectionPool;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.EventBus;
import dev.msgtrans.core.spi.Mailbox;
import dev.msgtrans.core.spi.OutboundQueue;
import dev.msgtrans.core.spi.RequestTracker;
import dev.msgtrans.core.spi.SessionRegistry;
import dev.msgtrans.core.spi.Variant;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A real variant with faults to order, for the cases where a component fails under the engine: it delegates every
 * factory to the real variant, but can make the event bus factory throw, make the n-th outbound queue factory call
 * throw (the I/O loops make theirs while the engine is being built), or make the next {@code drain} on one thread
 * throw (which is how an I/O loop dies: its own queue and its sessions' are drained on its thread).
 * <p>
 * Not registered with the {@code ServiceLoader}: a case builds its {@link Composition} with {@link #composition()}.
 * Faults are set before the transport is built (or, for the drain, from the test thread at any time).
 */
final class FaultyVariant implements Variant {

    private final Variant real;
    private volatile Throwable eventBusFault;
    private volatile Throwable outboundFault;
    private volatile int outboundFaultAt;
    private final AtomicInteger outboundQueuesMade = new AtomicInteger();
    private final AtomicReference<String> poisonedThread = new AtomicReference<>();
    private final AtomicReference<Throwable> drainFault = new AtomicReference<>();

    FaultyVariant(Variant real) {
        this.real = real;
    }

    Composition composition() {
        return Composition.uniform(this);
    }

    /** {@code newEventBus} throws {@code fault} (a RuntimeException or an Error). */
    FaultyVariant failEventBus(Throwable fault) {
        this.eventBusFault = fault;
        return this;
    }

    /** The {@code n}-th call (from 1) of {@code newOutboundQueue}, and every later one, throws {@code fault}. */
    FaultyVariant failOutboundQueue(int n, Throwable fault) {
        this.outboundFaultAt = n;
        this.outboundFault = fault;
        return this;
    }

    /** The next {@code drain} of one of this variant's outbound queues on the thread named {@code thread} throws. */
    void poisonNextDrainOn(String thread, Throwable fault) {
        drainFault.set(fault);
        poisonedThread.set(thread);
    }

    private static void sneaky(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        throw (RuntimeException) t;
    }

    @Override
    public String alias() {
        return "faulty-" + real.alias();
    }

    @Override
    public String description() {
        return real.description() + ", with injected faults";
    }

    @Override
    public <V> SessionRegistry<V> newSessionRegistry(int expectedSize) {
        return real.newSessionRegistry(expectedSize);
    }

    @Override
    public <M> Mailbox<M> newMailbox(int capacity) {
        return real.newMailbox(capacity);
    }

    @Override
    public <M> ActorSystem<M> newActorSystem(Dispatch dispatch, int mailboxCapacity) {
        return real.newActorSystem(dispatch, mailboxCapacity);
    }

    @Override
    public <E> EventBus<E> newEventBus(Dispatch dispatch, int bufferCapacity) {
        Throwable fault = eventBusFault;
        if (fault != null) {
            sneaky(fault);
        }
        return real.newEventBus(dispatch, bufferCapacity);
    }

    @Override
    public <T> RequestTracker<T> newRequestTracker() {
        return real.newRequestTracker();
    }

    @Override
    public <C> ConnectionPool<C> newConnectionPool(ConnectionPool.Factory<C> factory, int maxSize,
                                                   ConnectionPool.Reuse reuse) {
        return real.newConnectionPool(factory, maxSize, reuse);
    }

    @Override
    public BufferPool newBufferPool(int[] classSizes, int[] classCaps, boolean direct) {
        return real.newBufferPool(classSizes, classCaps, direct);
    }

    @Override
    public Dispatch newDispatch(String name, int workers, int queueCapacity, int idleSpins, int idleYields,
                                dev.msgtrans.core.spi.FailureHandler failures) {
        return real.newDispatch(name, workers, queueCapacity, idleSpins, idleYields, failures);
    }

    @Override
    public <T> OutboundQueue<T> newOutboundQueue(int capacity) {
        Throwable fault = outboundFault;
        if (fault != null && outboundQueuesMade.incrementAndGet() >= outboundFaultAt) {
            sneaky(fault);
        }
        return new Poisonable<>(real.newOutboundQueue(capacity));
    }

    /** Delegates, except that a poisoned thread's next {@code drain} throws. */
    private final class Poisonable<T> implements OutboundQueue<T> {
        private final OutboundQueue<T> q;

        Poisonable(OutboundQueue<T> q) {
            this.q = q;
        }

        @Override
        public int drain(Consumer<? super T> sink, int limit) {
            String me = Thread.currentThread().getName();
            if (me.equals(poisonedThread.get()) && poisonedThread.compareAndSet(me, null)) {
                sneaky(drainFault.get());
            }
            return q.drain(sink, limit);
        }

        @Override
        public Offer offerAndRequestFlush(T item) {
            return q.offerAndRequestFlush(item);
        }

        @Override
        public boolean offer(T item) {
            return q.offer(item);
        }

        @Override
        public boolean requestFlush() {
            return q.requestFlush();
        }

        @Override
        public boolean flushDone() {
            return q.flushDone();
        }

        @Override
        public int size() {
            return q.size();
        }

        @Override
        public int capacity() {
            return q.capacity();
        }
    }

    /** {@code config} with another composition (every other setting as it was). */
    static TransportConfig with(TransportConfig c, Composition composition) {
        return new TransportConfig(c.protocol(), composition, c.host(), c.port(), c.memoryName(), c.handler(),
                c.ioThreads(), c.dispatchWorkers(), c.dispatchSpins(), c.dispatchYields(), c.maxSessions(),
                c.mailboxCapacity(), c.eventBufferCapacity(), c.outboundCapacity(), c.outboundBytes(), c.overflowPolicy(),
                c.maxPayload(), c.maxExtHeader(), c.idleTimeoutMillis(), c.requestTickMillis(), c.closeLingerMillis(),
                c.connections(), c.connectionReuse(), c.acquireTimeoutMillis(), c.connectTimeoutMillis(), c.allowControl(),
                c.errorSink(), c.roundTrips(), c.quic(), c.alsoListen());
    }
}
