package dev.msgtrans.variants.lockfree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msgtrans.core.spi.ConnectionPool;
import dev.msgtrans.core.spi.ConnectionPool.Lease;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LockFreeConnectionPoolTest {

    /** A fake connection that knows how many callers hold it. */
    static final class Conn {
        final int id;
        final AtomicInteger owners = new AtomicInteger();
        volatile boolean destroyed;

        Conn(int id) {
            this.id = id;
        }
    }

    static final class Factory implements ConnectionPool.Factory<Conn> {
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger destroyed = new AtomicInteger();
        volatile boolean failNext;

        @Override
        public Conn create() throws IOException {
            if (failNext) {
                failNext = false;
                throw new IOException("connect refused");
            }
            return new Conn(created.incrementAndGet());
        }

        @Override
        public void destroy(Conn c) {
            c.destroyed = true;
            destroyed.incrementAndGet();
        }
    }

    private final Factory factory = new Factory();

    private static void assertBalanced(ConnectionPool<?> p) {
        assertEquals(p.total(), p.available() + p.inUse(), "total == available + inUse");
        assertTrue(p.total() <= p.maxSize());
    }

    @Test
    void acquireReleaseReusesTheConnection() throws Exception {
        LockFreeConnectionPool<Conn> p = new LockFreeConnectionPool<>(factory, 3);
        Lease<Conn> a = p.acquire(1, TimeUnit.SECONDS);
        assertEquals(1, p.total());
        assertEquals(1, p.inUse());
        p.release(a);
        assertEquals(1, p.available());
        assertEquals(0, p.inUse());
        Lease<Conn> b = p.acquire(1, TimeUnit.SECONDS);
        assertSame(a.connection(), b.connection());
        assertNotSame(a, b, "every acquisition is a new lease");
        assertEquals(1, factory.created.get());
        assertBalanced(p);
    }

    @Test
    void doubleReleaseAndStaleLeaseAreRejectedAndChangeNothing() throws Exception {
        LockFreeConnectionPool<Conn> p = new LockFreeConnectionPool<>(factory, 2);
        Lease<Conn> first = p.acquire(1, TimeUnit.SECONDS);
        p.release(first);
        assertThrows(IllegalStateException.class, () -> p.release(first));
        assertEquals(1, p.available(), "the double release did not put the connection in twice");
        Lease<Conn> second = p.acquire(1, TimeUnit.SECONDS);
        assertSame(first.connection(), second.connection());
        assertThrows(IllegalStateException.class, () -> p.release(first), "stale lease");
        assertThrows(IllegalStateException.class, () -> p.discard(first), "stale lease");
        assertEquals(1, p.inUse(), "the current owner still holds it");
        p.release(second);
        assertThrows(IllegalStateException.class, () -> p.discard(second));
        assertBalanced(p);
        assertEquals(0, factory.destroyed.get());
    }

    @Test
    void leaseOfAnotherPoolIsRejected() throws Exception {
        LockFreeConnectionPool<Conn> p = new LockFreeConnectionPool<>(factory, 2);
        LockFreeConnectionPool<Conn> other = new LockFreeConnectionPool<>(new Factory(), 2);
        Lease<Conn> foreign = other.acquire(1, TimeUnit.SECONDS);
        assertThrows(IllegalStateException.class, () -> p.release(foreign));
        assertThrows(IllegalStateException.class, () -> p.release(() -> foreign.connection()));
        assertEquals(1, other.inUse());
        other.release(foreign);
    }

    @Test
    void discardDestroysAndFreesTheSlot() throws Exception {
        LockFreeConnectionPool<Conn> p = new LockFreeConnectionPool<>(factory, 1);
        Lease<Conn> a = p.acquire(1, TimeUnit.SECONDS);
        p.discard(a);
        assertTrue(a.connection().destroyed);
        assertEquals(0, p.total());
        Lease<Conn> b = p.acquire(1, TimeUnit.SECONDS);
        assertNotSame(a.connection(), b.connection());
        assertBalanced(p);
    }

    @Test
    void timeoutWhenExhaustedNamesThePoolSize() throws Exception {
        LockFreeConnectionPool<Conn> p = new LockFreeConnectionPool<>(factory, 2);
        p.acquire(1, TimeUnit.SECONDS);
        p.acquire(1, TimeUnit.SECONDS);
        TimeoutException e = assertThrows(TimeoutException.class, () -> p.acquire(20, TimeUnit.MILLISECONDS));
        assertTrue(e.getMessage().contains("maximum of 2"), e.getMessage());
        assertThrows(TimeoutException.class, () -> p.acquire(0, TimeUnit.MILLISECONDS));
    }

    @Test
    void aWaiterIsWokenByARelease() throws Exception {
        LockFreeConnectionPool<Conn> p = new LockFreeConnectionPool<>(factory, 1);
        Lease<Conn> held = p.acquire(1, TimeUnit.SECONDS);
        CompletableFuture<Lease<Conn>> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return p.acquire(Concurrently.LIVENESS_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Concurrently.await("waiter parked", () -> p.inUse() == 1 && !waiter.isDone());
        p.release(held);
        Lease<Conn> got = waiter.get(Concurrently.LIVENESS_SECONDS, TimeUnit.SECONDS);
        assertSame(held.connection(), got.connection());
    }

    @Test
    void failedCreationGivesTheSlotBack() throws Exception {
        LockFreeConnectionPool<Conn> p = new LockFreeConnectionPool<>(factory, 1);
        factory.failNext = true;
        assertThrows(IOException.class, () -> p.acquire(1, TimeUnit.SECONDS));
        assertEquals(0, p.total());
        p.release(p.acquire(1, TimeUnit.SECONDS));
        assertBalanced(p);
    }

    @Test
    void evictIdleDestroysOnlyConnectionsIdleLongerThanTheLimit() throws Exception {
        LockFreeConnectionPool<Conn> p = new LockFreeConnectionPool<>(factory, 3);
        Lease<Conn> a = p.acquire(1, TimeUnit.SECONDS);
        Lease<Conn> b = p.acquire(1, TimeUnit.SECONDS);
        p.release(a);
        p.release(b);
        assertEquals(0, p.evictIdle(TimeUnit.HOURS.toNanos(1)));
        assertEquals(2, p.available());
        assertEquals(2, p.evictIdle(-1));
        assertEquals(0, p.total());
        assertTrue(a.connection().destroyed && b.connection().destroyed);
        assertBalanced(p);
    }

    @Test
    void closeDestroysIdleNowAndLeasedOnRelease() throws Exception {
        LockFreeConnectionPool<Conn> p = new LockFreeConnectionPool<>(factory, 3);
        Lease<Conn> leased = p.acquire(1, TimeUnit.SECONDS);
        p.release(p.acquire(1, TimeUnit.SECONDS));
        p.close();
        assertEquals(1, factory.destroyed.get());
        assertThrows(IllegalStateException.class, () -> p.acquire(1, TimeUnit.SECONDS));
        p.release(leased);
        assertTrue(leased.connection().destroyed);
        assertEquals(0, p.total());
        assertBalanced(p);
    }

    /** The original's invariants under a storm: one owner per connection, and total == available + inUse. */
    @Test
    void acquireReleaseStormKeepsOneOwnerPerConnection() {
        LockFreeConnectionPool<Conn> p = new LockFreeConnectionPool<>(factory, 3);
        AtomicBoolean shared = new AtomicBoolean();
        Concurrently.run(4, t -> {
            for (int i = 0; i < 3_000; i++) {
                Lease<Conn> l = p.acquire(Concurrently.LIVENESS_SECONDS, TimeUnit.SECONDS);
                if (l.connection().owners.incrementAndGet() != 1) {
                    shared.set(true);
                }
                Thread.onSpinWait();
                l.connection().owners.decrementAndGet();
                if (i % 97 == 0) {
                    p.discard(l);
                } else {
                    p.release(l);
                }
            }
        });
        assertFalse(shared.get(), "two callers held one connection");
        assertEquals(0, p.inUse());
        assertBalanced(p);
        assertEquals(factory.created.get() - factory.destroyed.get(), p.total());
    }
}
