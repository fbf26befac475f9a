package dev.msgtrans.core.spi;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Phase 3.1: the client's bounded pool of connections.
 * <p>
 * Threading contract: every method from any thread. A connection has at most one owner: {@link #acquire} hands out
 * a fresh single-use {@link Lease}; releasing or discarding a lease twice, or a lease of another pool, throws
 * {@link IllegalStateException} and changes nothing. At every quiescent moment
 * {@code total() == available() + inUse()} and {@code total() <= maxSize()}. When no connection is free and the
 * pool is at its maximum, {@code acquire} waits up to its timeout, then throws {@link TimeoutException} naming the
 * pool's size.
 *
 * @param <C> connection type
 */
public interface ConnectionPool<C> extends AutoCloseable {

    /** Creates and destroys connections for the pool; called without any pool lock held. */
    interface Factory<C> {
        C create() throws IOException;

        void destroy(C connection);
    }

    /** One acquisition of one connection; valid until released or discarded. */
    interface Lease<C> {
        C connection();
    }

    Lease<C> acquire(long timeout, TimeUnit unit) throws IOException, InterruptedException, TimeoutException;

    /** Returns the connection to the pool. */
    void release(Lease<C> lease);

    /** Destroys a broken connection, freeing its place. */
    void discard(Lease<C> lease);

    /** Destroys connections idle for longer than {@code idleNanos}. @return how many */
    int evictIdle(long idleNanos);

    int available();

    int inUse();

    int total();

    int maxSize();

    /** Destroys idle connections now and leased ones when released; further acquires throw. */
    @Override
    void close();
}
