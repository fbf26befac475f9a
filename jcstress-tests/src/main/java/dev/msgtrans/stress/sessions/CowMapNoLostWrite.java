package dev.msgtrans.stress.sessions;

import dev.msgtrans.core.spi.SessionRegistry;
import dev.msgtrans.stress.support.Aliases;
import dev.msgtrans.stress.support.Session;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Property: no lost write when two writers put different ids into one shard of the copy-on-write map.
 * <p>
 * The original's "LockFreeHashMap" copied a whole shard per write and compare-and-set it in; after 100 failed CAS
 * attempts the write was silently dropped. Two writers of one shard are exactly the case where one CAS fails, so
 * here both actors put a new session at once, into ids chosen to share a shard of the cow variant (Fibonacci hashing
 * of the id's top {@value #SHARD_BITS} bits, as {@code CowShardedMap} shards) and a bucket of a
 * {@link java.util.HashMap} up to 64 buckets (same low six bits). After both, the arbiter must find both sessions
 * and 14 entries. Bound to every variant: for the others it is the plain "two concurrent puts are both kept".
 * <p>
 * Result: {@code r1}/{@code r2} what the arbiter finds for actor 1's/2's id (-1 none, else the payload);
 * {@code r3} the size, or -1 if a preloaded session vanished, -9 if a call threw.
 * <p>
 * Run: {@code java -jar jcstress-tests/target/jcstress.jar -t CowMapNoLostWrite}
 */
@Description("SessionRegistry: two writers of one copy-on-write shard (and one hash bucket), no write is lost")
@Outcome(id = "1, 2, 14", expect = ACCEPTABLE, desc = "both writes kept")
@Outcome(id = "-1, .*", expect = FORBIDDEN, desc = "actor 1's write was lost")
@Outcome(id = ".*, -1, .*", expect = FORBIDDEN, desc = "actor 2's write was lost")
@Outcome(expect = FORBIDDEN, desc = "wrong size, a preloaded session vanished, or a call threw")
public abstract class CowMapNoLostWrite {

    /** The cow variant's shard count is {@code 1 << SHARD_BITS}. */
    static final int SHARD_BITS = 4;
    static final long ID1 = 1;
    static final long ID2 = sameShardAndBucketAs(ID1);
    static final int THREW = -9;

    private final SessionRegistry<Session> registry;
    private boolean threw;

    protected CowMapNoLostWrite(String alias) {
        registry = RegistryFixture.preloaded(alias);
    }

    /** The smallest id above {@code id} with the same low six bits and the same Fibonacci shard. */
    static long sameShardAndBucketAs(long id) {
        for (long k = id + 64; ; k += 64) {
            if (shard(k) == shard(id)) {
                return k;
            }
        }
    }

    private static int shard(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - SHARD_BITS));
    }

    protected final void write1() {
        try {
            registry.put(ID1, new Session(1));
        } catch (RuntimeException e) {
            threw = true;
        }
    }

    protected final void write2() {
        try {
            registry.put(ID2, new Session(2));
        } catch (RuntimeException e) {
            threw = true;
        }
    }

    protected final void check(III_Result r) {
        try {
            r.r1 = Session.view(registry.get(ID1));
            r.r2 = Session.view(registry.get(ID2));
            r.r3 = RegistryFixture.preloadedVisible(registry) == RegistryFixture.PRELOADED ? registry.size() : -1;
        } catch (RuntimeException e) {
            threw = true;
        }
        if (threw) {
            r.r3 = THREW;
        }
    }

    @JCStressTest
    @State
    public static class Mutex extends CowMapNoLostWrite {
        public Mutex() { super(Aliases.MUTEX); }
        @Actor public void actor1() { write1(); }
        @Actor public void actor2() { write2(); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class RwLock extends CowMapNoLostWrite {
        public RwLock() { super(Aliases.RWLOCK); }
        @Actor public void actor1() { write1(); }
        @Actor public void actor2() { write2(); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class LockFree extends CowMapNoLostWrite {
        public LockFree() { super(Aliases.LOCKFREE); }
        @Actor public void actor1() { write1(); }
        @Actor public void actor2() { write2(); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class Cow extends CowMapNoLostWrite {
        public Cow() { super(Aliases.COW); }
        @Actor public void actor1() { write1(); }
        @Actor public void actor2() { write2(); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    /** The unsynchronized control: racing inserts into one bucket during a resize lose one; expected to be caught. */
    @JCStressTest
    @State
    public static class Broken extends CowMapNoLostWrite {
        public Broken() { super(Aliases.BROKEN); }
        @Actor public void actor1() { write1(); }
        @Actor public void actor2() { write2(); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }
}
