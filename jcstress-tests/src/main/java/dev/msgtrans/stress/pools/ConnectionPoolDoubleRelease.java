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
 * Property: a double release of one lease is refused, so the connection never gets two owners.
 * <p>
 * The original pool had no ownership check: releasing a connection twice put it in the free list twice, and the
 * next two acquires shared it. Here a pool of at most 1 has its only connection leased; both actors release that
 * one lease at once. Exactly one release is accepted and the other throws {@link IllegalStateException}. The
 * arbiter checks the accounting (1 available, 0 in use, 1 in total), then acquires twice with a zero timeout: the
 * first gets the connection, the second must time out.
 * <p>
 * Result: {@code r1}/{@code r2} 1 if that release was accepted, 0 if refused with {@code IllegalStateException},
 * -9 if it threw anything else; {@code r3} 0 when all holds, 1 accounting wrong, 2 the second acquire got a
 * connection too (two owners), 3 the first acquire failed.
 * <p>
 * Bound to every variant's FIFO pool and, as {@code LockFreeLifo} and {@code MutexLifo}, to the LIFO pools.
 * <p>
 * Run: {@code java -jar jcstress-tests/target/jcstress.jar -t ConnectionPoolDoubleRelease}
 */
@Description("ConnectionPool: two racing releases of one lease, exactly one is accepted; no connection gets two owners")
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "actor 1's release accepted, actor 2's refused")
@Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "actor 2's release accepted, actor 1's refused")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "both releases of one lease were accepted")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "neither release was accepted: the connection leaked")
@Outcome(id = ".*, 2", expect = FORBIDDEN, desc = "after the releases one connection went to two owners")
@Outcome(expect = FORBIDDEN, desc = "accounting is wrong or a call threw")
public abstract class ConnectionPoolDoubleRelease {

    private final ConnectionPool<Conn> pool;
    private final ConnectionPool.Lease<Conn> lease;

    protected ConnectionPoolDoubleRelease(String alias) {
        this(alias, ConnectionPool.Reuse.FIFO);
    }

    protected ConnectionPoolDoubleRelease(String alias, ConnectionPool.Reuse reuse) {
        pool = Variants.get(alias).newConnectionPool(new PoolFixture.NumberingFactory(), 1, reuse);
        try {
            lease = pool.acquire(0, TimeUnit.MILLISECONDS);
        } catch (IOException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException("could not prime the pool of variant " + alias, e);
        }
    }

    protected final void release1(III_Result r) {
        r.r1 = release();
    }

    protected final void release2(III_Result r) {
        r.r2 = release();
    }

    private int release() {
        try {
            pool.release(lease);
            return 1;
        } catch (IllegalStateException e) {
            return 0;
        } catch (RuntimeException e) {
            return PoolFixture.THREW;
        }
    }

    protected final void check(III_Result r) {
        if (pool.available() != 1 || pool.inUse() != 0 || pool.total() != 1) {
            r.r3 = 1;
            return;
        }
        try {
            pool.acquire(0, TimeUnit.MILLISECONDS);
        } catch (IOException | InterruptedException | TimeoutException | RuntimeException e) {
            r.r3 = 3;
            return;
        }
        try {
            pool.acquire(0, TimeUnit.MILLISECONDS);
            r.r3 = 2;
        } catch (TimeoutException expected) {
            r.r3 = 0;
        } catch (IOException | InterruptedException | RuntimeException e) {
            r.r3 = 3;
        }
    }

    @JCStressTest
    @State
    public static class Mutex extends ConnectionPoolDoubleRelease {
        public Mutex() { super(Aliases.MUTEX); }
        @Actor public void actor1(III_Result r) { release1(r); }
        @Actor public void actor2(III_Result r) { release2(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class RwLock extends ConnectionPoolDoubleRelease {
        public RwLock() { super(Aliases.RWLOCK); }
        @Actor public void actor1(III_Result r) { release1(r); }
        @Actor public void actor2(III_Result r) { release2(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class LockFree extends ConnectionPoolDoubleRelease {
        public LockFree() { super(Aliases.LOCKFREE); }
        @Actor public void actor1(III_Result r) { release1(r); }
        @Actor public void actor2(III_Result r) { release2(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    /** The LIFO free list (a Treiber stack, not the FIFO ring): the same property with the other reuse order. */
    @JCStressTest
    @State
    public static class LockFreeLifo extends ConnectionPoolDoubleRelease {
        public LockFreeLifo() { super(Aliases.LOCKFREE, ConnectionPool.Reuse.LIFO); }
        @Actor public void actor1(III_Result r) { release1(r); }
        @Actor public void actor2(III_Result r) { release2(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    /** The mutex pool's LIFO end of its deque. */
    @JCStressTest
    @State
    public static class MutexLifo extends ConnectionPoolDoubleRelease {
        public MutexLifo() { super(Aliases.MUTEX, ConnectionPool.Reuse.LIFO); }
        @Actor public void actor1(III_Result r) { release1(r); }
        @Actor public void actor2(III_Result r) { release2(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class Cow extends ConnectionPoolDoubleRelease {
        public Cow() { super(Aliases.COW); }
        @Actor public void actor1(III_Result r) { release1(r); }
        @Actor public void actor2(III_Result r) { release2(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    /** The unsynchronized control: without an ownership check both releases are accepted; expected to be caught. */
    @JCStressTest
    @State
    public static class Broken extends ConnectionPoolDoubleRelease {
        public Broken() { super(Aliases.BROKEN); }
        @Actor public void actor1(III_Result r) { release1(r); }
        @Actor public void actor2(III_Result r) { release2(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }
}
