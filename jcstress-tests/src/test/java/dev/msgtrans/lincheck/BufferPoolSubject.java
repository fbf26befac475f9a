package dev.msgtrans.lincheck;

import dev.msgtrans.core.spi.BufferPool;
import dev.msgtrans.core.spi.Variants;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.paramgen.ThreadIdGen;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link BufferPool} under lincheck: one size class of 1 KiB capped at {@value #CAP} cached buffers;
 * {@code acquire}, {@code release} and {@code cached} from any thread, against a capped count ({@link Model}).
 * {@code acquire} also reports whether the buffer it got is held by someone else already (a buffer handed out
 * twice), which must never happen.
 * <p>
 * Each lincheck thread releases only buffers it acquired itself (or a fresh class-sized buffer when it holds none),
 * as an owner does; the thread id comes from lincheck, so the model can follow it too. The counters {@code misses}
 * and {@code drops} are statistics the SPI does not order with the cache; they are checked at quiescence, where
 * every acquire was a hit or a miss and every release was cached, dropped or taken again
 * ({@link #countersAtQuiescence()}).
 */
@Param(name = "thread", gen = ThreadIdGen.class)
public abstract class BufferPoolSubject {

    static final int SIZE = 1024;
    static final int CAP = 2;
    static final int MAX_THREADS = 8;

    private final BufferPool pool;
    /** Buffers each thread holds; a deque is touched only by its own thread. */
    private final List<ArrayDeque<ByteBuffer>> held = new ArrayList<>();
    /** The buffers held now, by identity (ByteBuffer's own equals compares contents). */
    private final Set<Identity> holders = ConcurrentHashMap.newKeySet();
    private final AtomicInteger acquires = new AtomicInteger();
    private final AtomicInteger releases = new AtomicInteger();

    protected BufferPoolSubject(String alias) {
        pool = Variants.get(alias).newBufferPool(new int[] {SIZE}, new int[] {CAP}, false);
        for (int i = 0; i < MAX_THREADS; i++) {
            held.add(new ArrayDeque<>());
        }
    }

    /** The component under test, so that bindings sharing one implementation are checked once. */
    public final Object component() {
        return pool;
    }

    /** @return {@code true} when the buffer was not held by anyone else */
    @Operation
    public boolean acquire(@Param(name = "thread") int thread) {
        ByteBuffer b = pool.acquire(SIZE);
        acquires.incrementAndGet();
        held.get(thread).push(b);
        return holders.add(new Identity(b));
    }

    @Operation
    public void release(@Param(name = "thread") int thread) {
        ByteBuffer b = held.get(thread).poll();
        if (b == null) {
            b = ByteBuffer.allocate(SIZE);
        } else {
            holders.remove(new Identity(b));
        }
        releases.incrementAndGet();
        pool.release(b);
    }

    @Operation
    public int cached() {
        return pool.cached(0);
    }

    /** After each execution: cached = releases - drops - hits, hits = acquires - misses, cached within the cap. */
    @Validate
    public void countersAtQuiescence() {
        long hits = acquires.get() - pool.misses();
        long expected = releases.get() - pool.drops() - hits;
        if (pool.cached(0) != expected || pool.cached(0) > CAP) {
            throw new IllegalStateException("at quiescence cached(0) is " + pool.cached(0) + ", expected " + expected
                    + " (cap " + CAP + "; " + acquires + " acquires, " + pool.misses() + " misses, " + releases
                    + " releases, " + pool.drops() + " drops)");
        }
    }

    /** A key that is equal only to a key of the same object. */
    private record Identity(Object object) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.object == object;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(object);
        }
    }

    /** The sequential specification: a capped count of cached buffers. */
    public static final class Model {
        private int cached;

        public boolean acquire(int thread) {
            if (cached > 0) {
                cached--;
            }
            return true;
        }

        public void release(int thread) {
            if (cached < CAP) {
                cached++;
            }
        }

        public int cached() {
            return cached;
        }
    }

    public static class Mutex extends BufferPoolSubject {
        public Mutex() { super("mutex"); }
    }

    public static class RwLock extends BufferPoolSubject {
        public RwLock() { super("rwlock"); }
    }

    public static class LockFree extends BufferPoolSubject {
        public LockFree() { super("lockfree"); }
    }

    public static class Cow extends BufferPoolSubject {
        public Cow() { super("cow"); }
    }

    /** The unsynchronized control. */
    public static class Broken extends BufferPoolSubject {
        public Broken() { super("broken"); }
    }
}
