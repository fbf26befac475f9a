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
 * Property: a {@code put} is visible to a later {@code get}, and happens-before it.
 * <p>
 * On a registry preloaded with 12 sessions, one actor puts session 1 (payload 42) while the other gets session 1
 * and counts the preloaded sessions it can still see. The getter runs either before the put (no session) or after
 * it (the session with its payload); it never sees the session without its payload (torn publication), and never
 * loses sight of a preloaded session while the put grows the table. After both, the arbiter sees session 1 and 13
 * entries.
 * <p>
 * Result: {@code r1} what the getter saw (-1 none, else the payload), {@code r2} preloaded sessions visible to the
 * getter, {@code r3} 1 if the arbiter saw the put and the right size.
 * <p>
 * Run: {@code java -jar jcstress-tests/target/jcstress.jar -t SessionRegistryPutGet}
 */
@Description("SessionRegistry: a put is visible to a later get and happens-before it; a concurrent get loses nothing")
@Outcome(id = "-1, 12, 1", expect = ACCEPTABLE, desc = "get ran before the put")
@Outcome(id = "42, 12, 1", expect = ACCEPTABLE, desc = "get observed the put, payload included")
@Outcome(id = "0, .*", expect = FORBIDDEN, desc = "get saw the session without its payload: the put did not happen-before the get")
@Outcome(id = "-?[0-9]+, ([0-9]|1[01]), .*", expect = FORBIDDEN, desc = "a preloaded session vanished while the put grew the table")
@Outcome(id = ".*, 0", expect = FORBIDDEN, desc = "after both actors the put is lost or the size is wrong")
@Outcome(expect = FORBIDDEN, desc = "an operation threw or returned an impossible value")
public abstract class SessionRegistryPutGet {

    static final long ID = 1;
    static final int PAYLOAD = 42;
    /** Encodes "the operation threw" in a result slot. */
    static final int THREW = -9;

    private final SessionRegistry<Session> registry;

    protected SessionRegistryPutGet(String alias) {
        registry = RegistryFixture.preloaded(alias);
    }

    protected final void putter() {
        registry.put(ID, new Session(PAYLOAD));
    }

    protected final void getter(III_Result r) {
        try {
            r.r1 = Session.view(registry.get(ID));
            r.r2 = RegistryFixture.preloadedVisible(registry);
        } catch (RuntimeException e) {
            r.r1 = THREW;
        }
    }

    protected final void check(III_Result r) {
        try {
            boolean ok = Session.view(registry.get(ID)) == PAYLOAD
                    && registry.size() == RegistryFixture.PRELOADED + 1
                    && RegistryFixture.preloadedVisible(registry) == RegistryFixture.PRELOADED;
            r.r3 = ok ? 1 : 0;
        } catch (RuntimeException e) {
            r.r3 = THREW;
        }
    }

    @JCStressTest
    @State
    public static class Mutex extends SessionRegistryPutGet {
        public Mutex() { super(Aliases.MUTEX); }
        @Actor public void actor1() { putter(); }
        @Actor public void actor2(III_Result r) { getter(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class RwLock extends SessionRegistryPutGet {
        public RwLock() { super(Aliases.RWLOCK); }
        @Actor public void actor1() { putter(); }
        @Actor public void actor2(III_Result r) { getter(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class LockFree extends SessionRegistryPutGet {
        public LockFree() { super(Aliases.LOCKFREE); }
        @Actor public void actor1() { putter(); }
        @Actor public void actor2(III_Result r) { getter(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class Cow extends SessionRegistryPutGet {
        public Cow() { super(Aliases.COW); }
        @Actor public void actor1() { putter(); }
        @Actor public void actor2(III_Result r) { getter(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    /** The unsynchronized control: expected to be caught when the getter races the resize. */
    @JCStressTest
    @State
    public static class Broken extends SessionRegistryPutGet {
        public Broken() { super(Aliases.BROKEN); }
        @Actor public void actor1() { putter(); }
        @Actor public void actor2(III_Result r) { getter(r); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }
}
