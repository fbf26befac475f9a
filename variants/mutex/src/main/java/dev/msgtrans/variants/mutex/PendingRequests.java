package dev.msgtrans.variants.mutex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The pending-request table of {@link LockedRequestTracker}: a {@link HashMap} from the boxed request key to an
 * entry holding the deadline and the future. Not thread-safe: the owning tracker holds its lock around every call
 * and completes the removed futures after releasing it.
 * <p>
 * Expiry scans the table on the timer tick, as the lock-free tracker does, so that the two trackers run one
 * algorithm and differ only in how they synchronise. A deadline index (a tree ordered by deadline) would make a tick
 * cost O(log n) per expired entry instead of O(pending), but it charges every request for it: a tree node and an
 * O(log n) insertion under the lock on {@code register}, a tree removal on every {@code complete}. The engine keeps
 * one tracker per session and ticks every few milliseconds, so a scan visits the few requests of one session while
 * the request path, which runs once per request, stays one hash insert and one hash removal. Deadlines are
 * {@link System#nanoTime()} values, compared by difference, so expiry survives the clock's wrap-around.
 * <p>
 * The key is a boxed {@code Long} in a JDK map, as in the lock-free tracker's {@code ConcurrentHashMap}: both pay
 * one box and one map node per request (see {@code LockFreeRequestTracker} for why the lock-free side cannot use a
 * primitive-keyed table here), so the key representation is not part of the comparison.
 *
 * @param <T> response type
 */
final class PendingRequests<T> {

    /** A pending request. */
    static final class Entry<T> {
        final long key;
        final long deadlineNanos;
        final CompletableFuture<T> future = new CompletableFuture<>();

        Entry(long key, long deadlineNanos) {
            this.key = key;
            this.deadlineNanos = deadlineNanos;
        }
    }

    private final HashMap<Long, Entry<T>> byKey = new HashMap<>();

    /** @throws IllegalStateException if {@code key} is pending (never overwritten) */
    CompletableFuture<T> add(long key, long deadlineNanos) {
        Entry<T> e = new Entry<>(key, deadlineNanos);
        if (byKey.putIfAbsent(key, e) != null) {
            throw new IllegalStateException("request key " + key + " is already pending");
        }
        return e.future;
    }

    /** @return the removed request's future, or {@code null} if {@code key} was not pending */
    CompletableFuture<T> remove(long key) {
        Entry<T> e = byKey.remove(key);
        return e == null ? null : e.future;
    }

    /**
     * Removes every request whose deadline is before {@code nowNanos}.
     *
     * @return the removed entries, or {@code null} when none expired (no list is allocated on a quiet tick)
     */
    List<Entry<T>> removeExpired(long nowNanos) {
        if (byKey.isEmpty()) {
            return null;
        }
        List<Entry<T>> out = null;
        for (Iterator<Entry<T>> it = byKey.values().iterator(); it.hasNext(); ) {
            Entry<T> e = it.next();
            if (e.deadlineNanos - nowNanos < 0) { // overflow-safe, as System.nanoTime's javadoc prescribes
                it.remove();
                if (out == null) {
                    out = new ArrayList<>();
                }
                out.add(e);
            }
        }
        return out;
    }

    /** Removes every request, adding its future to {@code out}. */
    void removeAll(List<CompletableFuture<T>> out) {
        for (Entry<T> e : byKey.values()) {
            out.add(e.future);
        }
        byKey.clear();
    }

    int size() {
        return byKey.size();
    }

    /** The exception an expired request fails with (the lock-free tracker's message, word for word). */
    static TimeoutException timeout(Entry<?> e, long nowNanos) {
        return new TimeoutException(
                "request " + e.key + " timed out (" + (nowNanos - e.deadlineNanos) + " ns past its deadline)");
    }
}
