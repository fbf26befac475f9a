package dev.msgtrans.variants.lockfree;

import dev.msgtrans.core.spi.ConnectionPool;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpmcArrayQueue;

/**
 * {@link ConnectionPool} without locks: idle connections in a JCTools {@link MpmcArrayQueue} (the free list), the
 * number of connections in an {@link AtomicInteger}, and on every pooled connection an ownership word
 * {@code generation << 1 | inUse} changed only by CAS.
 * <p>
 * Ownership: polling the free list hands an entry to exactly one thread; that thread marks it in use and returns a
 * new {@link Lease} carrying the entry and its generation. {@link #release} and {@link #discard} CAS the word from
 * {@code gen << 1 | 1} to {@code (gen + 1) << 1}; a second release of the same lease, a release of a lease from an
 * earlier acquisition, or a lease of another pool fails and throws {@link IllegalStateException}, changing nothing.
 * (The original pool had no such check, so a double release put one connection in the free list twice and handed
 * it to two callers.)
 * <p>
 * Growth: a caller that finds the free list empty reserves a slot by CAS on the total (below {@link #maxSize()}),
 * then calls {@link Factory#create()} outside anything shared; if creation fails the slot is given back.
 * Waiting: when the free list is empty and the pool is at its maximum, the caller enqueues its thread in a
 * {@link ConcurrentLinkedQueue}, re-checks the free list (an entry released before the enqueue is seen now, so no
 * wake-up is lost), then parks up to its deadline; every release, discard, eviction or failed creation unparks the
 * longest waiter, which polls again. A waiter that was unparked but leaves without using the wake-up (it got a
 * connection otherwise, timed out, or was interrupted) passes it on. On timeout, {@link TimeoutException} names
 * the pool's size and the time waited.
 * <p>
 * Eviction: each release stamps the entry; the free list is FIFO, so the longest idle entries are at its head, and
 * {@link #evictIdle} polls from the head while entries are older than the limit (the first young one is put back
 * at the tail; while the sweep holds an entry, a concurrent acquire may create a connection or wait instead).
 * Under a steady light load FIFO reuse touches every connection in turn, so idle eviction only trims a pool that
 * has gone quiet.
 * <p>
 * Close: idle connections are destroyed at once, leased ones when released or discarded; further acquires throw
 * {@link IllegalStateException}; waiters are woken and throw it too.
 * <p>
 * Progress: acquire (when a connection is idle or a slot is free), release and discard are lock-free; acquire
 * blocks only by parking while the pool is exhausted. {@link #inUse()} is a {@link LongAdder}, and
 * {@code total() == available() + inUse()} holds at every quiescent moment. Exceptions from
 * {@link Factory#destroy} are swallowed: the connection has left the pool either way.
 *
 * @param <C> connection type
 */
public final class LockFreeConnectionPool<C> implements ConnectionPool<C> {

    private final Factory<C> factory;
    private final int maxSize;
    private final MpmcArrayQueue<Entry<C>> idle;
    private final AtomicInteger total = new AtomicInteger();
    private final LongAdder inUse = new LongAdder();
    private final ConcurrentLinkedQueue<Thread> waiters = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    public LockFreeConnectionPool(Factory<C> factory, int maxSize) {
        if (factory == null) {
            throw new NullPointerException("factory");
        }
        if (maxSize < 1) {
            throw new IllegalArgumentException("pool max size must be at least 1, got " + maxSize);
        }
        this.factory = factory;
        this.maxSize = maxSize;
        // Never fills: at most maxSize entries exist.
        this.idle = new MpmcArrayQueue<>(Math.max(2, maxSize));
    }

    @Override
    public Lease<C> acquire(long timeout, TimeUnit unit) throws IOException, InterruptedException, TimeoutException {
        long start = System.nanoTime();
        long deadline = start + unit.toNanos(timeout);
        Thread me = Thread.currentThread();
        boolean woken = false; // we consumed a wake-up meant for "something was freed"
        for (;;) {
            Lease<C> l;
            try {
                l = tryAcquire();
            } catch (IOException | RuntimeException e) {
                passOn(woken);
                throw e;
            }
            if (l != null) {
                return l;
            }
            if (Thread.interrupted()) {
                passOn(woken);
                throw new InterruptedException("interrupted while waiting for a pooled connection");
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                passOn(woken);
                throw new TimeoutException("no connection within " + unit.toMillis(timeout) + " ms (waited "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms): pool at its maximum of "
                        + maxSize + " connections, " + inUse() + " in use");
            }
            waiters.offer(me);
            try {
                l = tryAcquire(); // re-check after enqueueing: a release that missed us is visible now
            } catch (IOException | RuntimeException e) {
                passOn(!waiters.remove(me));
                throw e;
            }
            if (l == null) {
                LockSupport.parkNanos(this, remaining);
            }
            woken = !waiters.remove(me); // not there any more: a releaser dequeued us to wake us
            if (l != null) {
                passOn(woken); // we were served by the re-check, so the wake-up is someone else's
                return l;
            }
        }
    }

    /** @return a lease, or {@code null} when the pool is exhausted */
    private Lease<C> tryAcquire() throws IOException {
        if (closed) {
            throw new IllegalStateException("connection pool is closed");
        }
        Entry<C> e = idle.poll();
        if (e != null) {
            long gen = e.lvState() >>> 1;
            e.svState(gen << 1 | 1);
            inUse.increment();
            if (closed) { // close drained the free list while we held this entry: it is ours to destroy
                e.svState((gen + 1) << 1);
                inUse.decrement();
                destroy(e);
                throw new IllegalStateException("connection pool was closed");
            }
            return new PooledLease<>(e, gen);
        }
        if (!reserveSlot()) {
            return null;
        }
        C c;
        try {
            c = factory.create();
        } catch (IOException | RuntimeException | Error ex) {
            total.decrementAndGet();
            signalWaiter(); // the slot is free again
            throw ex;
        }
        if (c == null) {
            total.decrementAndGet();
            signalWaiter();
            throw new IllegalStateException("connection factory returned null");
        }
        Entry<C> created = new Entry<>(this, c);
        inUse.increment();
        if (closed) {
            created.svState(2);
            inUse.decrement();
            destroy(created);
            throw new IllegalStateException("connection pool was closed while a connection was being created");
        }
        return new PooledLease<>(created, 0);
    }

    private boolean reserveSlot() {
        for (;;) {
            int t = total.get();
            if (t >= maxSize) {
                return false;
            }
            if (total.compareAndSet(t, t + 1)) {
                return true;
            }
        }
    }

    @Override
    public void release(Lease<C> lease) {
        Entry<C> e = takeBack(lease, "release");
        e.releasedAtNanos = System.nanoTime();
        if (closed) {
            destroy(e);
            return;
        }
        returnToIdle(e);
    }

    @Override
    public void discard(Lease<C> lease) {
        Entry<C> e = takeBack(lease, "discard");
        destroy(e);
        signalWaiter(); // a slot is free
    }

    /** Ends a lease: the ownership CAS succeeds once per acquisition. */
    private Entry<C> takeBack(Lease<C> lease, String what) {
        if (lease == null) {
            throw new NullPointerException("lease");
        }
        if (!(lease instanceof PooledLease) || ((PooledLease<?>) lease).entry.pool != this) {
            throw new IllegalStateException("cannot " + what + " a lease of another pool");
        }
        @SuppressWarnings("unchecked")
        PooledLease<C> l = (PooledLease<C>) lease;
        long gen = l.generation;
        if (!l.entry.casState(gen << 1 | 1, (gen + 1) << 1)) {
            throw new IllegalStateException("cannot " + what + " a lease twice: this lease (acquisition #" + gen
                    + " of its connection) was already released or discarded");
        }
        inUse.decrement();
        return l.entry;
    }

    private void returnToIdle(Entry<C> e) {
        if (!idle.offer(e)) {
            throw new IllegalStateException("free list full: more entries than the pool's maximum (a pool bug)");
        }
        if (closed) {
            destroyIdle(); // close raced us and may have drained before our offer
        }
        signalWaiter();
    }

    private void signalWaiter() {
        Thread t = waiters.poll();
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void passOn(boolean woken) {
        if (woken) {
            signalWaiter();
        }
    }

    @Override
    public int evictIdle(long idleNanos) {
        long now = System.nanoTime();
        int evicted = 0;
        for (int n = idle.size(); n > 0; n--) {
            Entry<C> e = idle.poll();
            if (e == null) {
                break;
            }
            if (now - e.releasedAtNanos > idleNanos) {
                destroy(e);
                evicted++;
                signalWaiter(); // a slot is free
            } else {
                returnToIdle(e); // FIFO by release time: the rest are younger
                break;
            }
        }
        return evicted;
    }

    @Override
    public int available() {
        return idle.size();
    }

    @Override
    public int inUse() {
        return (int) inUse.sum();
    }

    @Override
    public int total() {
        return total.get();
    }

    @Override
    public int maxSize() {
        return maxSize;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        destroyIdle();
        Thread t;
        while ((t = waiters.poll()) != null) {
            LockSupport.unpark(t); // they re-check, see the flag and throw
        }
    }

    private void destroyIdle() {
        Entry<C> e;
        while ((e = idle.poll()) != null) {
            destroy(e);
        }
    }

    /** The caller owns {@code e} (polled it, or ended its lease); frees its slot. */
    private void destroy(Entry<C> e) {
        total.decrementAndGet();
        try {
            factory.destroy(e.connection);
        } catch (RuntimeException ignored) {
            // the connection has left the pool either way
        }
    }

    /** A pooled connection and its ownership word. */
    private static final class Entry<C> {
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Entry.class, "state", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final LockFreeConnectionPool<C> pool;
        final C connection;
        /** {@code generation << 1 | inUse}; a new entry starts in use, generation 0. */
        private volatile long state = 1;
        /** Written by the releasing owner before the entry is offered; the offer publishes it. */
        long releasedAtNanos;

        Entry(LockFreeConnectionPool<C> pool, C connection) {
            this.pool = pool;
            this.connection = connection;
        }

        long lvState() {
            return state;
        }

        void svState(long s) {
            state = s;
        }

        boolean casState(long expect, long update) {
            return STATE.compareAndSet(this, expect, update);
        }
    }

    /** One acquisition: the entry and the generation it was acquired at. */
    private static final class PooledLease<C> implements Lease<C> {
        final Entry<C> entry;
        final long generation;

        PooledLease(Entry<C> entry, long generation) {
            this.entry = entry;
            this.generation = generation;
        }

        @Override
        public C connection() {
            return entry.connection;
        }

        @Override
        public String toString() {
            return "Lease[" + entry.connection + ", acquisition #" + generation + "]";
        }
    }
}
