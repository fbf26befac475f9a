package dev.msgtrans.testkit.broken;

import dev.msgtrans.core.spi.SessionRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.function.Consumer;

/**
 * CONTROL, deliberately unsafe: a plain {@link HashMap} with no synchronization. Correct from one thread;
 * concurrent writers lose writes (racing resizes and bucket updates), as the original's map lost them after 100
 * failed CASes.
 */
final class BrokenSessionRegistry<V> implements SessionRegistry<V> {

    private final HashMap<Long, V> map;

    BrokenSessionRegistry(int expectedSize) {
        // Deliberately small so that concurrent writers race through resizes.
        this.map = new HashMap<>(Math.min(Math.max(expectedSize, 1), 16));
    }

    @Override
    public V putIfAbsent(long id, V value) {
        V existing = map.get(id);
        if (existing != null) {
            return existing;
        }
        map.put(id, value);
        return null;
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

    @Override
    public boolean remove(long id, V expected) {
        V v = map.get(id);
        if (v == null || (v != expected && !v.equals(expected))) {
            return false;
        }
        map.remove(id);
        return true;
    }

    @Override
    public void forEach(Consumer<? super V> action) {
        // A copy so that an action removing its own entry works from one thread; concurrent writers still race it.
        new ArrayList<>(map.values()).forEach(action);
    }

    @Override
    public int size() {
        return map.size();
    }
}
