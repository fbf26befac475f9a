package dev.msgtrans.harness.pools;

import dev.msgtrans.core.spi.ConnectionPool;
import dev.msgtrans.core.spi.Variants;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Phase 3.1: one {@code acquire} + {@code release} of a pooled connection per operation, all threads on one pool.
 * <p>
 * The connection is a trivial object (creating it costs nothing), and the pool is filled to {@code poolSize}
 * before measuring, so the operation is the pool's bookkeeping only: free-list hand-off, ownership check, counts.
 * With {@code -t} above {@code poolSize} threads wait for each other, which is the contention the original's
 * pool (10 threads x 200 acquire/release, max 200) never measured. An acquire that times out (1 s) is counted in
 * {@code timeouts}; it should stay 0.
 * <p>
 * rwlock's pool is its nearest honest form (see that variant's package-info); it is measured as delivered.
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar ConnectionPoolBenchmark -p variant=lockfree -p poolSize=4 -t 4
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConnectionPoolBenchmark {

    @Param({"mutex", "rwlock", "lockfree"})
    public String variant;

    @Param({"4", "64"})
    public int poolSize;

    private ConnectionPool<PooledConnection> pool;

    /** The trivial connection: an id, so that a lease hands out something to consume. */
    static final class PooledConnection {
        final int id;

        PooledConnection(int id) {
            this.id = id;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        pool = Variants.get(variant).newConnectionPool(new ConnectionPool.Factory<>() {
            private int created;

            @Override
            public synchronized PooledConnection create() {
                return new PooledConnection(++created);
            }

            @Override
            public void destroy(PooledConnection connection) {
                // nothing to close
            }
        }, poolSize);
        // fill the pool so that the measured path never creates connections
        List<ConnectionPool.Lease<PooledConnection>> leases = new ArrayList<>();
        for (int i = 0; i < poolSize; i++) {
            leases.add(pool.acquire(1, TimeUnit.SECONDS));
        }
        for (ConnectionPool.Lease<PooledConnection> lease : leases) {
            pool.release(lease);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        int inUse = pool.inUse();
        pool.close();
        if (inUse != 0) {
            throw new IllegalStateException(variant + " pool reports " + inUse + " leases in use after the run");
        }
    }

    /** Acquires that timed out; non-zero means the pool lost a connection or starved a thread. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Timeouts {
        public long timeouts;

        @Setup(Level.Iteration)
        public void reset() {
            timeouts = 0;
        }
    }

    @Benchmark
    public int acquireRelease(Timeouts t) throws Exception {
        ConnectionPool.Lease<PooledConnection> lease;
        try {
            lease = pool.acquire(1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            t.timeouts++;
            return -1;
        }
        int id = lease.connection().id;
        pool.release(lease);
        return id;
    }
}
