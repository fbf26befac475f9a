package dev.msgtrans.variants.rwlock;

import dev.msgtrans.variants.mutex.LockedSessionRegistry;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Phase 1, rwlock strategy: a {@link dev.msgtrans.variants.mutex.LongOpenHashMap} (primitive {@code long} keys,
 * as in every variant but cow) behind a non-fair {@link ReentrantReadWriteLock}; lookups, {@code size} and the
 * {@code forEach} snapshot share the read lock, changes take the write lock. This is the original's
 * {@code RwLock<HashMap<SessionId, Transport>>}, the baseline of phase 1 (structure and threading contract:
 * {@link LockedSessionRegistry}).
 * <p>
 * Why not a {@link java.util.concurrent.locks.StampedLock} optimistic read for {@code get}: an optimistic reader
 * runs the map's {@code get} concurrently with a writer, and may see a table mid-rehash (the keys of one table with
 * the values of the other, a mask that does not fit the array) or a probe run mid-shift, and throw or return a
 * value of another key before {@code validate} gets a chance to reject it. A correct optimistic read needs a map
 * built for racing readers (one array of entries, bounded probes, fences), which is the lock-free variant's
 * territory; this variant stays with the read-write lock.
 *
 * @param <V> the session type
 */
public final class RwLockSessionRegistry<V> extends LockedSessionRegistry<V> {

    public RwLockSessionRegistry(int expectedSize) {
        this(new ReentrantReadWriteLock(), expectedSize);
    }

    private RwLockSessionRegistry(ReentrantReadWriteLock rw, int expectedSize) {
        super(rw.readLock(), rw.writeLock(), expectedSize);
    }
}
