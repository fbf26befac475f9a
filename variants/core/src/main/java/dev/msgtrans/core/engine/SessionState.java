package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The life cycle of one session: {@code NEW -> OPEN -> CLOSED}, or {@code NEW -> CLOSED} for a connection refused
 * before it was opened; a graceful close passes through two more states, {@code OPEN -> DRAINING -> CLOSING ->
 * CLOSED}:
 * <ul>
 *   <li>{@code DRAINING}: the session stopped reading (the peer finished, or sent a bad frame); the actor still
 *       handles every packet accepted before, and sends are still taken, so that their replies go out;</li>
 *   <li>{@code CLOSING}: everything queued has been written and this side's output is shut; sends are refused,
 *       and the session waits for the peer's end of stream (discarding what it still sends) before the socket is
 *       closed, so that unread input does not make the close a reset that could destroy replies in flight.</li>
 * </ul>
 * Closing is a single compare-and-set, so exactly one caller wins it, whichever thread asks (the I/O loop on EOF or
 * a bad frame, a sender under the disconnect policy, the timer on idleness or linger, the application): that caller
 * runs the close sequence and publishes the one {@code ConnectionClosed}. A graceful close keeps the reason it
 * started with.
 * <p>
 * Threading contract: every method from any thread. The winning {@link #close} happens-before every call that
 * returns {@code false} from {@link #isOpen()} because of it.
 */
final class SessionState {

    private static final int NEW = 0;
    private static final int OPEN = 1;
    private static final int DRAINING = 2;
    private static final int CLOSING = 3;
    private static final int CLOSED = 4;
    /** The low bits hold the phase, the next one whether it was ever opened, the rest the reason's ordinal + 1. */
    private static final int PHASE_MASK = 0b111;
    private static final int OPENED = 0b1000;
    private static final int REASON_SHIFT = 4;
    private static final CloseReason[] REASONS = CloseReason.values();

    /** Phase, history and reason in one word, so none is ever seen apart from the transition that set it. */
    private final AtomicInteger state = new AtomicInteger(NEW);

    private static int phase(int word) {
        return word & PHASE_MASK;
    }

    private static int with(int phase, CloseReason why) {
        return phase | OPENED | ((why.ordinal() + 1) << REASON_SHIFT);
    }

    /** @return {@code true} if the session went from new to open (false if it was closed first) */
    boolean open() {
        return state.compareAndSet(NEW, OPEN | OPENED);
    }

    /**
     * Starts a graceful close.
     *
     * @return {@code true} for the one call that moved the session from open to draining
     */
    boolean drain(CloseReason why) {
        return state.compareAndSet(OPEN | OPENED, with(DRAINING, why));
    }

    /** @return {@code true} if this call moved the session from draining to closing (its output is done) */
    boolean closing() {
        for (int w = state.get(); phase(w) == DRAINING; w = state.get()) {
            if (state.compareAndSet(w, (w & ~PHASE_MASK) | CLOSING)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return {@code true} for the one call that closed the session; every later call returns {@code false} and
     *         leaves the first reason in place, as does closing a session whose graceful close had begun
     */
    boolean close(CloseReason why) {
        for (int w = state.get(); phase(w) != CLOSED; w = state.get()) {
            int p = phase(w);
            int closed = p == NEW ? CLOSED | ((why.ordinal() + 1) << REASON_SHIFT)
                    : p == OPEN ? with(CLOSED, why)
                    : (w & ~PHASE_MASK) | CLOSED;
            if (state.compareAndSet(w, closed)) {
                return true;
            }
        }
        return false;
    }

    /** Open and reading: inbound bytes are decoded, requests may be started. */
    boolean isOpen() {
        return phase(state.get()) == OPEN;
    }

    /** Open or draining: a send is queued (a draining session still writes the replies to what it accepted). */
    boolean acceptsSends() {
        int p = phase(state.get());
        return p == OPEN || p == DRAINING;
    }

    /** Draining or closing: a graceful close is under way, bounded by the linger time. */
    boolean isGracefullyClosing() {
        int p = phase(state.get());
        return p == DRAINING || p == CLOSING;
    }

    boolean isClosing() {
        return phase(state.get()) == CLOSING;
    }

    boolean isClosed() {
        return phase(state.get()) == CLOSED;
    }

    /**
     * @return {@code true} if the session is open or closing, or closed after it had been opened; {@code false} while
     *         it is new and for a session refused before opening. Exact for a caller that the winning close
     *         happens-before (such as the session actor's {@code onStop}, which runs after the close stopped the
     *         actor).
     */
    boolean wasOpened() {
        return (state.get() & OPENED) != 0;
    }

    /** @return why the session closed or is closing, or {@code null} while it is new or open */
    CloseReason reason() {
        int r = state.get() >>> REASON_SHIFT;
        return r == 0 ? null : REASONS[r - 1];
    }

    @Override
    public String toString() {
        int p = phase(state.get());
        return switch (p) {
            case NEW -> "NEW";
            case OPEN -> "OPEN";
            case DRAINING -> "DRAINING(" + reason() + ")";
            case CLOSING -> "CLOSING(" + reason() + ")";
            default -> "CLOSED(" + reason() + ")";
        };
    }
}
