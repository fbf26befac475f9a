package dev.msgtrans.core.engine;

import dev.msgtrans.core.spi.RequestTracker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * The request-expiry check of one session: at most one entry on the timer's {@link HashedWheel}, armed by the first
 * request registered while no check is armed, that runs the session's {@link RequestTracker#expire} once a tick and
 * re-arms itself while the tracker holds requests. A session without pending requests has no entry, so the tick's
 * cost follows the sessions that have requests, not all sessions. The expiry itself stays the tracker's (the request
 * variant under test keeps its own algorithm).
 * <p>
 * Why every tick rather than at a request's deadline: the tracker SPI does not tell when its earliest request falls
 * due, and an entry armed at the first request's deadline would be late for a later request with a shorter timeout.
 * <p>
 * The arming protocol, on one word {@link #state}: bit 0 is "armed" (an entry is scheduled, or the check is running
 * and will either re-arm or clear the bit); the bits above count registrations.
 * <pre>
 *   registrant: tracker.register(...); prev = state.getAndAdd(2); if prev not armed: CAS the bit on, schedule
 *   check:      seen = state; tracker.expire(now); more = tracker.pending() &gt; 0
 *               if more or !CAS(state, seen, seen without the bit): schedule again
 * </pre>
 * Why no request is left without a check (the race of a registration against a check that finds nothing): take a
 * request X whose registrant's {@code getAndAdd} found the bit set. The check holding the bit can clear it only by a
 * CAS from the value {@code seen} it read before its look; X's add changes the word, so that CAS succeeds only if
 * {@code seen} was read after X's add, that is after X's {@code register} returned (the adds, the CAS and the
 * tracker's own locks or volatile accesses are all synchronisation actions, totally ordered consistently with
 * program order). Its look then finds X, unless X completed meanwhile (then nothing is owed) or {@code pending()}
 * under-counts. A tracker may under-count only while another registration runs concurrently with the count
 * ({@link java.util.concurrent.ConcurrentHashMap#size} sums striped counters and can miss an insert whose removal
 * it sees). That registration's own add then comes after {@code seen}: before the CAS it makes the CAS fail (the
 * check re-arms), after it it finds the bit clear and arms a check itself. Either way a check stays armed and looks
 * again; once registrations pause, a look counts exactly, finds X and re-arms until X's deadline passes and
 * {@code expire} fails it. If the registrant found the bit clear it arms the check itself (or loses the CAS to
 * another registrant, whose check reads {@code seen} after the bit was set, after X's add).
 * <p>
 * A check whose {@code expire} throws stays armed: the failure goes to the wheel's failure handler, and the next
 * tick tries again, as the registry walk it replaces did.
 * <p>
 * Threading contract: {@link #registered} from any thread, after the request's {@code register} returned;
 * {@link #run} on the wheel's ticking thread; {@link #cancel} from any thread (the session's close).
 */
final class RequestExpiry implements Runnable {

    private static final long ARMED = 1;
    /** One registration, counted above the armed bit. */
    private static final long REGISTRATION = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(RequestExpiry.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The session's id, for the failure report. */
    final long sessionId;
    private final RequestTracker<?> requests;
    private final HashedWheel wheel;
    private final LongAdder timedOut;
    /** Registrations since the session opened (shifted left by one) and the armed bit; see the class comment. */
    private volatile long state;
    /** The armed entry, for {@link #cancel}: written by whoever holds the armed bit. */
    private volatile HashedWheel.Entry entry;
    /** Set by the session's close: the check neither runs nor re-arms any more. */
    private volatile boolean cancelled;

    /**
     * @param timedOut told how many requests each expiry failed
     */
    RequestExpiry(long sessionId, RequestTracker<?> requests, HashedWheel wheel, LongAdder timedOut) {
        this.sessionId = sessionId;
        this.requests = requests;
        this.wheel = wheel;
        this.timedOut = timedOut;
    }

    /** Any thread, after a request was registered with the session's tracker: makes sure a check is armed. */
    void registered() {
        long prev = (long) STATE.getAndAdd(this, REGISTRATION);
        if ((prev & ARMED) != 0) {
            return; // the armed check's look comes after this add (class comment)
        }
        for (;;) {
            long v = state;
            if ((v & ARMED) != 0) {
                return; // another registrant armed it after this add
            }
            if (STATE.compareAndSet(this, v, v | ARMED)) {
                arm();
                return;
            }
        }
    }

    /** Any thread, once, by the session's close (after which its tracker fails every request itself). */
    void cancel() {
        cancelled = true;
        HashedWheel.Entry e = entry;
        if (e != null) {
            e.cancel(); // one re-armed concurrently fires once more and finds the flag
        }
    }

    /** The ticking thread: expires what is due and re-arms while requests are pending. */
    @Override
    public void run() {
        if (cancelled) {
            return; // keeps the bit: nothing arms on a closed session
        }
        long seen = state;
        boolean more = true; // a failed expiry keeps the check armed
        try {
            int expired = requests.expire(System.nanoTime());
            if (expired > 0) {
                timedOut.add(expired);
            }
            more = requests.pending() > 0;
        } finally {
            if (more || !STATE.compareAndSet(this, seen, seen & ~ARMED)) {
                arm(); // still pending, or registered since `seen`: look again next tick
            }
        }
    }

    /** By the holder of the armed bit: the check runs at the end of the current tick. */
    private void arm() {
        if (!cancelled) {
            entry = wheel.schedule(this, System.nanoTime(), 0);
        }
    }

    /** Tests: whether a check is armed. */
    boolean isArmed() {
        return (state & ARMED) != 0;
    }

    @Override
    public String toString() {
        return "request expiry of session " + sessionId;
    }
}
