package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Property: the timer never sees a session draining without the time its drain began.
 * <p>
 * Actor 1 is the thread that reads the session: the peer ended its stream, so it starts the graceful close. Actor 2
 * is the timer's linger check: it reads the state and, if the session drains, the drain's start. Reading a start
 * that is not yet written (0) makes the drain look overdue by the whole uptime, and the timer cuts it short with
 * {@code LINGER_TIMEOUT}: the replies to what the session accepted are lost (the engine once wrote the start after
 * the transition; a preempted reader lost 10 of 10 replies in a test).
 * <p>
 * The engine's sessions are not a component: there is one implementation, so one binding, named {@code Engine}.
 * The class sits in the engine's package because the state machine is package-private there.
 * <p>
 * Result: {@code r1} 1 if the timer saw the session draining; {@code r2} 1 if it then read the drain's start.
 * <p>
 * Run: {@code java -jar jcstress-tests/target/jcstress.jar -t SessionDrainStart}
 */
@Description("SessionState: a timer that sees a session draining reads when the drain began")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "the timer came first: the session was still open")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "draining, with its start")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "draining without its start: the linger check would cut the drain short")
public abstract class SessionDrainStart {

    /** Any non-zero time: the reader's clock reading. */
    static final long STARTED = 42;

    private final SessionState state = new SessionState();

    protected SessionDrainStart() {
        state.open();
    }

    protected final void reader() {
        state.drain(CloseReason.PEER_CLOSED, STARTED);
    }

    protected final void timer(II_Result r) {
        if (state.isGracefullyClosing()) {
            r.r1 = 1;
            r.r2 = state.drainStartedNanos() == STARTED ? 1 : 0;
        }
    }

    @JCStressTest
    @State
    public static class Engine extends SessionDrainStart {
        @Actor public void actor1() { reader(); }
        @Actor public void actor2(II_Result r) { timer(r); }
    }
}
