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

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * CONTROL for tests: the mutex variant, except that each request tracker counts its registrations and the calls the
 * engine's expiry makes ({@link RequestTracker#pending}, {@link RequestTracker#expire}), so a test can see which
 * sessions' trackers the timer touched. Registered through this module's test {@code META-INF/services}; a builder
 * needs {@code allowControlVariants()} to use it ({@code variant("requests=tracker-count")}).
 */
public final class TrackerCountVariant implements Variant {

    public static final String ALIAS = "tracker-count";

    /** The counts of one tracker. */
    public static final class Counts {
        public final LongAdder registrations = new LongAdder();
        public final LongAdder pendingCalls = new LongAdder();
        public final LongAdder expireCalls = new LongAdder();
    }

    /** Every tracker made since {@link #reset}, in order. */
    public static final Queue<Counts> MADE = new ConcurrentLinkedQueue<>();

    /** Forgets the trackers made so far (a test calls it first). */
    public static void reset() {
        MADE.clear();
    }

    /** Looked up on use: the service loader builds this class while it loads the variants. */
    private static Variant mutex() {
        return Variants.get("mutex");
    }

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String description() {
        return "mutex, but each request tracker counts registrations and expiry calls (a test control)";
    }

    @Override
    public boolean isControl() {
        return true;
    }

    @Override
    public <V> SessionRegistry<V> newSessionRegistry(int expectedSize) {
        return mutex().newSessionRegistry(expectedSize);
    }

    @Override
    public <M> Mailbox<M> newMailbox(int capacity) {
        return mutex().newMailbox(capacity);
    }

    @Override
    public <M> ActorSystem<M> newActorSystem(Dispatch dispatch, int mailboxCapacity) {
        return mutex().newActorSystem(dispatch, mailboxCapacity);
    }

    @Override
    public <E> EventBus<E> newEventBus(Dispatch dispatch, int bufferCapacity) {
        return mutex().newEventBus(dispatch, bufferCapacity);
    }

    @Override
    public <T> RequestTracker<T> newRequestTracker() {
        RequestTracker<T> tracker = mutex().newRequestTracker();
        Counts counts = new Counts();
        MADE.add(counts);
        return new RequestTracker<>() {
            @Override
            public int nextMessageId() {
                return tracker.nextMessageId();
            }

            @Override
            public CompletableFuture<T> register(long key, long deadlineNanos) {
                counts.registrations.increment();
                return tracker.register(key, deadlineNanos);
            }

            @Override
            public boolean complete(long key, T response) {
                return tracker.complete(key, response);
            }

            @Override
            public boolean fail(long key, Throwable cause) {
                return tracker.fail(key, cause);
            }

            @Override
            public int expire(long nowNanos) {
                counts.expireCalls.increment();
                return tracker.expire(nowNanos);
            }

            @Override
            public int failAll(Throwable cause) {
                return tracker.failAll(cause);
            }

            @Override
            public int pending() {
                counts.pendingCalls.increment();
                return tracker.pending();
            }
        };
    }

    @Override
    public <C> ConnectionPool<C> newConnectionPool(ConnectionPool.Factory<C> factory, int maxSize,
                                                   ConnectionPool.Reuse reuse) {
        return mutex().newConnectionPool(factory, maxSize, reuse);
    }

    @Override
    public BufferPool newBufferPool(int[] classSizes, int[] classCaps, boolean direct) {
        return mutex().newBufferPool(classSizes, classCaps, direct);
    }

    @Override
    public Dispatch newDispatch(String name, int workers, int queueCapacity, int idleSpins, int idleYields,
                                FailureHandler failures) {
        return mutex().newDispatch(name, workers, queueCapacity, idleSpins, idleYields, failures);
    }

    @Override
    public <T> OutboundQueue<T> newOutboundQueue(int capacity) {
        return mutex().newOutboundQueue(capacity);
    }
}
