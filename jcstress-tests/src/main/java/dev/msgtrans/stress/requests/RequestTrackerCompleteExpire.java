package dev.msgtrans.stress.requests;

import dev.msgtrans.core.spi.RequestTracker;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.stress.support.Aliases;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Property: a response racing the request's expiry resolves it exactly once, and leaves no entry behind.
 * <p>
 * One request is pending with a deadline already passed. Actor 1 completes it with a response while actor 2 runs
 * {@code expire}. Exactly one of them wins: either {@code complete} returns {@code true} and the future holds the
 * response, or {@code expire} fails one request and the future holds a {@link TimeoutException}. Either way the
 * tracker is empty afterwards (the original leaked timed-out entries).
 * <p>
 * Result: {@code r1} 1 if {@code complete} won; {@code r2} what {@code expire} returned; {@code r3} the future:
 * 1 the response, 2 a timeout, 0 not done, 3 anything else; {@code r4} {@code pending()} after both, -9 if a call
 * threw.
 * <p>
 * Run: {@code java -jar jcstress-tests/target/jcstress.jar -t RequestTrackerCompleteExpire}
 */
@Description("RequestTracker: complete racing expire; exactly one resolves the request, no entry is left")
@Outcome(id = "1, 0, 1, 0", expect = ACCEPTABLE, desc = "the response won; expiry found nothing")
@Outcome(id = "0, 1, 2, 0", expect = ACCEPTABLE, desc = "expiry won; the late response was refused")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "both complete and expire claimed the request")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "neither complete nor expire resolved the request")
@Outcome(expect = FORBIDDEN, desc = "the future disagrees with the winner, an entry was left behind, or a call threw")
public abstract class RequestTrackerCompleteExpire {

    static final long KEY = 9;
    static final long DEADLINE = 100;
    static final long NOW = 200;
    static final String RESPONSE = "response";
    static final int THREW = -9;

    private final RequestTracker<String> tracker;
    private final CompletableFuture<String> future;
    private volatile boolean threw;

    protected RequestTrackerCompleteExpire(String alias) {
        tracker = Variants.get(alias).newRequestTracker();
        future = tracker.register(KEY, DEADLINE);
    }

    protected final void complete(IIII_Result r) {
        try {
            r.r1 = tracker.complete(KEY, RESPONSE) ? 1 : 0;
        } catch (RuntimeException e) {
            threw = true;
        }
    }

    protected final void expire(IIII_Result r) {
        try {
            r.r2 = tracker.expire(NOW);
        } catch (RuntimeException e) {
            threw = true;
        }
    }

    protected final void check(IIII_Result r) {
        r.r3 = state(future);
        r.r4 = threw ? THREW : tracker.pending();
    }

    private static int state(CompletableFuture<String> f) {
        if (!f.isDone()) {
            return 0;
        }
        try {
            return RESPONSE.equals(f.join()) ? 1 : 3;
        } catch (CompletionException e) {
            return e.getCause() instanceof TimeoutException ? 2 : 3;
        } catch (RuntimeException e) {
            return 3;
        }
    }

    @JCStressTest
    @State
    public static class Mutex extends RequestTrackerCompleteExpire {
        public Mutex() { super(Aliases.MUTEX); }
        @Actor public void actor1(IIII_Result r) { complete(r); }
        @Actor public void actor2(IIII_Result r) { expire(r); }
        @Arbiter public void arbiter(IIII_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class RwLock extends RequestTrackerCompleteExpire {
        public RwLock() { super(Aliases.RWLOCK); }
        @Actor public void actor1(IIII_Result r) { complete(r); }
        @Actor public void actor2(IIII_Result r) { expire(r); }
        @Arbiter public void arbiter(IIII_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class LockFree extends RequestTrackerCompleteExpire {
        public LockFree() { super(Aliases.LOCKFREE); }
        @Actor public void actor1(IIII_Result r) { complete(r); }
        @Actor public void actor2(IIII_Result r) { expire(r); }
        @Arbiter public void arbiter(IIII_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class Cow extends RequestTrackerCompleteExpire {
        public Cow() { super(Aliases.COW); }
        @Actor public void actor1(IIII_Result r) { complete(r); }
        @Actor public void actor2(IIII_Result r) { expire(r); }
        @Arbiter public void arbiter(IIII_Result r) { check(r); }
    }

    /**
     * The unsynchronized control: get-then-remove lets both claim the request, but only in a narrow window (under
     * 0.1% of samples); reported for information.
     */
    @JCStressTest
    @State
    public static class Broken extends RequestTrackerCompleteExpire {
        public Broken() { super(Aliases.BROKEN); }
        @Actor public void actor1(IIII_Result r) { complete(r); }
        @Actor public void actor2(IIII_Result r) { expire(r); }
        @Arbiter public void arbiter(IIII_Result r) { check(r); }
    }
}
