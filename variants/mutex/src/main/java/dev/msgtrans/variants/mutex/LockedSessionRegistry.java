package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.SessionRegistry;

import java.util.HashMap;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;

/**
 * The lock-based {@link SessionRegistry}: a {@link HashMap} of boxed {@code Long} keys guarded by a reader lock for
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
 * Keys are boxed {@code Long}s: a primitive-long open-addressing map would save the box (one small allocation per
 * put, and per lookup of ids above 127 unless escape analysis removes it), but the plain JDK map is what the
 * original and most services use, so the comparison stays about the lock. Values may not be {@code null}.
 *
 * @param <V> the session type
 */
public abstract class LockedSessionRegistry<V> implements SessionRegistry<V> {

    private final Lock readLock;
    private final Lock writeLock;
    private final HashMap<Long, V> map;

    protected LockedSessionRegistry(Lock readLock, Lock writeLock, int expectedSize) {
        if (expectedSize < 0) {
            throw new IllegalArgumentException("expectedSize must be >= 0, was " + expectedSize);
        }
        this.readLock = Objects.requireNonNull(readLock, "readLock");
        this.writeLock = Objects.requireNonNull(writeLock, "writeLock");
        // Sized so that expectedSize mappings fit without a rehash at the default load factor.
        this.map = new HashMap<>((int) Math.min(1 << 30, (long) Math.ceil(expectedSize / 0.75)));
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
            // HashMap.remove(key, value) compares with equals, which also holds for the identical object.
            return map.remove(id, expected);
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
            snapshot = map.values().toArray();
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
