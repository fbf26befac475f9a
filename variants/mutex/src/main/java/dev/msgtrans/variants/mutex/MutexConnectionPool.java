package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.ConnectionPool;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Phase 3.1, mutex strategy: idle connections on an {@link ArrayDeque} in release order, a total count, and one
 * {@link ReentrantLock} with a {@link Condition} that acquirers wait on.
 * <p>
 * Threading contract: as {@link ConnectionPool}. The lock guards the idle deque, the total, each slot's current
 * lease and the closed flag; it is never held while the factory runs or while a connection is destroyed. To create,
 * {@link #acquire} first reserves a place (total + 1) under the lock, so the total never exceeds the maximum, then
 * calls the factory outside it; a failed create gives the place back and wakes one waiter. Every acquisition
 * returns a new lease object and the slot remembers it, so a second release, a release after discard, or a lease of
 * another pool is refused with {@link IllegalStateException} and changes nothing. Waiters wake one per freed place
 * ({@code signal}, not {@code signalAll}: each release or discard frees exactly one).
 * <p>
 * Reuse order: the {@link ConnectionPool.Reuse} given at construction (FIFO by default), honoured the same way by
 * every variant so that the variants differ only in how they synchronise. A release always appends to the tail of
 * the deque, so the deque stays in release order; a FIFO acquire takes the head (released longest ago), a LIFO
 * acquire the tail (released last). Either way the head has been idle longest, so {@link #evictIdle} takes from the
 * head while connections are older than the limit, in both orders. Under a steady light load FIFO reuse touches
 * every connection in turn, so eviction trims a pool that has gone quiet; LIFO reuse leaves the connections the load
 * does not need at the head, where eviction finds them.
 * <p>
 * After {@link #close()}, idle connections are destroyed at once, leased ones when they come back, and
 * {@code acquire} throws {@link IllegalStateException}.
 *
 * @param <C> connection type
 */
public final class MutexConnectionPool<C> implements ConnectionPool<C> {

    /** One pooled connection; fields guarded by the pool lock. */
    private static final class Slot<C> {
        final C connection;
        long idleSinceNanos;
        Lease<C> current;

        Slot(C connection) {
            this.connection = connection;
        }
    }

    private static final class PoolLease<C> implements Lease<C> {
        final MutexConnectionPool<C> pool;
        final Slot<C> slot;

        PoolLease(MutexConnectionPool<C> pool, Slot<C> slot) {
            this.pool = pool;
            this.slot = slot;
        }

        @Override
        public C connection() {
            return slot.connection;
        }
    }

    private final Factory<C> factory;
    private final int maxSize;
    private final boolean lifo;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    // Guarded by lock.
    private final ArrayDeque<Slot<C>> idle = new ArrayDeque<>();
    private int total;
    private boolean closed;

    /** A FIFO pool. */
    public MutexConnectionPool(Factory<C> factory, int maxSize) {
        this(factory, maxSize, Reuse.FIFO);
    }

    public MutexConnectionPool(Factory<C> factory, int maxSize, Reuse reuse) {
        if (maxSize <= 0) {
            throw new IllegalArgumentException("maxSize must be > 0, was " + maxSize);
        }
        this.factory = Objects.requireNonNull(factory, "factory");
        this.maxSize = maxSize;
        this.lifo = Objects.requireNonNull(reuse, "reuse") == Reuse.LIFO;
    }

    @Override
    public Lease<C> acquire(long timeout, TimeUnit unit) throws IOException, InterruptedException, TimeoutException {
        long nanos = unit.toNanos(timeout);
        final long waitNanos = nanos;
        lock.lockInterruptibly();
        try {
            for (; ; ) {
                if (closed) {
                    throw new IllegalStateException("connection pool is closed");
                }
                Slot<C> s = lifo ? idle.pollLast() : idle.pollFirst();
                if (s != null) {
                    return lease(s);
                }
                if (total < maxSize) {
                    total++; // reserve the place, create outside the lock
                    break;
                }
                if (nanos <= 0) {
                    throw new TimeoutException("no connection free within " + TimeUnit.NANOSECONDS.toMillis(waitNanos)
                            + " ms: the pool is at its maximum of " + maxSize + " connections, all in use");
                }
                nanos = freed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
        C c;
        try {
            c = factory.create();
        } catch (IOException | RuntimeException | Error e) {
            giveBackPlace();
            throw e;
        }
        lock.lock();
        try {
            if (!closed) {
                return lease(new Slot<>(c));
            }
            total--;
        } finally {
            lock.unlock();
        }
        factory.destroy(c); // closed while we were creating
        throw new IllegalStateException("connection pool was closed while a connection was being created");
    }

    /** Lock held. */
    private Lease<C> lease(Slot<C> s) {
        PoolLease<C> l = new PoolLease<>(this, s);
        s.current = l;
        return l;
    }

    private void giveBackPlace() {
        lock.lock();
        try {
            total--;
            freed.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void release(Lease<C> lease) {
        Slot<C> s = own(lease);
        lock.lock();
        try {
            checkCurrent(lease, s);
            s.current = null;
            if (!closed) {
                s.idleSinceNanos = System.nanoTime();
                idle.addLast(s); // release order, whatever the reuse order: see the class comment
                freed.signal();
                return;
            }
            total--;
        } finally {
            lock.unlock();
        }
        factory.destroy(s.connection);
    }

    @Override
    public void discard(Lease<C> lease) {
        Slot<C> s = own(lease);
        lock.lock();
        try {
            checkCurrent(lease, s);
            s.current = null;
            total--;
            freed.signal();
        } finally {
            lock.unlock();
        }
        factory.destroy(s.connection);
    }

    private Slot<C> own(Lease<C> lease) {
        if (!(lease instanceof PoolLease) || ((PoolLease<C>) lease).pool != this) {
            throw new IllegalStateException("lease " + lease + " does not belong to this pool");
        }
        return ((PoolLease<C>) lease).slot;
    }

    /** Lock held. */
    private static <C> void checkCurrent(Lease<C> lease, Slot<C> s) {
        if (s.current != lease) {
            throw new IllegalStateException("lease already released or discarded");
        }
    }

    @Override
    public int evictIdle(long idleNanos) {
        List<C> evicted = new ArrayList<>();
        lock.lock();
        try {
            long now = System.nanoTime();
            // The head of the deque has been idle longest (in both orders); stop at the first one still fresh.
            Slot<C> s;
            while ((s = idle.peekFirst()) != null && now - s.idleSinceNanos > idleNanos) {
                idle.pollFirst();
                total--;
                evicted.add(s.connection);
            }
            for (int i = 0; i < evicted.size(); i++) {
                freed.signal(); // each evicted place lets one waiter create
            }
        } finally {
            lock.unlock();
        }
        destroyAll(evicted);
        return evicted.size();
    }

    private void destroyAll(List<C> connections) {
        RuntimeException first = null;
        for (C c : connections) {
            try {
                factory.destroy(c);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return idle.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int inUse() {
        lock.lock();
        try {
            return total - idle.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int total() {
        lock.lock();
        try {
            return total;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int maxSize() {
        return maxSize;
    }

    @Override
    public void close() {
        List<C> idleNow = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Slot<C> s : idle) {
                idleNow.add(s.connection);
            }
            total -= idle.size();
            idle.clear();
            freed.signalAll(); // every waiter must see the pool closed
        } finally {
            lock.unlock();
        }
        destroyAll(idleNow);
    }
}
