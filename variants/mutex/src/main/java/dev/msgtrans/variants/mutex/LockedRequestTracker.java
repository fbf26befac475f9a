package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.RequestTracker;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Lock;

/**
 * The lock-based {@link RequestTracker}: a {@link PendingRequests} table (a hash map; expiry scans it on the timer
 * tick, the lock-free tracker's algorithm) guarded by a writer lock for every change and a reader lock for
 * {@link #pending()}. {@link MutexRequestTracker} passes one {@link java.util.concurrent.locks.ReentrantLock} for
 * both roles; the rwlock variant passes the halves of a {@link java.util.concurrent.locks.ReentrantReadWriteLock}.
 * Why a scan rather than a deadline index: {@link PendingRequests}.
 * <p>
 * Threading contract: as {@link RequestTracker}. Completion, failure and expiry each remove their entries under the
 * writer lock, then complete the futures after releasing it, so dependent stages never run under the lock, and the
 * race is decided by who removed the entry: exactly one caller gets {@code true}. The message-id counter lives
 * under the writer lock too (one short acquisition; an {@code AtomicInteger} would do as well, the lock keeps the
 * variant to its one strategy).
 *
 * @param <T> response type
 */
public abstract class LockedRequestTracker<T> implements RequestTracker<T> {

    private final Lock readLock;
    private final Lock lock;
    private final PendingRequests<T> pending = new PendingRequests<>();
    private int lastId; // guarded by the writer lock

    protected LockedRequestTracker(Lock readLock, Lock writeLock) {
        this.readLock = Objects.requireNonNull(readLock, "readLock");
        this.lock = Objects.requireNonNull(writeLock, "writeLock");
    }

    @Override
    public final int nextMessageId() {
        lock.lock();
        try {
            int id = ++lastId;
            if (id == 0) {
                id = ++lastId; // u32 wrap-around: 0 means "none"
            }
            return id;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final CompletableFuture<T> register(long key, long deadlineNanos) {
        lock.lock();
        try {
            return pending.add(key, deadlineNanos);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final boolean complete(long key, T response) {
        CompletableFuture<T> f = take(key);
        if (f == null) {
            return false;
        }
        f.complete(response);
        return true;
    }

    @Override
    public final boolean fail(long key, Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        CompletableFuture<T> f = take(key);
        if (f == null) {
            return false;
        }
        f.completeExceptionally(cause);
        return true;
    }

    private CompletableFuture<T> take(long key) {
        lock.lock();
        try {
            return pending.remove(key);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final int expire(long nowNanos) {
        List<PendingRequests.Entry<T>> expired;
        lock.lock();
        try {
            expired = pending.removeExpired(nowNanos);
        } finally {
            lock.unlock();
        }
        if (expired == null) {
            return 0;
        }
        for (PendingRequests.Entry<T> e : expired) {
            e.future.completeExceptionally(PendingRequests.timeout(e, nowNanos));
        }
        return expired.size();
    }

    @Override
    public final int failAll(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        List<CompletableFuture<T>> all = new ArrayList<>();
        lock.lock();
        try {
            pending.removeAll(all);
        } finally {
            lock.unlock();
        }
        for (CompletableFuture<T> f : all) {
            f.completeExceptionally(cause);
        }
        return all.size();
    }

    @Override
    public final int pending() {
        readLock.lock();
        try {
            return pending.size();
        } finally {
            readLock.unlock();
        }
    }
}
