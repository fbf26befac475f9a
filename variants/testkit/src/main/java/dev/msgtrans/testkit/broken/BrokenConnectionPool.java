package dev.msgtrans.testkit.broken;

import dev.msgtrans.core.spi.ConnectionPool;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * CONTROL, deliberately unsafe: an {@link ArrayDeque} of idle connections and plain counters, and the original's
 * missing ownership check: a lease released twice (or after a discard) puts its connection back twice, so two
 * later callers hold the same connection. Correct from one thread when every lease is released once; concurrently,
 * counts drift and connections are handed out twice. A full pool is waited on by polling, since there is no lock
 * to wait on. It honours the reuse order (releases go to the tail, a FIFO acquire takes the head, a LIFO one the
 * tail), so that its failures are its races, not its order.
 */
final class BrokenConnectionPool<C> implements ConnectionPool<C> {

    private final Factory<C> factory;
    private final int maxSize;
    private final boolean lifo;
    private final ArrayDeque<Idle<C>> idle = new ArrayDeque<>();
    private int total;
    private int inUse;
    private boolean closed;

    private record Idle<C>(C connection, long sinceNanos) {
    }

    private record BrokenLease<C>(C connection) implements Lease<C> {
    }

    BrokenConnectionPool(Factory<C> factory, int maxSize, Reuse reuse) {
        if (maxSize <= 0) {
            throw new IllegalArgumentException("maxSize must be positive, was " + maxSize);
        }
        this.factory = factory;
        this.maxSize = maxSize;
        this.lifo = reuse == Reuse.LIFO;
    }

    @Override
    public Lease<C> acquire(long timeout, TimeUnit unit) throws IOException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (;;) {
            if (closed) {
                throw new IllegalStateException("pool closed");
            }
            Idle<C> i = lifo ? idle.pollLast() : idle.pollFirst();
            if (i != null) {
                inUse++;
                return new BrokenLease<>(i.connection());
            }
            if (total < maxSize) {
                total++;
                inUse++;
                try {
                    return new BrokenLease<>(factory.create());
                } catch (IOException | RuntimeException e) {
                    total--;
                    inUse--;
                    throw e;
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new TimeoutException("no connection free within " + unit.toMillis(timeout) + " ms; pool of "
                        + maxSize + " connections, all in use");
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            LockSupport.parkNanos(20_000);
        }
    }

    @Override
    public void release(Lease<C> lease) {
        // No ownership check: the original's bug.
        inUse--;
        if (closed) {
            total--;
            factory.destroy(lease.connection());
            return;
        }
        idle.addLast(new Idle<>(lease.connection(), System.nanoTime()));
    }

    @Override
    public void discard(Lease<C> lease) {
        inUse--;
        total--;
        factory.destroy(lease.connection());
    }

    @Override
    public int evictIdle(long idleNanos) {
        long now = System.nanoTime();
        int n = 0;
        for (Iterator<Idle<C>> it = idle.iterator(); it.hasNext(); ) {
            Idle<C> i = it.next();
            if (now - i.sinceNanos() > idleNanos) {
                it.remove();
                total--;
                factory.destroy(i.connection());
                n++;
            }
        }
        return n;
    }

    @Override
    public int available() {
        return idle.size();
    }

    @Override
    public int inUse() {
        return inUse;
    }

    @Override
    public int total() {
        return total;
    }

    @Override
    public int maxSize() {
        return maxSize;
    }

    @Override
    public void close() {
        closed = true;
        Idle<C> i;
        while ((i = idle.poll()) != null) {
            total--;
            factory.destroy(i.connection());
        }
    }
}
