package dev.msgtrans.guide.port;

import java.util.List;

/**
 * The application's own table: connection (session id) to the user who joined on it. It is what a service keeps
 * next to the transport's session registry, and it has the same access pattern: a write per join and leave, a
 * read per message and per {@code WHO}.
 * <p>
 * Threading contract: every method from any thread. A {@code join} or {@code leave} that returns happens-before
 * any call that observes its effect. {@link #online()} and {@link #forEach} are weakly consistent: they see every
 * entry present for their whole duration and may or may not see entries changed meanwhile (the lock-based
 * implementation happens to give a snapshot; callers must not rely on it, or the migration breaks them).
 */
public interface PresenceRegistry {

    /** What {@link #forEach} visits. */
    @FunctionalInterface
    interface Visitor {
        void visit(long session, String user);
    }

    /** @return {@code true} if {@code session} had not joined and now has joined as {@code user} */
    boolean join(long session, String user);

    /** @return the user {@code session} had joined as, now removed, or {@code null} */
    String leave(long session);

    /**
     * Removes {@code session} only while it is joined as a user <em>equal</em> to {@code user}.
     *
     * @return {@code true} if this call removed it
     */
    boolean leave(long session, String user);

    /** @return the user {@code session} joined as, or {@code null} */
    String userOf(long session);

    /** @return the distinct users online, sorted */
    List<String> online();

    void forEach(Visitor visitor);

    /** Sessions joined; approximate while other threads join or leave. */
    int size();
}
