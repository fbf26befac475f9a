package dev.msgtrans.testkit.components;

import dev.msgtrans.core.spi.ConnectionPool;
import dev.msgtrans.core.spi.Variant;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ConnectionPool}: ownership (a double release, a stale lease and a foreign lease are refused with
 * {@link IllegalStateException} and change nothing), the bound, reuse (and its order, FIFO or LIFO as asked),
 * timeout, eviction and close from one thread;
 * and under an acquire/release storm, never two holders of one connection and {@code total == available + inUse}.
 * Every check that creates a pool takes the {@link ConnectionPool.Reuse} order it creates it with, so each runs
 * for both orders.
 */
public final class ConnectionPoolConformance {

    private ConnectionPoolConformance() {
    }

    /** A pooled connection; identity is what the checks track. */
    static final class Conn {
        final int id;
        final AtomicBoolean destroyed = new AtomicBoolean();

        Conn(int id) {
            this.id = id;
        }

        @Override
        public String toString() {
            return "conn-" + id;
        }
    }

    /** Counts creates and destroys, and records a connection destroyed twice. */
    static final class CountingFactory implements ConnectionPool.Factory<Conn> {
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger destroyed = new AtomicInteger();
        final AtomicInteger destroyedTwice = new AtomicInteger();

        @Override
        public Conn create() {
            return new Conn(created.incrementAndGet());
        }

        @Override
        public void destroy(Conn c) {
            if (c.destroyed.getAndSet(true)) {
                destroyedTwice.incrementAndGet();
            } else {
                destroyed.incrementAndGet();
            }
        }
    }

    private static void balanced(ConnectionPool<?> p, String when) {
        assertEquals(p.total(), p.available() + p.inUse(), "total == available + inUse " + when);
        assertTrue(p.total() <= p.maxSize(), "total <= maxSize " + when);
    }

    /** {@link #contract(Variant, ConnectionPool.Reuse)} for the default (FIFO) pool. */
    public static void contract(Variant v) throws Exception {
        contract(v, ConnectionPool.Reuse.FIFO);
    }

    public static void contract(Variant v, ConnectionPool.Reuse reuse) throws Exception {
        CountingFactory f = new CountingFactory();
        ConnectionPool<Conn> pool = v.newConnectionPool(f, 2, reuse);
        assertEquals(2, pool.maxSize());
        assertEquals(0, pool.total());
        ConnectionPool.Lease<Conn> a = pool.acquire(10, TimeUnit.SECONDS);
        ConnectionPool.Lease<Conn> b = pool.acquire(10, TimeUnit.SECONDS);
        assertNotSame(a.connection(), b.connection(), "two leases, two connections");
        assertEquals(2, pool.inUse());
        balanced(pool, "with both leased");
        TimeoutException te = assertThrows(TimeoutException.class, () -> pool.acquire(5, TimeUnit.MILLISECONDS),
                "acquire on an exhausted pool times out");
        assertTrue(te.getMessage() != null && te.getMessage().contains("2"), "the timeout names the pool's size: " + te.getMessage());

        Conn ac = a.connection();
        pool.release(a);
        assertEquals(1, pool.available());
        assertEquals(1, pool.inUse());
        assertThrows(IllegalStateException.class, () -> pool.release(a), "double release");
        assertThrows(IllegalStateException.class, () -> pool.discard(a), "discard of a released lease");
        assertEquals(1, pool.available(), "a refused release changes nothing");
        assertEquals(1, pool.inUse(), "a refused release changes nothing");
        assertFalse(ac.destroyed.get(), "a refused discard destroys nothing");

        ConnectionPool.Lease<Conn> c = pool.acquire(10, TimeUnit.SECONDS);
        assertSame(ac, c.connection(), "the pool is at its maximum, so the idle connection is reused");
        assertNotSame(a, c, "each acquire hands out a fresh lease");
        assertThrows(IllegalStateException.class, () -> pool.release(a), "a stale lease of a reused connection");

        CountingFactory f2 = new CountingFactory();
        ConnectionPool<Conn> other = v.newConnectionPool(f2, 1, reuse);
        ConnectionPool.Lease<Conn> foreign = other.acquire(10, TimeUnit.SECONDS);
        assertThrows(IllegalStateException.class, () -> pool.release(foreign), "a lease of another pool");
        balanced(pool, "after a foreign release");
        other.release(foreign);
        other.close();
        assertEquals(f2.created.get(), f2.destroyed.get(), "close destroys the idle connections");

        pool.discard(c);
        assertTrue(ac.destroyed.get(), "discard destroys");
        assertEquals(1, pool.total(), "discard frees its place");
        balanced(pool, "after a discard");
        pool.release(b);
        assertEquals(1, pool.available());
        long idleSince = System.nanoTime();
        while (System.nanoTime() == idleSince) {
            Thread.onSpinWait();
        }
        assertEquals(1, pool.evictIdle(0), "evictIdle(0) destroys every idle connection");
        assertEquals(0, pool.total());
        balanced(pool, "after eviction");

        ConnectionPool.Lease<Conn> d = pool.acquire(10, TimeUnit.SECONDS);
        ConnectionPool.Lease<Conn> e = pool.acquire(10, TimeUnit.SECONDS);
        pool.release(e);
        pool.close();
        assertTrue(e.connection().destroyed.get(), "close destroys idle connections now");
        assertFalse(d.connection().destroyed.get(), "close leaves a leased connection to its holder");
        assertThrows(Exception.class, () -> pool.acquire(10, TimeUnit.MILLISECONDS), "acquire after close");
        pool.release(d);
        assertTrue(d.connection().destroyed.get(), "a connection released after close is destroyed");
        assertEquals(f.created.get(), f.destroyed.get(), "every connection created is destroyed once");
        assertEquals(0, f.destroyedTwice.get(), "connections destroyed twice");
    }

    /**
     * The order a pool made without one reuses in: FIFO, the least recently released idle connection first, in
     * every variant ({@link Variant#newConnectionPool(ConnectionPool.Factory, int)}).
     */
    public static void reuseOrder(Variant v) throws Exception {
        CountingFactory f = new CountingFactory();
        reuseOrder(v.newConnectionPool(f, 3), f, ConnectionPool.Reuse.FIFO, "default order: ");
    }

    /**
     * Reuse order as asked, the same in every variant: with three connections released in a known order, FIFO
     * acquires return the least recently released first, LIFO acquires the most recently released first; a
     * release between acquires joins the order where it belongs. A pool that ignores the order it was given fails,
     * so a variant cannot drift from the others unnoticed.
     */
    public static void reuseOrder(Variant v, ConnectionPool.Reuse reuse) throws Exception {
        CountingFactory f = new CountingFactory();
        reuseOrder(v.newConnectionPool(f, 3, reuse), f, reuse, reuse + ": ");
    }

    private static void reuseOrder(ConnectionPool<Conn> pool, CountingFactory f, ConnectionPool.Reuse reuse,
                                   String why) throws Exception {
        ConnectionPool.Lease<Conn> a = pool.acquire(10, TimeUnit.SECONDS);
        ConnectionPool.Lease<Conn> b = pool.acquire(10, TimeUnit.SECONDS);
        ConnectionPool.Lease<Conn> c = pool.acquire(10, TimeUnit.SECONDS);
        Conn ac = a.connection();
        Conn bc = b.connection();
        Conn cc = c.connection();
        pool.release(b);
        pool.release(c);
        pool.release(a); // released: b, c, a
        boolean fifo = reuse == ConnectionPool.Reuse.FIFO;
        ConnectionPool.Lease<Conn> first = pool.acquire(10, TimeUnit.SECONDS);
        assertSame(fifo ? bc : ac, first.connection(), why + "the " + (fifo ? "least" : "most")
                + " recently released is reused first");
        pool.release(first); // now idle: c, a, first (FIFO) or b, c, a (LIFO), least recently released first
        assertSame(fifo ? cc : ac, pool.acquire(10, TimeUnit.SECONDS).connection(), why + "then "
                + (fifo ? "the second released" : "the one just released again"));
        assertSame(fifo ? ac : cc, pool.acquire(10, TimeUnit.SECONDS).connection(), why + "then "
                + (fifo ? "the third" : "the second released"));
        assertSame(bc, pool.acquire(10, TimeUnit.SECONDS).connection(), why + "then the last one idle");
        assertEquals(3, f.created.get(), why + "every acquire after the first three reused a connection");
        pool.close();
    }

    /**
     * Idle eviction in either order: of three idle connections, the one released well before the others is
     * evicted and the two released just now are kept, still reused in the pool's order; then {@code evictIdle(0)}
     * takes the rest. The limit is set between the two ages from the clock, with a 200 ms gap between them, so the
     * check does not depend on the speed of the machine (only on the call below not stalling for 200 ms).
     */
    public static void eviction(Variant v, ConnectionPool.Reuse reuse) throws Exception {
        CountingFactory f = new CountingFactory();
        ConnectionPool<Conn> pool = v.newConnectionPool(f, 3, reuse);
        ConnectionPool.Lease<Conn> a = pool.acquire(10, TimeUnit.SECONDS);
        ConnectionPool.Lease<Conn> b = pool.acquire(10, TimeUnit.SECONDS);
        ConnectionPool.Lease<Conn> c = pool.acquire(10, TimeUnit.SECONDS);
        Conn ac = a.connection();
        Conn bc = b.connection();
        Conn cc = c.connection();
        pool.release(a);
        long oldReleased = System.nanoTime(); // a was released before this
        long gap = TimeUnit.MILLISECONDS.toNanos(200);
        while (System.nanoTime() - oldReleased < gap) {
            Thread.sleep(10);
        }
        pool.release(b);
        pool.release(c); // released: a (old), b, c (young)
        long limit = System.nanoTime() - oldReleased; // a is older than this; b and c younger by about the gap
        assertEquals(1, pool.evictIdle(limit), reuse + ": only the connection idle for longer than the limit");
        assertTrue(ac.destroyed.get(), reuse + ": the oldest idle connection is evicted");
        assertFalse(bc.destroyed.get() || cc.destroyed.get(), reuse + ": the young idle connections are kept");
        assertEquals(2, pool.available(), reuse + ": two idle after eviction");
        assertEquals(2, pool.total(), reuse + ": eviction frees the evicted place");
        balanced(pool, "(" + reuse + ") after a partial eviction");
        boolean fifo = reuse == ConnectionPool.Reuse.FIFO;
        ConnectionPool.Lease<Conn> next = pool.acquire(10, TimeUnit.SECONDS);
        assertSame(fifo ? bc : cc, next.connection(), reuse + ": the kept connections keep their order");
        pool.release(next);
        long released = System.nanoTime();
        while (System.nanoTime() == released) {
            Thread.onSpinWait();
        }
        assertEquals(2, pool.evictIdle(0), reuse + ": evictIdle(0) destroys every idle connection");
        assertEquals(0, pool.total(), reuse + ": nothing left after evicting all");
        balanced(pool, "(" + reuse + ") after a full eviction");
        ConnectionPool.Lease<Conn> fresh = pool.acquire(10, TimeUnit.SECONDS);
        assertEquals(4, f.created.get(), reuse + ": an acquire after eviction creates a new connection");
        pool.release(fresh);
        pool.close();
        assertEquals(f.created.get(), f.destroyed.get(), reuse + ": every connection created is destroyed once");
        assertEquals(0, f.destroyedTwice.get(), reuse + ": connections destroyed twice");
    }

    /**
     * Threads acquire, hold, and release (or now and then discard) from a pool smaller than the thread count, and
     * try a double release and a stale discard on purpose. A concurrent set of holders catches two owners of one
     * connection; afterwards the counts must balance and every connection is destroyed exactly once on close.
     */
    public static void ownershipStorm(Variant v, StressLoad load) {
        ownershipStorm(v, load, ConnectionPool.Reuse.FIFO);
    }

    /** {@link #ownershipStorm(Variant, StressLoad)} on a pool of the given reuse order. */
    public static void ownershipStorm(Variant v, StressLoad load, ConnectionPool.Reuse reuse) {
        String check = "pool-ownership-storm[" + v.alias() + ", " + reuse + "]";
        CountingFactory f = new CountingFactory();
        ConnectionPool<Conn> pool = v.newConnectionPool(f, Math.max(1, load.threads() / 2), reuse);
        Set<Conn> holders = ConcurrentHashMap.newKeySet();
        long deadline = load.deadlineNanos();
        Contenders.run(check, load.threads(), deadline, (i, race) -> {
            for (int n = 0; n < load.opsPerThread(); n++) {
                long left = deadline - System.nanoTime();
                ConnectionPool.Lease<Conn> lease = pool.acquire(Math.max(left, 1), TimeUnit.NANOSECONDS);
                Conn c = lease.connection();
                if (!holders.add(c)) {
                    throw race.fail(c + " handed to two holders at once");
                }
                if (c.destroyed.get()) {
                    throw race.fail("a destroyed connection " + c + " was handed out");
                }
                holders.remove(c); // before giving it back, or the next holder could be refused spuriously
                boolean discard = n % 16 == 15;
                if (discard) {
                    pool.discard(lease);
                } else {
                    pool.release(lease);
                }
                if (n % 8 == 3) {
                    try {
                        if (discard) {
                            pool.discard(lease);
                        } else {
                            pool.release(lease);
                        }
                        throw race.fail("a second " + (discard ? "discard" : "release") + " of one lease was accepted");
                    } catch (IllegalStateException expected) {
                        // the ownership check did its job
                    }
                }
            }
        });
        assertEquals(0, pool.inUse(), check + ": inUse after every lease was returned");
        balanced(pool, "(" + check + ") after the storm");
        assertEquals(f.created.get() - f.destroyed.get(), pool.total(), check + ": live connections vs total()");
        pool.close();
        assertEquals(f.created.get(), f.destroyed.get(), check + ": connections never destroyed after close");
        assertEquals(0, f.destroyedTwice.get(), check + ": connections destroyed twice");
    }
}
