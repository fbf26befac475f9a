package dev.msgtrans.variants.cow;

import dev.msgtrans.core.spi.SessionRegistry;

import java.util.function.Consumer;

/**
 * Phase 1 as the original built it: the session table in a {@link CowShardedMap}, so lookups never lock and every
 * add or remove copies one of the 16 shards.
 * <p>
 * Threading contract: that of {@link SessionRegistry}; every method from any thread. {@link #forEach} walks one
 * immutable snapshot per shard, so it never holds a lock and never sees a half-applied write.
 *
 * @param <V> session type
 */
public final class CowSessionRegistry<V> implements SessionRegistry<V> {

    private final CowShardedMap<V> map = new CowShardedMap<>();

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

    @Override
    public boolean remove(long id, V expected) {
        return map.remove(id, expected);
    }

    @Override
    public void forEach(Consumer<? super V> action) {
        map.forEach(action);
    }

    @Override
    public int size() {
        return map.size();
    }
}
