package dev.msgtrans.stress.pools;

import dev.msgtrans.core.spi.BufferPool;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.stress.support.Aliases;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.nio.ByteBuffer;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Property: a size class's cache never holds more than its cap; a release into a full class is dropped and counted.
 * <p>
 * One size class of 1 KiB with a cap of 1, empty. Two buffers are acquired up front (both allocated); the actors
 * release one each at once. Exactly one is cached and the other dropped and counted: the check-then-add race of an
 * unguarded cap would cache both.
 * <p>
 * Result: {@code r1} {@code cached(0)} after both (-9 if a call threw); {@code r2} {@code drops()}.
 * <p>
 * Run: {@code java -jar jcstress-tests/target/jcstress.jar -t BufferPoolCap}
 */
@Description("BufferPool: two racing releases into a class with room for one; one cached, one dropped and counted")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "one buffer cached, the other dropped and counted")
@Outcome(id = "[2-9], .*", expect = FORBIDDEN, desc = "the cache holds more buffers than its cap")
@Outcome(expect = FORBIDDEN, desc = "a released buffer was neither cached nor counted as dropped, or a call threw")
public abstract class BufferPoolCap {

    static final int SIZE = 1024;
    static final int THREW = -9;

    private final BufferPool pool;
    private final ByteBuffer first;
    private final ByteBuffer second;
    private volatile boolean threw;

    protected BufferPoolCap(String alias) {
        pool = Variants.get(alias).newBufferPool(new int[] {SIZE}, new int[] {1}, false);
        first = pool.acquire(SIZE);
        second = pool.acquire(SIZE);
    }

    protected final void release(ByteBuffer buffer) {
        try {
            pool.release(buffer);
        } catch (RuntimeException e) {
            threw = true;
        }
    }

    protected final ByteBuffer first() {
        return first;
    }

    protected final ByteBuffer second() {
        return second;
    }

    protected final void check(II_Result r) {
        r.r1 = threw ? THREW : pool.cached(0);
        r.r2 = (int) pool.drops();
    }

    @JCStressTest
    @State
    public static class Mutex extends BufferPoolCap {
        public Mutex() { super(Aliases.MUTEX); }
        @Actor public void actor1() { release(first()); }
        @Actor public void actor2() { release(second()); }
        @Arbiter public void arbiter(II_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class RwLock extends BufferPoolCap {
        public RwLock() { super(Aliases.RWLOCK); }
        @Actor public void actor1() { release(first()); }
        @Actor public void actor2() { release(second()); }
        @Arbiter public void arbiter(II_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class LockFree extends BufferPoolCap {
        public LockFree() { super(Aliases.LOCKFREE); }
        @Actor public void actor1() { release(first()); }
        @Actor public void actor2() { release(second()); }
        @Arbiter public void arbiter(II_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class Cow extends BufferPoolCap {
        public Cow() { super(Aliases.COW); }
        @Actor public void actor1() { release(first()); }
        @Actor public void actor2() { release(second()); }
        @Arbiter public void arbiter(II_Result r) { check(r); }
    }

    /** The unsynchronized control: both releases pass the unguarded cap check; expected to be caught. */
    @JCStressTest
    @State
    public static class Broken extends BufferPoolCap {
        public Broken() { super(Aliases.BROKEN); }
        @Actor public void actor1() { release(first()); }
        @Actor public void actor2() { release(second()); }
        @Arbiter public void arbiter(II_Result r) { check(r); }
    }
}
