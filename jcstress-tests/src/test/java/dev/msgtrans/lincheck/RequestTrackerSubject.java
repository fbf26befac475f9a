package dev.msgtrans.lincheck;

import dev.msgtrans.core.spi.RequestTracker;
import dev.msgtrans.core.spi.Variants;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.paramgen.LongGen;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link RequestTracker} under lincheck, on two keys: {@code register} (a refused duplicate is an
 * {@link IllegalStateException}, part of the result), {@code complete} and {@code fail} racing each other and
 * {@code expire}, against a map of deadlines ({@link Model}). Deadlines are 10 or 20, {@code expire} runs at 15 or
 * 25, so which requests are due is never a tie.
 * <p>
 * {@code register} and {@code expire} share a non-parallel group (one thread): {@code expire} is a weakly
 * consistent scan (a request registered while it runs may or may not be failed by it), which no atomic model
 * expresses; the race the contract is about, exactly-once resolution, is between {@code complete}/{@code fail} on
 * the other thread and everything on this one. {@code pending()} is checked at quiescence: every request not yet
 * resolved is pending, and nothing else ({@link #noEntryOutlivesItsRequest()}).
 */
@Param(name = "key", gen = LongGen.class, conf = "1:2")
@Param(name = "slot", gen = IntGen.class, conf = "1:2")
public abstract class RequestTrackerSubject {

    private final RequestTracker<String> tracker;
    /** The future of each key's accepted registration, to check {@code pending()} at quiescence. */
    private final Map<Long, CompletableFuture<String>> futures = new ConcurrentHashMap<>();

    protected RequestTrackerSubject(String alias) {
        tracker = Variants.get(alias).newRequestTracker();
    }

    /** The component under test, so that bindings sharing one implementation are checked once. */
    public final Object component() {
        return tracker;
    }

    @Operation(nonParallelGroup = "owner", handleExceptionsAsResult = IllegalStateException.class)
    public boolean register(@Param(name = "key") long key, @Param(name = "slot") int deadlineSlot) {
        futures.put(key, tracker.register(key, deadlineSlot * 10L));
        return true;
    }

    @Operation(nonParallelGroup = "owner")
    public int expire(@Param(name = "slot") int nowSlot) {
        return tracker.expire(nowSlot * 10L + 5);
    }

    @Operation
    public boolean complete(@Param(name = "key") long key) {
        return tracker.complete(key, "response");
    }

    @Operation
    public boolean fail(@Param(name = "key") long key) {
        return tracker.fail(key, new IllegalArgumentException("failed by the test"));
    }

    /** After each execution: the pending count is the number of accepted registrations not yet resolved. */
    @Validate
    public void noEntryOutlivesItsRequest() {
        long unresolved = futures.values().stream().filter(f -> !f.isDone()).count();
        if (tracker.pending() != unresolved) {
            throw new IllegalStateException("pending() is " + tracker.pending() + " at quiescence, " + unresolved
                    + " requests are unresolved");
        }
    }

    /** The sequential specification: key to deadline. */
    public static final class Model {
        private final Map<Long, Long> deadlines = new HashMap<>();

        public boolean register(long key, int deadlineSlot) {
            if (deadlines.containsKey(key)) {
                throw new IllegalStateException("request " + key + " is already pending");
            }
            deadlines.put(key, deadlineSlot * 10L);
            return true;
        }

        public int expire(int nowSlot) {
            long now = nowSlot * 10L + 5;
            int before = deadlines.size();
            deadlines.values().removeIf(d -> d < now);
            return before - deadlines.size();
        }

        public boolean complete(long key) {
            return deadlines.remove(key) != null;
        }

        public boolean fail(long key) {
            return deadlines.remove(key) != null;
        }
    }

    public static class Mutex extends RequestTrackerSubject {
        public Mutex() { super("mutex"); }
    }

    public static class RwLock extends RequestTrackerSubject {
        public RwLock() { super("rwlock"); }
    }

    public static class LockFree extends RequestTrackerSubject {
        public LockFree() { super("lockfree"); }
    }

    public static class Cow extends RequestTrackerSubject {
        public Cow() { super("cow"); }
    }

    /** The unsynchronized control. */
    public static class Broken extends RequestTrackerSubject {
        public Broken() { super("broken"); }
    }
}
