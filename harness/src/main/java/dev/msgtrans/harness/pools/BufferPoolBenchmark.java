package dev.msgtrans.harness.pools;

import dev.msgtrans.core.spi.BufferPool;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Phase 3.1: one {@code acquire} + {@code release} of a buffer per operation, sizes mixed over the three default
 * classes (1 KiB / 8 KiB / 64 KiB, caps 500 / 200 / 50, the original's figures).
 * <p>
 * Requested sizes are drawn per thread: 70% up to 1 KiB, 25% up to 8 KiB, 5% up to 64 KiB (small frames dominate a
 * message transport). Each class is warmed with eight buffers before measuring, so with up to eight threads every
 * acquire is a cache hit and the measured path allocates nothing; {@code -prof gc} shows a variant that allocates
 * anyway. No class ever comes near its cap, so a non-zero drop count at the end of the run is reported as a bug.
 * Writing one byte touches the buffer, as a real user would.
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar BufferPoolBenchmark -p variant=lockfree -t 4 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BufferPoolBenchmark {

    @Param({"mutex", "lockfree"})
    public String variant;

    /** Heap or direct buffers. */
    @Param({"false"})
    public boolean direct;

    private BufferPool pool;

    @Setup(Level.Trial)
    public void setUp() {
        pool = Variants.get(variant).newBufferPool(BufferPool.DEFAULT_CLASS_SIZES, BufferPool.DEFAULT_CLASS_CAPS, direct);
        // 8 buffers per class covers every thread count the matrix runs, so steady state never allocates
        for (int size : BufferPool.DEFAULT_CLASS_SIZES) {
            ByteBuffer[] warm = new ByteBuffer[8];
            for (int i = 0; i < warm.length; i++) {
                warm[i] = pool.acquire(size);
            }
            for (ByteBuffer b : warm) {
                pool.release(b);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool.drops() != 0) {
            throw new IllegalStateException(variant + " buffer pool dropped " + pool.drops()
                    + " releases although no class was ever above its cap");
        }
    }

    /** Per-thread size picker. */
    @State(Scope.Thread)
    public static class Sizes {
        XorShift64 random;

        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            random = new XorShift64(threads.getThreadIndex());
        }

        int next() {
            int dice = random.nextInt(100);
            if (dice < 70) {
                return 1 + random.nextInt(1024);
            }
            if (dice < 95) {
                return 1025 + random.nextInt(7 * 1024);
            }
            return 8 * 1024 + 1 + random.nextInt(56 * 1024);
        }
    }

    @Benchmark
    public ByteBuffer acquireRelease(Sizes sizes) {
        ByteBuffer b = pool.acquire(sizes.next());
        b.put(0, (byte) 1);
        pool.release(b);
        return b;
    }
}
