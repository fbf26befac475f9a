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
import org.openjdk.jcstress.infra.results.ZZI_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Property: two {@code putIfAbsent} calls for one id race; exactly one wins.
 * <p>
 * On a registry preloaded with 12 sessions, both actors call {@code putIfAbsent(7, own session)}. Exactly one gets
 * {@code null} (it added its session); the other gets the winner's session back and changes nothing. After both,
 * the arbiter finds the winner's session mapped, 13 entries, and checks that the loser was handed the winner's
 * session. This is the check-then-act race of the original's session table: two connections claiming one id.
 * <p>
 * Result: {@code r1}/{@code r2} whether actor 1/2 won; {@code r3} whose session is mapped (1 or 2), or a negative
 * code: -1 none or a stranger's, -2 wrong size, -3 the loser was not handed the winner's session, -9 threw.
 * <p>
 * Run: {@code java -jar jcstress-tests/target/jcstress.jar -t SessionRegistryPutIfAbsent}
 */
@Description("SessionRegistry: two putIfAbsent calls of one id race, exactly one wins and the loser sees the winner")
@Outcome(id = "true, false, 1", expect = ACCEPTABLE, desc = "actor 1 won, actor 2 was handed actor 1's session")
@Outcome(id = "false, true, 2", expect = ACCEPTABLE, desc = "actor 2 won, actor 1 was handed actor 2's session")
@Outcome(id = "true, true, .*", expect = FORBIDDEN, desc = "both putIfAbsent calls won: two sessions claimed one id")
@Outcome(id = "false, false, .*", expect = FORBIDDEN, desc = "neither putIfAbsent call won")
@Outcome(expect = FORBIDDEN, desc = "the mapped session, the size or the loser's answer is wrong, or a call threw")
public abstract class SessionRegistryPutIfAbsent {

    static final long ID = 7;
    static final int THREW = -9;

    private final SessionRegistry<Session> registry;
    private final Session mine1 = new Session(1);
    private final Session mine2 = new Session(2);
    // Written by each actor, read by the arbiter (which jcstress runs after both actors, with happens-before).
    private Session answer1;
    private Session answer2;
    private boolean threw;

    protected SessionRegistryPutIfAbsent(String alias) {
        registry = RegistryFixture.preloaded(alias);
    }

    protected final void claim1(ZZI_Result r) {
        try {
            answer1 = registry.putIfAbsent(ID, mine1);
            r.r1 = answer1 == null;
        } catch (RuntimeException e) {
            threw = true;
        }
    }

    protected final void claim2(ZZI_Result r) {
        try {
            answer2 = registry.putIfAbsent(ID, mine2);
            r.r2 = answer2 == null;
        } catch (RuntimeException e) {
            threw = true;
        }
    }

    protected final void check(ZZI_Result r) {
        if (threw) {
            r.r3 = THREW;
            return;
        }
        try {
            Session mapped = registry.get(ID);
            if (registry.size() != RegistryFixture.PRELOADED + 1) {
                r.r3 = -2;
            } else if (mapped == mine1) {
                r.r3 = answer2 == mine1 ? 1 : -3;
            } else if (mapped == mine2) {
                r.r3 = answer1 == mine2 ? 2 : -3;
            } else {
                r.r3 = -1;
            }
        } catch (RuntimeException e) {
            r.r3 = THREW;
        }
    }

    @JCStressTest
    @State
    public static class Mutex extends SessionRegistryPutIfAbsent {
        public Mutex() { super(Aliases.MUTEX); }
        @Actor public void actor1(ZZI_Result r) { claim1(r); }
        @Actor public void actor2(ZZI_Result r) { claim2(r); }
        @Arbiter public void arbiter(ZZI_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class RwLock extends SessionRegistryPutIfAbsent {
        public RwLock() { super(Aliases.RWLOCK); }
        @Actor public void actor1(ZZI_Result r) { claim1(r); }
        @Actor public void actor2(ZZI_Result r) { claim2(r); }
        @Arbiter public void arbiter(ZZI_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class LockFree extends SessionRegistryPutIfAbsent {
        public LockFree() { super(Aliases.LOCKFREE); }
        @Actor public void actor1(ZZI_Result r) { claim1(r); }
        @Actor public void actor2(ZZI_Result r) { claim2(r); }
        @Arbiter public void arbiter(ZZI_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class Cow extends SessionRegistryPutIfAbsent {
        public Cow() { super(Aliases.COW); }
        @Actor public void actor1(ZZI_Result r) { claim1(r); }
        @Actor public void actor2(ZZI_Result r) { claim2(r); }
        @Arbiter public void arbiter(ZZI_Result r) { check(r); }
    }

    /** The unsynchronized control: both claims win when they race the check; the harness must report it FAILED. */
    @JCStressTest
    @State
    public static class Broken extends SessionRegistryPutIfAbsent {
        public Broken() { super(Aliases.BROKEN); }
        @Actor public void actor1(ZZI_Result r) { claim1(r); }
        @Actor public void actor2(ZZI_Result r) { claim2(r); }
        @Arbiter public void arbiter(ZZI_Result r) { check(r); }
    }
}
