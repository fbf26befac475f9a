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
import org.openjdk.jcstress.infra.results.III_Result;

import java.nio.ByteBuffer;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Property: no buffer is handed out to two callers at once, and an acquired buffer is cleared.
 * <p>
 * One size class of 1 KiB caching exactly one buffer; both actors acquire at once. One gets the cached buffer and
 * the other a fresh allocation (one miss); they never get the same buffer. Each actor also checks that its buffer
 * came cleared (position 0, limit = capacity), which a second owner's writes would break.
 * <p>
 * Result: {@code r1} 1 if the two buffers are distinct and both came cleared, 0 if shared, 2 if one came dirty,
 * -9 if a call threw; {@code r2} misses during the race; {@code r3} buffers left cached.
 * <p>
 * Run: {@code java -jar jcstress-tests/target/jcstress.jar -t BufferPoolSingleOwner}
 */
@Description("BufferPool: two racing acquires of a class caching one buffer never get the same buffer")
@Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "one took the cached buffer, the other allocated")
@Outcome(id = "1, 2, 1", expect = ACCEPTABLE_INTERESTING, desc = "both allocated under contention (a cost, not an error)")
@Outcome(id = "0, .*", expect = FORBIDDEN, desc = "one buffer handed to two callers")
@Outcome(expect = FORBIDDEN, desc = "a buffer came uncleared, the counts are wrong, or a call threw")
public abstract class BufferPoolSingleOwner {

    static final int SIZE = 1024;
    static final int THREW = -9;

    private final BufferPool pool;
    private final long missesBefore;
    private ByteBuffer got1;
    private ByteBuffer got2;
    private volatile boolean dirty;
    private volatile boolean threw;

    protected BufferPoolSingleOwner(String alias) {
        pool = Variants.get(alias).newBufferPool(new int[] {SIZE}, new int[] {1}, false);
        ByteBuffer b = pool.acquire(SIZE);
        b.position(17).limit(99); // released dirty: the pool must clear it before handing it out again
        pool.release(b);
        missesBefore = pool.misses();
    }

    protected final void acquire1() {
        got1 = acquire();
    }

    protected final void acquire2() {
        got2 = acquire();
    }

    private ByteBuffer acquire() {
        try {
            ByteBuffer b = pool.acquire(SIZE);
            if (b.position() != 0 || b.limit() != b.capacity() || b.capacity() < SIZE) {
                dirty = true;
            }
            return b;
        } catch (RuntimeException e) {
            threw = true;
            return null;
        }
    }

    protected final void check(III_Result r) {
        if (threw) {
            r.r1 = THREW;
        } else if (got1 == got2) {
            r.r1 = 0;
        } else {
            r.r1 = dirty ? 2 : 1;
        }
        r.r2 = (int) (pool.misses() - missesBefore);
        r.r3 = pool.cached(0);
    }

    @JCStressTest
    @State
    public static class Mutex extends BufferPoolSingleOwner {
        public Mutex() { super(Aliases.MUTEX); }
        @Actor public void actor1() { acquire1(); }
        @Actor public void actor2() { acquire2(); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class RwLock extends BufferPoolSingleOwner {
        public RwLock() { super(Aliases.RWLOCK); }
        @Actor public void actor1() { acquire1(); }
        @Actor public void actor2() { acquire2(); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class LockFree extends BufferPoolSingleOwner {
        public LockFree() { super(Aliases.LOCKFREE); }
        @Actor public void actor1() { acquire1(); }
        @Actor public void actor2() { acquire2(); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class Cow extends BufferPoolSingleOwner {
        public Cow() { super(Aliases.COW); }
        @Actor public void actor1() { acquire1(); }
        @Actor public void actor2() { acquire2(); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    /** The unsynchronized control: both acquires pop the one cached buffer; expected to be caught. */
    @JCStressTest
    @State
    public static class Broken extends BufferPoolSingleOwner {
        public Broken() { super(Aliases.BROKEN); }
        @Actor public void actor1() { acquire1(); }
        @Actor public void actor2() { acquire2(); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }
}
