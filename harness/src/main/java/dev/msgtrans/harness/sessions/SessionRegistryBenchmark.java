package dev.msgtrans.harness.sessions;

import dev.msgtrans.core.spi.SessionRegistry;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.harness.XorShift64;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.concurrent.TimeUnit;

/**
 * Phase 1: throughput of the session table under a get/put/remove mix, per variant.
 * <p>
 * The key space ({@code 1..keySpace}) is filled before measuring. Every operation picks a uniformly random key and,
 * with probability {@code readPercent}, does a {@code get}; otherwise a write that keeps the size stable: half the
 * writes replace the value of the existing key ({@code put}), half do {@code remove} then {@code put} (a session
 * closing and a new one taking its place). Values are preallocated, so the measured path allocates only what the
 * registry itself allocates (boxing, copies, nodes), which {@code -prof gc} reports per operation.
 * <p>
 * Variants: {@code mutex}, {@code rwlock}, {@code lockfree}, {@code cow} (the original's sharded copy-on-write map,
 * which copies a whole shard on every write), and {@code chm}, a bare {@code ConcurrentHashMap<Long, Object>}
 * reference row ({@link ConcurrentHashMapSessionRegistry}). Thread counts come from the command line; the matrix
 * runs 1, 2 and 4.
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar SessionRegistryBenchmark -p variant=lockfree -t 2
 * java -jar harness/target/benchmarks.jar SessionRegistryBenchmark -p variant=cow -p readPercent=50 -t 4 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SessionRegistryBenchmark {

    @Param({"mutex", "rwlock", "lockfree", "cow", ConcurrentHashMapSessionRegistry.ALIAS})
    public String variant;

    /** Share of operations that are {@code get}s, in percent. */
    @Param({"100", "90", "50"})
    public int readPercent;

    /** Sessions in the table; 1,000 stays in cache, 100,000 does not. */
    @Param({"1000", "100000"})
    public int keySpace;

    private SessionRegistry<Object> registry;
    private Object[] sessions;

    @Setup(Level.Trial)
    public void setUp() {
        if (readPercent < 0 || readPercent > 100) {
            throw new IllegalArgumentException("readPercent must be 0-100, was " + readPercent);
        }
        registry = ConcurrentHashMapSessionRegistry.ALIAS.equals(variant)
                ? new ConcurrentHashMapSessionRegistry<>(keySpace)
                : Variants.get(variant).newSessionRegistry(keySpace);
        sessions = new Object[keySpace + 1];
        for (int id = 1; id <= keySpace; id++) {
            sessions[id] = new Object();
            registry.put(id, sessions[id]);
        }
    }

    /** Per-thread generator, seeded from the thread index so runs are repeatable. */
    @State(Scope.Thread)
    public static class Picker {
        XorShift64 random;

        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            random = new XorShift64(threads.getThreadIndex());
        }
    }

    @Benchmark
    public void mixed(Picker picker, Blackhole bh) {
        XorShift64 r = picker.random;
        long id = 1 + r.nextInt(keySpace);
        int dice = r.nextInt(200);
        if (dice < 2 * readPercent) {
            bh.consume(registry.get(id));
        } else if ((dice & 1) == 0) {
            bh.consume(registry.put(id, sessions[(int) id]));
        } else {
            bh.consume(registry.remove(id));
            bh.consume(registry.put(id, sessions[(int) id]));
        }
    }
}
