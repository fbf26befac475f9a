package dev.msgtrans.variants.rwlock;

import dev.msgtrans.variants.mutex.LockedSessionRegistry;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Phase 1, rwlock strategy: a {@link java.util.HashMap} behind a non-fair {@link ReentrantReadWriteLock}; lookups,
 * {@code size} and the {@code forEach} snapshot share the read lock, changes take the write lock. This is the
 * original's {@code RwLock<HashMap<SessionId, Transport>>}, the baseline of phase 1 (structure and threading
 * contract: {@link LockedSessionRegistry}).
 * <p>
 * Why not a {@link java.util.concurrent.locks.StampedLock} optimistic read for {@code get}: an optimistic reader
 * runs {@code HashMap.get} concurrently with a writer, and may see a table mid-resize or a bin mid-treeification;
 * that can throw or, in a tree bin, loop, before {@code validate} gets a chance to reject it. Catching the throw is
 * possible but the loop is not, short of a step bound inside the JDK map. A correct optimistic read needs a map
 * built for it, which is the lock-free variant's territory; this variant stays with the read-write lock.
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
