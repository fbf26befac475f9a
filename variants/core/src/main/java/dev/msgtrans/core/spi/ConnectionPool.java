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
 * <p>
 * Reuse order: a pool is created with a {@link Reuse} order that decides which connection {@link #acquire} returns
 * when several are idle. {@link Reuse#FIFO}: the one released longest ago; {@link Reuse#LIFO}: the one released
 * most recently. The order is exact for releases that happened-before each other and before the acquire; releases
 * racing with each other, or with the acquire, may be ordered either way. A pool creates a connection only when
 * none is idle, whatever the order. {@link #evictIdle} destroys the connections idle for longer than its limit in
 * both orders; its sweep may leave the idle ones it keeps slightly out of order with releases that race it.
 *
 * @param <C> connection type
 */
public interface ConnectionPool<C> extends AutoCloseable {

    /** Which idle connection an acquire takes; a transport setting ({@code Transport.Builder.connectionReuse}). */
    enum Reuse {
        /**
         * Least recently released first: the pool rotates through its idle connections, which spreads requests over
         * every connection and so over the I/O loops they live on, and keeps every connection in use (idle eviction
         * only trims a pool that has gone quiet).
         */
        FIFO,
        /**
         * Most recently released first: the pool concentrates requests on the few connections that were just in use
         * (warm in the caches, their loop awake), and leaves the rest idle, so idle eviction trims the pool to what
         * the load needs.
         */
        LIFO
    }

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
