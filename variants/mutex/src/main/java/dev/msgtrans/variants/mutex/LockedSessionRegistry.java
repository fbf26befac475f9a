package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.SessionRegistry;

import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;

/**
 * The lock-based {@link SessionRegistry}: a {@link LongOpenHashMap} of primitive {@code long} keys guarded by a reader lock for
 * {@code get}/{@code size}/{@code forEach} and a writer lock for changes. {@link MutexSessionRegistry} passes one
 * {@link java.util.concurrent.locks.ReentrantLock} for both roles; the rwlock variant passes the two halves of a
 * {@link java.util.concurrent.locks.ReentrantReadWriteLock}, so the two variants differ in nothing but the lock,
 * which is the migration step the original made (Mutex to RwLock) and the comparison our users need.
 * <p>
 * Threading contract: every method from any thread, each one short critical section whose unlock/lock gives the
 * happens-before the {@link SessionRegistry} contract asks for. {@link #forEach} copies the values into an array
 * under the reader lock and runs the action on that snapshot after releasing it, so a slow action (a broadcast
 * write) never blocks adds and removes, and the action may itself change the registry.
 * <p>
 * Keys are primitive {@code long}s, as in the lock-free variant's {@code NonBlockingHashMapLong}: a
 * {@code HashMap<Long, V>} would add a {@code Long} box per put and per lookup of an id above 127 (unless escape
 * analysis removes it) and a node per entry, so a comparison with the lock-free registry would measure boxing as
 * well as the lock. A good engineer with a lock and a {@code long} key keeps it primitive; the same key
 * representation on both sides leaves the lock as the difference. Values may not be {@code null}.
 *
 * @param <V> the session type
 */
public abstract class LockedSessionRegistry<V> implements SessionRegistry<V> {

    private final Lock readLock;
    private final Lock writeLock;
    private final LongOpenHashMap<V> map; // guarded by the locks

    protected LockedSessionRegistry(Lock readLock, Lock writeLock, int expectedSize) {
        if (expectedSize < 0) {
            throw new IllegalArgumentException("expectedSize must be >= 0, was " + expectedSize);
        }
        this.readLock = Objects.requireNonNull(readLock, "readLock");
        this.writeLock = Objects.requireNonNull(writeLock, "writeLock");
        this.map = new LongOpenHashMap<>(expectedSize); // expectedSize mappings fit without a rehash
    }

    @Override
    public final V putIfAbsent(long id, V value) {
        Objects.requireNonNull(value, "value");
        writeLock.lock();
        try {
            return map.putIfAbsent(id, value);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public final V put(long id, V value) {
        Objects.requireNonNull(value, "value");
        writeLock.lock();
        try {
            return map.put(id, value);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public final V get(long id) {
        readLock.lock();
        try {
            return map.get(id);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public final V remove(long id) {
        writeLock.lock();
        try {
            return map.remove(id);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public final boolean remove(long id, V expected) {
        writeLock.lock();
        try {
            return map.remove(id, expected); // identity or equals, as the contract says
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public final void forEach(Consumer<? super V> action) {
        Objects.requireNonNull(action, "action");
        Object[] snapshot;
        readLock.lock();
        try {
            snapshot = map.valuesToArray();
        } finally {
            readLock.unlock();
        }
        for (Object v : snapshot) {
            action.accept((V) v);
        }
    }

    @Override
    public final int size() {
        readLock.lock();
        try {
            return map.size();
        } finally {
            readLock.unlock();
        }
    }
}
