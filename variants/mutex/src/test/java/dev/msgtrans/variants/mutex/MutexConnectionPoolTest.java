package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.ConnectionPool;
import dev.msgtrans.core.spi.ConnectionPool.Lease;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MutexConnectionPoolTest {

    /** Connections are numbered; destroyed ones are recorded; the next create can be made to fail. */
    static final class Factory implements ConnectionPool.Factory<Integer> {
        int created;
        boolean failNext;
        final List<Integer> destroyed = new ArrayList<>();

        @Override
        public synchronized Integer create() throws IOException {
            if (failNext) {
                failNext = false;
                throw new IOException("connect refused");
            }
            return created++;
        }

        @Override
        public synchronized void destroy(Integer connection) {
            destroyed.add(connection);
        }
    }

    private final Factory factory = new Factory();
    private final MutexConnectionPool<Integer> pool = new MutexConnectionPool<>(factory, 2);

    private void assertCounts(int available, int inUse) {
        assertEquals(available, pool.available());
        assertEquals(inUse, pool.inUse());
        assertEquals(available + inUse, pool.total());
    }

    @Test
    void exhaustionTimesOutNamingThePoolSize() throws Exception {
        pool.acquire(0, TimeUnit.MILLISECONDS);
        pool.acquire(0, TimeUnit.MILLISECONDS);
        TimeoutException e = assertThrows(TimeoutException.class, () -> pool.acquire(1, TimeUnit.MILLISECONDS));
        assertTrue(e.getMessage().contains("2 connections"), e.getMessage());
        assertCounts(0, 2);
    }

    @Test
    void releasedConnectionsAreReusedWithAFreshLease() throws Exception {
        Lease<Integer> a = pool.acquire(0, TimeUnit.SECONDS);
        pool.release(a);
        assertCounts(1, 0);
        Lease<Integer> b = pool.acquire(0, TimeUnit.SECONDS);
        assertSame(a.connection(), b.connection());
        assertNotSame(a, b);
        assertEquals(1, factory.created);
        assertThrows(IllegalStateException.class, () -> pool.release(a), "stale lease of a reused connection");
        assertCounts(0, 1);
    }

    @Test
    void doubleReleaseAndForeignLeasesAreRefusedAndChangeNothing() throws Exception {
        Lease<Integer> a = pool.acquire(0, TimeUnit.SECONDS);
        pool.release(a);
        assertThrows(IllegalStateException.class, () -> pool.release(a));
        assertThrows(IllegalStateException.class, () -> pool.discard(a));
        MutexConnectionPool<Integer> other = new MutexConnectionPool<>(new Factory(), 1);
        Lease<Integer> foreign = other.acquire(0, TimeUnit.SECONDS);
        assertThrows(IllegalStateException.class, () -> pool.release(foreign));
        assertThrows(IllegalStateException.class, () -> pool.release(() -> 42));
        assertCounts(1, 0);
        assertEquals(List.of(), factory.destroyed);
    }

    @Test
    void discardDestroysAndFreesThePlace() throws Exception {
        Lease<Integer> a = pool.acquire(0, TimeUnit.SECONDS);
        pool.acquire(0, TimeUnit.SECONDS);
        pool.discard(a);
        assertEquals(List.of(0), factory.destroyed);
        assertCounts(0, 1);
        assertEquals(2, pool.acquire(0, TimeUnit.SECONDS).connection(), "a new connection in the freed place");
    }

    @Test
    void aFailedCreateGivesThePlaceBack() throws Exception {
        factory.failNext = true;
        assertThrows(IOException.class, () -> pool.acquire(0, TimeUnit.SECONDS));
        assertCounts(0, 0);
        pool.acquire(0, TimeUnit.SECONDS);
        pool.acquire(0, TimeUnit.SECONDS);
        assertCounts(0, 2);
    }

    @Test
    void evictIdleDestroysOnlyConnectionsIdleLongEnough() throws Exception {
        Lease<Integer> a = pool.acquire(0, TimeUnit.SECONDS);
        Lease<Integer> b = pool.acquire(0, TimeUnit.SECONDS);
        pool.release(a);
        assertEquals(0, pool.evictIdle(Long.MAX_VALUE));
        assertEquals(1, pool.evictIdle(-1)); // idle for longer than -1 ns: every idle connection
        assertEquals(List.of(0), factory.destroyed);
        assertCounts(0, 1);
        pool.release(b);
        assertCounts(1, 0);
    }

    @Test
    void closeDestroysIdleNowLeasedOnReleaseAndRefusesAcquire() throws Exception {
        Lease<Integer> a = pool.acquire(0, TimeUnit.SECONDS);
        Lease<Integer> b = pool.acquire(0, TimeUnit.SECONDS);
        pool.release(a);
        pool.close();
        assertEquals(List.of(0), factory.destroyed);
        assertThrows(IllegalStateException.class, () -> pool.acquire(0, TimeUnit.SECONDS));
        pool.release(b);
        assertEquals(List.of(0, 1), factory.destroyed);
        assertCounts(0, 0);
    }

    @Test
    void aWaiterGetsTheConnectionAnotherThreadReleases() throws Exception {
        Lease<Integer> a = pool.acquire(0, TimeUnit.SECONDS);
        pool.acquire(0, TimeUnit.SECONDS);
        CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.acquire(60, TimeUnit.SECONDS).connection();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        pool.release(a);
        assertEquals(a.connection(), waiter.get(60, TimeUnit.SECONDS));
        assertCounts(0, 2);
    }
}
