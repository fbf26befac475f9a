package dev.msgtrans.testkit.broken;

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
 * CONTROL VARIANT, NEVER USE IN PRODUCTION: every component built from plain collections and plain fields with no
 * synchronization at all, plus the original's bugs (no pool ownership check, silently overwritten request ids, a
 * plain actor scheduling flag). It exists so that the conformance suite, jcstress and lincheck can prove they catch
 * races: a harness that passes this variant is not testing anything.
 * <p>
 * Threading contract: none. Each component is correct when used from one thread (so a failure under concurrency
 * is a race, not a plain bug), except for the misuse the contract rejects, which it silently accepts as the
 * original did. {@link #isControl()} is {@code true}, so transport builders refuse it unless told this is a test.
 */
public final class BrokenVariant implements Variant {

    public static final String ALIAS = "broken";

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String description() {
        return "CONTROL, deliberately unsynchronized (plain HashMap/ArrayDeque/fields) with the original's bugs;"
                + " proves the correctness harnesses can fail; never use in production";
    }

    @Override
    public boolean isControl() {
        return true;
    }

    @Override
    public <V> SessionRegistry<V> newSessionRegistry(int expectedSize) {
        return new BrokenSessionRegistry<>(expectedSize);
    }

    @Override
    public <M> Mailbox<M> newMailbox(int capacity) {
        return new BrokenMailbox<>(capacity);
    }

    @Override
    public <M> ActorSystem<M> newActorSystem(Dispatch dispatch, int mailboxCapacity) {
        return new BrokenActorSystem<>(dispatch, mailboxCapacity);
    }

    @Override
    public <E> EventBus<E> newEventBus(Dispatch dispatch, int bufferCapacity) {
        return new BrokenEventBus<>(dispatch, bufferCapacity);
    }

    @Override
    public <T> RequestTracker<T> newRequestTracker() {
        return new BrokenRequestTracker<>();
    }

    @Override
    public <C> ConnectionPool<C> newConnectionPool(ConnectionPool.Factory<C> factory, int maxSize,
                                                   ConnectionPool.Reuse reuse) {
        return new BrokenConnectionPool<>(factory, maxSize, reuse);
    }

    @Override
    public BufferPool newBufferPool(int[] classSizes, int[] classCaps, boolean direct) {
        return new BrokenBufferPool(classSizes, classCaps, direct);
    }

    @Override
    public Dispatch newDispatch(String name, int workers, int queueCapacity, int idleSpins, int idleYields,
                                FailureHandler failures) {
        return new BrokenDispatch(name, workers, queueCapacity, idleSpins, idleYields, failures);
    }

    @Override
    public <T> OutboundQueue<T> newOutboundQueue(int capacity) {
        return new BrokenOutboundQueue<>(capacity);
    }

    @Override
    public String toString() {
        return ALIAS;
    }
}
