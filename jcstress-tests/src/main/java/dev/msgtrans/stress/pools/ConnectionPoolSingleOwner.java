package dev.msgtrans.stress.pools;

import dev.msgtrans.core.spi.ConnectionPool;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.stress.pools.PoolFixture.Conn;
import dev.msgtrans.stress.support.Aliases;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Property: a connection never has two owners; {@code available + inUse == total}.
 * <p>
 * A pool of at most 2 holds one idle connection (number 1). Both actors acquire with a zero timeout at once: one
 * must get the idle connection and the other a fresh one (number 2), never both the same. The arbiter checks the
 * accounting while both are leased (2 in use, 0 available, 2 in total), releases both, and checks it again
 * (0 in use, 2 available).
 * <p>
 * Result: {@code r1}/{@code r2} the connection each actor got (0 timed out, -9 threw); {@code r3} 0 when the
 * accounting holds, 1 wrong while leased, 2 wrong after release, 3 a release was refused.
 * <p>
 * Bound to every variant's FIFO pool and, as {@code LockFreeLifo} and {@code MutexLifo}, to the LIFO pools.
 * <p>
 * Run: {@code java -jar jcstress-tests/target/jcstress.jar -t ConnectionPoolSingleOwner}
 */
@Description("ConnectionPool: two concurrent acquires never share a connection; available + inUse == total")
@Outcome(id = "1, 2, 0", expect = ACCEPTABLE, desc = "actor 1 took the idle connection, actor 2 a new one")
@Outcome(id = "2, 1, 0", expect = ACCEPTABLE, desc = "actor 2 took the idle connection, actor 1 a new one")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "one connection handed to two owners")
@Outcome(id = "2, 2, .*", expect = FORBIDDEN, desc = "one connection handed to two owners")
@Outcome(expect = FORBIDDEN, desc = "an acquire failed below the maximum, or available + inUse != total")
public abstract class ConnectionPoolSingleOwner {

    static final int MAX = 2;

    private final ConnectionPool<Conn> pool;
    private ConnectionPool.Lease<Conn> lease1;
    private ConnectionPool.Lease<Conn> lease2;

    protected ConnectionPoolSingleOwner(String alias) {
        this(alias, ConnectionPool.Reuse.FIFO);
    }

    protected ConnectionPoolSingleOwner(String alias, ConnectionPool.Reuse reuse) {
        pool = Variants.get(alias).newConnectionPool(new PoolFixture.NumberingFactory(), MAX, reuse);
        try {
            pool.release(pool.acquire(0, TimeUnit.MILLISECONDS));
        } catch (IOException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException("could not prime the pool of variant " + alias, e);
        }
    }

    protected final void acquire1(III_Result r) {
        lease1 = acquire();
        r.r1 = id(lease1);
    }

    protected final void acquire2(III_Result r) {
        lease2 = acquire();
        r.r2 = id(lease2);
    }

    private ConnectionPool.Lease<Conn> acquire() {
        try {
            return pool.acquire(0, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return new FailedLease();
        }
    }

    private static int id(ConnectionPool.Lease<Conn> lease) {
        if (lease == null) {
            return PoolFixture.TIMED_OUT;
        }
        return lease instanceof FailedLease ? PoolFixture.THREW : lease.connection().id;
    }

    protected final void check(III_Result r) {
        if (lease1 == null || lease2 == null || lease1 instanceof FailedLease || lease2 instanceof FailedLease) {
            return; // r1/r2 already say what went wrong
        }
        if (pool.inUse() != 2 || pool.available() != 0 || pool.total() != 2) {
            r.r3 = 1;
            return;
        }
        try {
            pool.release(lease1);
            pool.release(lease2);
        } catch (RuntimeException e) {
            r.r3 = 3;
            return;
        }
        r.r3 = pool.inUse() == 0 && pool.available() == 2 && pool.total() == 2 ? 0 : 2;
    }

    /** Marks an acquire that threw, so the arbiter does not release it. */
    private static final class FailedLease implements ConnectionPool.Lease<Conn> {
        @Override
        public Conn connection() {
            throw new IllegalStateException("failed acquire");
        }
    }

    @JCStressTest
    @State
    public static class Mutex extends ConnectionPoolSingleOwner {
        public Mutex() { super(Aliases.MUTEX); }
        @Actor public void actor1(III_Result r) { acquire1(r); }
        @Actor public void actor2(III_Result r) { acquire2(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class RwLock extends ConnectionPoolSingleOwner {
        public RwLock() { super(Aliases.RWLOCK); }
        @Actor public void actor1(III_Result r) { acquire1(r); }
        @Actor public void actor2(III_Result r) { acquire2(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class LockFree extends ConnectionPoolSingleOwner {
        public LockFree() { super(Aliases.LOCKFREE); }
        @Actor public void actor1(III_Result r) { acquire1(r); }
        @Actor public void actor2(III_Result r) { acquire2(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    /** The LIFO free list (a Treiber stack, not the FIFO ring): the same property with the other reuse order. */
    @JCStressTest
    @State
    public static class LockFreeLifo extends ConnectionPoolSingleOwner {
        public LockFreeLifo() { super(Aliases.LOCKFREE, ConnectionPool.Reuse.LIFO); }
        @Actor public void actor1(III_Result r) { acquire1(r); }
        @Actor public void actor2(III_Result r) { acquire2(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    /** The mutex pool's LIFO end of its deque. */
    @JCStressTest
    @State
    public static class MutexLifo extends ConnectionPoolSingleOwner {
        public MutexLifo() { super(Aliases.MUTEX, ConnectionPool.Reuse.LIFO); }
        @Actor public void actor1(III_Result r) { acquire1(r); }
        @Actor public void actor2(III_Result r) { acquire2(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class Cow extends ConnectionPoolSingleOwner {
        public Cow() { super(Aliases.COW); }
        @Actor public void actor1(III_Result r) { acquire1(r); }
        @Actor public void actor2(III_Result r) { acquire2(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    /** The unsynchronized control: both acquires pop the one idle connection; the harness must report it FAILED. */
    @JCStressTest
    @State
    public static class Broken extends ConnectionPoolSingleOwner {
        public Broken() { super(Aliases.BROKEN); }
        @Actor public void actor1(III_Result r) { acquire1(r); }
        @Actor public void actor2(III_Result r) { acquire2(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }
}
