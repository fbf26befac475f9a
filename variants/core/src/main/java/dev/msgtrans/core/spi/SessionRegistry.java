package dev.msgtrans.core.spi;

import java.util.function.Consumer;

/**
 * Phase 1: session id to session.
 * <p>
 * Threading contract: every method may be called from any thread. A {@code put}/{@code putIfAbsent}/{@code remove}
 * that returns happens-before any {@code get} that observes its effect. {@link #forEach} is weakly consistent:
 * it sees every mapping present for its whole duration, and may or may not see mappings changed during it; it
 * never throws {@code ConcurrentModificationException} and never holds a lock while calling {@code action} for
 * longer than one entry (implementations iterate a snapshot or a concurrent view).
 *
 * @param <V> the session type
 */
public interface SessionRegistry<V> {

    /** @return the value already mapped to {@code id} (and nothing changes), or {@code null} after adding {@code value} */
    V putIfAbsent(long id, V value);

    /** @return the previous value, or {@code null} */
    V put(long id, V value);

    /** @return the value, or {@code null} */
    V get(long id);

    /** @return the removed value, or {@code null} */
    V remove(long id);

    /** Removes {@code id} only while it maps to {@code expected} (identity or equals). */
    boolean remove(long id, V expected);

    void forEach(Consumer<? super V> action);

    /** Approximate while writes are in flight (lock-free maps keep a striped counter); exact at quiescence. */
    int size();
}
