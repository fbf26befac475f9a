package dev.msgtrans.lincheck;

import dev.msgtrans.core.spi.ConnectionPool;
import dev.msgtrans.core.spi.Variants;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.paramgen.ThreadIdGen;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ConnectionPool} under lincheck: a pool of at most {@value #MAX}; {@code acquire} with a zero timeout and
 * {@code release} from any thread, against a model of idle connections and each thread's leases ({@link Model}).
 * {@code acquire} returns 0 on timeout, 1 for a connection nobody holds, 2 for a connection someone already holds
 * (two owners, which must never happen). Each thread releases only its own leases, as an owner does (lincheck
 * passes the thread id, so the model follows it); {@code release} returns {@code false} without calling the pool
 * when the thread holds none. The accounting {@code available + inUse == total <= max} is checked at quiescence
 * ({@link #accountingAtQuiescence()}); the SPI promises it only there. The model does not follow which connection
 * an acquire returns, so one model serves both reuse orders: {@code MutexLifo} and {@code LockFreeLifo} bind the
 * LIFO pools.
 */
@Param(name = "thread", gen = ThreadIdGen.class)
public abstract class ConnectionPoolSubject {

    static final int MAX = 2;
    static final int MAX_THREADS = 8;

    private final ConnectionPool<Integer> pool;
    /** Leases each thread holds; a deque is touched only by its own thread. */
    private final List<ArrayDeque<ConnectionPool.Lease<Integer>>> leases = new ArrayList<>();
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

    protected ConnectionPoolSubject(String alias) {
        this(alias, ConnectionPool.Reuse.FIFO);
    }

    protected ConnectionPoolSubject(String alias, ConnectionPool.Reuse reuse) {
        AtomicInteger numbers = new AtomicInteger();
        pool = Variants.get(alias).newConnectionPool(new ConnectionPool.Factory<>() {
            @Override
            public Integer create() {
                return numbers.incrementAndGet();
            }

            @Override
            public void destroy(Integer connection) {
            }
        }, MAX, reuse);
        for (int i = 0; i < MAX_THREADS; i++) {
            leases.add(new ArrayDeque<>());
        }
    }

    /** The component under test, so that bindings sharing one implementation are checked once. */
    public final Object component() {
        return pool;
    }

    @Operation
    public int acquire(@Param(name = "thread") int thread) throws IOException, InterruptedException {
        ConnectionPool.Lease<Integer> lease;
        try {
            lease = pool.acquire(0, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return 0;
        }
        leases.get(thread).push(lease);
        return owned.add(lease.connection()) ? 1 : 2;
    }

    @Operation
    public boolean release(@Param(name = "thread") int thread) {
        ConnectionPool.Lease<Integer> lease = leases.get(thread).poll();
        if (lease == null) {
            return false;
        }
        owned.remove(lease.connection());
        pool.release(lease);
        return true;
    }

    /** After each execution: every connection is idle or leased, the pool is within its maximum. */
    @Validate
    public void accountingAtQuiescence() {
        int held = 0;
        for (ArrayDeque<ConnectionPool.Lease<Integer>> l : leases) {
            held += l.size();
        }
        if (pool.available() + pool.inUse() != pool.total() || pool.total() > MAX || pool.inUse() != held) {
            throw new IllegalStateException("at quiescence available " + pool.available() + " + inUse " + pool.inUse()
                    + " != total " + pool.total() + " (max " + MAX + ", " + held + " leases held)");
        }
    }

    /** The sequential specification: idle connections, each thread's leases, created on demand up to the maximum. */
    public static final class Model {
        private int idle;
        private final int[] leased = new int[MAX_THREADS];

        public int acquire(int thread) {
            int total = idle;
            for (int n : leased) {
                total += n;
            }
            if (idle > 0) {
                idle--;
            } else if (total >= MAX) {
                return 0;
            }
            leased[thread]++;
            return 1;
        }

        public boolean release(int thread) {
            if (leased[thread] == 0) {
                return false;
            }
            leased[thread]--;
            idle++;
            return true;
        }
    }

    public static class Mutex extends ConnectionPoolSubject {
        public Mutex() { super("mutex"); }
    }

    public static class RwLock extends ConnectionPoolSubject {
        public RwLock() { super("rwlock"); }
    }

    public static class LockFree extends ConnectionPoolSubject {
        public LockFree() { super("lockfree"); }
    }

    /** The LIFO free list (a Treiber stack): the same class as {@link LockFree}, another structure inside. */
    public static class LockFreeLifo extends ConnectionPoolSubject {
        public LockFreeLifo() { super("lockfree", ConnectionPool.Reuse.LIFO); }
    }

    /** The mutex pool taking from the tail of its deque. */
    public static class MutexLifo extends ConnectionPoolSubject {
        public MutexLifo() { super("mutex", ConnectionPool.Reuse.LIFO); }
    }

    public static class Cow extends ConnectionPoolSubject {
        public Cow() { super("cow"); }
    }

    /** The unsynchronized control. */
    public static class Broken extends ConnectionPoolSubject {
        public Broken() { super("broken"); }
    }
}
