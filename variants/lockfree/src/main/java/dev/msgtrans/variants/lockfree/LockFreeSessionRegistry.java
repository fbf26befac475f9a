package dev.msgtrans.variants.lockfree;

import dev.msgtrans.core.spi.SessionRegistry;
import java.util.function.Consumer;
import org.jctools.maps.NonBlockingHashMapLong;

/**
 * {@link SessionRegistry} on JCTools' {@link NonBlockingHashMapLong} (Cliff Click's non-blocking hash table with
 * primitive {@code long} keys).
 * <p>
 * Why this structure rather than {@link java.util.concurrent.ConcurrentHashMap}: both read without locks, but
 * {@code ConcurrentHashMap<Long, V>.get} must box the session id (ids above 127 are not cached by
 * {@link Long#valueOf}), which allocates on the per-packet lookup unless escape analysis removes it, and its
 * writes lock one bin. {@code NonBlockingHashMapLong.get(long)} takes the primitive key, and every write, resize
 * included, is a CAS on a slot (resizing is done cooperatively by the threads that meet it). Costs accepted:
 * the table never shrinks after a peak, removed keys stay as tombstones until the next resize copies the table,
 * and iteration allocates a small snapshot object.
 * <p>
 * Progress: every operation is lock-free. {@link #forEach} iterates the live table (weakly consistent: it sees
 * every mapping present for its whole duration, never throws {@code ConcurrentModificationException}), holds no
 * lock, and never calls {@code action} under one.
 *
 * @param <V> session type
 */
public final class LockFreeSessionRegistry<V> implements SessionRegistry<V> {

    private final NonBlockingHashMapLong<V> map;

    /** @param expectedSize sessions expected at once, used to size the first table */
    public LockFreeSessionRegistry(int expectedSize) {
        this.map = new NonBlockingHashMapLong<>(Math.max(expectedSize, 16));
    }

    @Override
    public V putIfAbsent(long id, V value) {
        return map.putIfAbsent(id, value);
    }

    @Override
    public V put(long id, V value) {
        return map.put(id, value);
    }

    @Override
    public V get(long id) {
        return map.get(id);
    }

    @Override
    public V remove(long id) {
        return map.remove(id);
    }

    /**
     * Removes while {@code id} maps to {@code expected} by identity or {@code equals}. Not a plain
     * {@link NonBlockingHashMapLong#remove(long, Object)}: in JCTools 4.0.5 that overload removes an
     * equal-but-not-identical value yet returns {@code false} (it compares its result with {@code ==}; the fix of
     * JCTools PR #202 reached the object-keyed overloads only). So we read the current value and remove that exact
     * object, whose identity match reports truthfully; a concurrent change makes the CAS fail and we re-read.
     * One ambiguity remains, inherited from that overload: if another thread replaces the value with a distinct
     * object equal to {@code expected} between our read and our removal, the mapping is removed but this method
     * reports {@code false}. Sessions compare by identity in the engine, so it cannot arise there.
     */
    @Override
    public boolean remove(long id, V expected) {
        for (;;) {
            V cur = map.get(id);
            if (cur == null || (cur != expected && !cur.equals(expected))) {
                return false;
            }
            if (map.remove(id, cur)) {
                return true;
            }
        }
    }

    @Override
    public void forEach(Consumer<? super V> action) {
        for (V v : map.values()) {
            action.accept(v);
        }
    }

    @Override
    public int size() {
        return map.size();
    }
}
