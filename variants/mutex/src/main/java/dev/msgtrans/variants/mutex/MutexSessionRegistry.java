package dev.msgtrans.variants.mutex;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Phase 1, mutex strategy: a {@link LongOpenHashMap} with primitive {@code long} keys behind one non-fair
 * {@link ReentrantLock} that readers and writers share; {@code forEach} runs on a snapshot copied under the lock
 * (structure, boxing choice and threading contract: {@link LockedSessionRegistry}).
 *
 * @param <V> the session type
 */
public final class MutexSessionRegistry<V> extends LockedSessionRegistry<V> {

    public MutexSessionRegistry(int expectedSize) {
        this(new ReentrantLock(), expectedSize);
    }

    private MutexSessionRegistry(ReentrantLock lock, int expectedSize) {
        super(lock, lock, expectedSize);
    }
}
