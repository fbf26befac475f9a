package dev.msgtrans.variants.lockfree;

import dev.msgtrans.core.spi.RequestTracker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link RequestTracker} on a {@link ConcurrentHashMap}: pending entries keyed by the request key, each completed by
 * whoever removes it from the map.
 * <p>
 * Why this structure: every tracker operation is a write (register inserts, complete/fail/expire remove), and the
 * keys only ever grow (session id in the high bits, a message id counter in the low ones), so a key is inserted
 * once, removed once and never seen again. JCTools' {@code NonBlockingHashMapLong}, the first choice because it
 * neither boxes the key nor locks, handles exactly that pattern badly: a removal leaves the key's slot behind as a
 * tombstone that only a resize reclaims, so a table holding a few dozen live requests fills with dead keys and is
 * copied over and over, every thread helping with the copy: {@code RequestTrackerBenchmark} showed it far behind
 * the mutex tracker, its throughput falling from one iteration to the next as the dead keys piled up (the figures
 * are in {@code docs/fairness.md}, with their command and machine). {@code ConcurrentHashMap} unlinks a removed
 * node, so its table stays as small as the live set; an
 * insert into an empty bin is a CAS, and a bin lock is taken only on a collision, which a table sized for the
 * live set rarely has. The price is a boxed {@code Long} and a map node per request, next to the entry and the
 * future the API allocates anyway; the lock-based trackers keep a {@code HashMap<Long, ...>} for the same reason of
 * fairness, so both sides pay the same box and node.
 * <p>
 * Expiry scans the table on the timer tick, the same algorithm as the lock-based trackers
 * ({@code PendingRequests}): the engine keeps one tracker per session and ticks every few milliseconds, so a scan
 * visits a handful of entries, while a deadline index would charge every register and complete for an ordered
 * insertion and removal (here a {@code ConcurrentSkipListSet} node and its CASes).
 * <p>
 * Exactly-once completion needs no lock of our own: {@link #register} inserts with {@code putIfAbsent} (a pending
 * key is refused with {@link IllegalStateException}, never overwritten); {@link #complete} and {@link #fail}
 * remove by key, {@link #expire} and {@link #failAll} remove with {@code remove(key, entry)} so they can only take
 * the entry they examined (never a newer registration of the same key); the one removal that succeeds completes
 * the future, every other racer gets {@code false}. The future is completed after the removal, so an entry never
 * outlives its completion.
 * <p>
 * Progress: lookups are lock-free; an insert or removal that hits an occupied bin holds that bin's lock for a few
 * instructions (the "lock-free" strategy here means no lock of ours and no global one, as DESIGN.md allows for
 * this component). {@link #expire} and {@link #failAll} iterate the live table (weakly consistent: entries
 * registered during the sweep may be missed until the next one). Dependent stages of a future run on the thread
 * that completes it, as usual for {@link CompletableFuture}.
 *
 * @param <T> response type
 */
public final class LockFreeRequestTracker<T> implements RequestTracker<T> {

    private final ConcurrentHashMap<Long, Entry<T>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger messageIds;

    public LockFreeRequestTracker() {
        this(0);
    }

    /** For tests of the wrap-around: the first id handed out is {@code lastId + 1} (0 skipped). */
    LockFreeRequestTracker(int lastId) {
        this.messageIds = new AtomicInteger(lastId);
    }

    @Override
    public int nextMessageId() {
        for (;;) {
            int id = messageIds.incrementAndGet(); // wraps through the negative ints: u32 wrap-around
            if (id != 0) {
                return id;
            }
        }
    }

    @Override
    public CompletableFuture<T> register(long key, long deadlineNanos) {
        Entry<T> e = new Entry<>(key, deadlineNanos);
        if (pending.putIfAbsent(key, e) != null) {
            throw new IllegalStateException("request key " + key + " is already pending");
        }
        return e.future;
    }

    @Override
    public boolean complete(long key, T response) {
        Entry<T> e = pending.remove(key);
        return e != null && e.future.complete(response);
    }

    @Override
    public boolean fail(long key, Throwable cause) {
        Entry<T> e = pending.remove(key);
        return e != null && e.future.completeExceptionally(cause);
    }

    @Override
    public int expire(long nowNanos) {
        if (pending.isEmpty()) {
            return 0; // a quiet tick creates no iterator (the lock-based trackers skip it too)
        }
        int n = 0;
        for (Entry<T> e : pending.values()) {
            // Overflow-safe comparison of nanoTime values, as System.nanoTime's javadoc prescribes.
            if (e.deadlineNanos - nowNanos < 0 && pending.remove(e.key, e)) {
                e.future.completeExceptionally(new TimeoutException(
                        "request " + e.key + " timed out (" + (nowNanos - e.deadlineNanos) + " ns past its deadline)"));
                n++;
            }
        }
        return n;
    }

    @Override
    public int failAll(Throwable cause) {
        int n = 0;
        for (Entry<T> e : pending.values()) {
            if (pending.remove(e.key, e)) {
                e.future.completeExceptionally(cause);
                n++;
            }
        }
        return n;
    }

    @Override
    public int pending() {
        return pending.size();
    }

    /** A pending request; identity is what {@code remove(key, entry)} compares. */
    private static final class Entry<T> {
        final long key;
        final long deadlineNanos;
        final CompletableFuture<T> future = new CompletableFuture<>();

        Entry(long key, long deadlineNanos) {
            this.key = key;
            this.deadlineNanos = deadlineNanos;
        }
    }
}
