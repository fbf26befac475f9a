package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The life cycle of one session: {@code NEW -> OPEN -> CLOSED}, or {@code NEW -> CLOSED} for a connection refused
 * before it was opened. Closing is a single compare-and-set, so exactly one caller wins it, whichever thread asks
 * (the I/O loop on EOF or a bad frame, a sender under the disconnect policy, the timer on idleness, the application):
 * that caller runs the close sequence and publishes the one {@code ConnectionClosed}.
 * <p>
 * Threading contract: every method from any thread. The winning {@link #close} happens-before every call that
 * returns {@code false} from {@link #isOpen()} because of it.
 */
final class SessionState {

    private static final int NEW = 0;
    private static final int OPEN = 1;
    private static final int CLOSED = 2;

    private final AtomicInteger state = new AtomicInteger(NEW);
    private volatile CloseReason reason;
    /** Written with {@link #reason} by the winning close: whether the session had been opened before it closed. */
    private volatile boolean closedWhileOpen;

    /** @return {@code true} if the session went from new to open (false if it was closed first) */
    boolean open() {
        return state.compareAndSet(NEW, OPEN);
    }

    /**
     * @return {@code true} for the one call that closed the session; every later call returns {@code false} and
     *         leaves the first reason in place
     */
    boolean close(CloseReason why) {
        for (int s = state.get(); s != CLOSED; s = state.get()) {
            if (state.compareAndSet(s, CLOSED)) {
                closedWhileOpen = s == OPEN;
                reason = why;
                return true;
            }
        }
        return false;
    }

    boolean isOpen() {
        return state.get() == OPEN;
    }

    boolean isClosed() {
        return state.get() == CLOSED;
    }

    /**
     * @return {@code true} if the session is open, or closed after it had been opened; {@code false} while it is new
     *         and for a session refused before opening. Exact for a caller that the winning close happens-before
     *         (such as the session actor's {@code onStop}, which runs after the close stopped the actor).
     */
    boolean wasOpened() {
        int s = state.get();
        return s == OPEN || (s == CLOSED && closedWhileOpen);
    }

    /** @return why the session closed, or {@code null} while it is not closed (or an instant after the winning CAS) */
    CloseReason reason() {
        return reason;
    }

    @Override
    public String toString() {
        int s = state.get();
        return s == NEW ? "NEW" : s == OPEN ? "OPEN" : "CLOSED(" + reason + ")";
    }
}
