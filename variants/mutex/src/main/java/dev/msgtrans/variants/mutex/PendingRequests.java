package dev.msgtrans.variants.mutex;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The pending-request table of {@link LockedRequestTracker}: key to future, plus
 * a deadline index. Not thread-safe: the owning tracker holds its lock around every call and completes the removed
 * futures after releasing it.
 * <p>
 * The deadline index is a {@link TreeSet} ordered by (deadline, key) rather than a scan of the map or a lazily
 * cleaned priority queue: register and remove cost O(log n), {@link #removeExpired} costs O(log n) per expired
 * entry, so the critical section of an expiry tick is proportional to what expires, not to what is pending; and
 * unlike a lazily cleaned heap, a completed request leaves nothing behind. Deadlines are {@link System#nanoTime()}
 * values and are compared by difference, so the order survives the clock's wrap-around.
 *
 * @param <T> response type
 */
final class PendingRequests<T> {

    private static final Comparator<Entry<?>> BY_DEADLINE = (a, b) -> {
        long d = a.deadline - b.deadline;
        return d != 0 ? (d < 0 ? -1 : 1) : Long.compare(a.key, b.key);
    };

    private static final class Entry<T> {
        final long key;
        final long deadline;
        final CompletableFuture<T> future = new CompletableFuture<>();

        Entry(long key, long deadline) {
            this.key = key;
            this.deadline = deadline;
        }
    }

    private final HashMap<Long, Entry<T>> byKey = new HashMap<>();
    private final TreeSet<Entry<?>> byDeadline = new TreeSet<>(BY_DEADLINE);

    /** @throws IllegalStateException if {@code key} is pending (never overwritten) */
    CompletableFuture<T> add(long key, long deadlineNanos) {
        Entry<T> e = new Entry<>(key, deadlineNanos);
        if (byKey.putIfAbsent(key, e) != null) {
            throw new IllegalStateException("request key " + key + " is already pending");
        }
        byDeadline.add(e);
        return e.future;
    }

    /** @return the removed request's future, or {@code null} if {@code key} was not pending */
    CompletableFuture<T> remove(long key) {
        Entry<T> e = byKey.remove(key);
        if (e == null) {
            return null;
        }
        byDeadline.remove(e);
        return e.future;
    }

    /** Removes every request whose deadline is before {@code nowNanos}, adding its future to {@code out}. */
    @SuppressWarnings("unchecked")
    void removeExpired(long nowNanos, List<CompletableFuture<T>> out) {
        while (!byDeadline.isEmpty() && byDeadline.first().deadline - nowNanos < 0) {
            Entry<T> e = (Entry<T>) byDeadline.pollFirst();
            byKey.remove(e.key);
            out.add(e.future);
        }
    }

    /** Removes every request, adding its future to {@code out}. */
    void removeAll(List<CompletableFuture<T>> out) {
        for (Entry<T> e : byKey.values()) {
            out.add(e.future);
        }
        byKey.clear();
        byDeadline.clear();
    }

    int size() {
        return byKey.size();
    }

    /** The exception an expired request fails with. */
    static TimeoutException timeout() {
        return new TimeoutException("request deadline passed without a response");
    }
}
