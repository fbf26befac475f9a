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
import org.openjdk.jcstress.infra.results.ZII_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Property: {@code remove} racing {@code get} of the same id.
 * <p>
 * On a registry holding session 5 and 12 others, one actor removes session 5 while the other gets it. The remover
 * always gets the session back; the getter sees the whole session (before the remove) or nothing (after it), never
 * a session without its payload. After both, the arbiter finds session 5 gone and the 12 others intact.
 * <p>
 * Result: {@code r1} whether remove returned the session; {@code r2} what get saw (-1 none, else the payload);
 * {@code r3} 1 if the arbiter found the id gone and the others intact, 0 if not, -9 if a call threw.
 * <p>
 * Run: {@code java -jar jcstress-tests/target/jcstress.jar -t SessionRegistryRemoveGet}
 */
@Description("SessionRegistry: remove racing get; get sees the whole session or nothing, the remove sticks")
@Outcome(id = "true, 5, 1", expect = ACCEPTABLE, desc = "get ran before the remove")
@Outcome(id = "true, -1, 1", expect = ACCEPTABLE, desc = "get ran after the remove")
@Outcome(id = "false, .*", expect = FORBIDDEN, desc = "remove did not return the mapped session")
@Outcome(id = ".*, 0, .*", expect = FORBIDDEN, desc = "get saw the session without its payload")
@Outcome(expect = FORBIDDEN, desc = "after both actors the id is still mapped, another session was lost, or a call threw")
public abstract class SessionRegistryRemoveGet {

    static final long ID = 5;
    static final int THREW = -9;

    private final SessionRegistry<Session> registry;
    private final Session session = new Session((int) ID);

    protected SessionRegistryRemoveGet(String alias) {
        registry = RegistryFixture.preloaded(alias);
        registry.put(ID, session);
    }

    protected final void remover(ZII_Result r) {
        try {
            r.r1 = registry.remove(ID) == session;
        } catch (RuntimeException e) {
            r.r3 = THREW;
        }
    }

    protected final void getter(ZII_Result r) {
        try {
            r.r2 = Session.view(registry.get(ID));
        } catch (RuntimeException e) {
            r.r2 = THREW;
        }
    }

    protected final void check(ZII_Result r) {
        if (r.r3 == THREW) {
            return;
        }
        try {
            boolean ok = registry.get(ID) == null
                    && registry.size() == RegistryFixture.PRELOADED
                    && RegistryFixture.preloadedVisible(registry) == RegistryFixture.PRELOADED;
            r.r3 = ok ? 1 : 0;
        } catch (RuntimeException e) {
            r.r3 = THREW;
        }
    }

    @JCStressTest
    @State
    public static class Mutex extends SessionRegistryRemoveGet {
        public Mutex() { super(Aliases.MUTEX); }
        @Actor public void actor1(ZII_Result r) { remover(r); }
        @Actor public void actor2(ZII_Result r) { getter(r); }
        @Arbiter public void arbiter(ZII_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class RwLock extends SessionRegistryRemoveGet {
        public RwLock() { super(Aliases.RWLOCK); }
        @Actor public void actor1(ZII_Result r) { remover(r); }
        @Actor public void actor2(ZII_Result r) { getter(r); }
        @Arbiter public void arbiter(ZII_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class LockFree extends SessionRegistryRemoveGet {
        public LockFree() { super(Aliases.LOCKFREE); }
        @Actor public void actor1(ZII_Result r) { remover(r); }
        @Actor public void actor2(ZII_Result r) { getter(r); }
        @Arbiter public void arbiter(ZII_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class Cow extends SessionRegistryRemoveGet {
        public Cow() { super(Aliases.COW); }
        @Actor public void actor1(ZII_Result r) { remover(r); }
        @Actor public void actor2(ZII_Result r) { getter(r); }
        @Arbiter public void arbiter(ZII_Result r) { check(r); }
    }

    /** The unsynchronized control: a plain map rarely breaks here; reported for information, not required to fail. */
    @JCStressTest
    @State
    public static class Broken extends SessionRegistryRemoveGet {
        public Broken() { super(Aliases.BROKEN); }
        @Actor public void actor1(ZII_Result r) { remover(r); }
        @Actor public void actor2(ZII_Result r) { getter(r); }
        @Arbiter public void arbiter(ZII_Result r) { check(r); }
    }
}
