package dev.msgtrans.harness.sessions;

import dev.msgtrans.core.spi.SessionRegistry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The reference row of {@link SessionRegistryBenchmark} (alias {@value #ALIAS}): a bare
 * {@code ConcurrentHashMap<Long, V>} behind the SPI, boxing keys as a typical service would. It is not a variant
 * (it is not registered with {@link dev.msgtrans.core.spi.Variants}); it shows what the JDK map costs without any
 * variant's wrapping, so a variant slower than this row pays for something it adds.
 * <p>
 * Threading contract: that of {@link ConcurrentHashMap}, which satisfies {@link SessionRegistry}'s (weakly
 * consistent {@code forEach}, no lock held while calling the action).
 *
 * @param <V> session type
 */
public final class ConcurrentHashMapSessionRegistry<V> implements SessionRegistry<V> {

    /** The {@code variant} parameter value that selects this row. */
    public static final String ALIAS = "chm";

    private final ConcurrentHashMap<Long, V> map;

    public ConcurrentHashMapSessionRegistry(int expectedSize) {
        this.map = new ConcurrentHashMap<>(Math.max(16, expectedSize));
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

    @Override
    public boolean remove(long id, V expected) {
        return map.remove(id, expected);
    }

    @Override
    public void forEach(Consumer<? super V> action) {
        map.values().forEach(action);
    }

    @Override
    public int size() {
        return map.size();
    }
}
