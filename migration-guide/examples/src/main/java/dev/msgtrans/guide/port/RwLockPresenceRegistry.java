package dev.msgtrans.guide.port;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Before the migration: the registry as most services first write it, a {@link HashMap} behind a
 * {@link ReentrantReadWriteLock} (readers share the read lock; joins and leaves take the write lock).
 * <p>
 * Threading contract: as {@link PresenceRegistry}; each method is one critical section, whose unlock/lock pair
 * gives the happens-before. {@link #forEach} copies the entries under the read lock and visits the copy after
 * releasing it, so a visitor that sends on the network (a broadcast) never holds the lock.
 */
public final class RwLockPresenceRegistry implements PresenceRegistry {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, String> users = new HashMap<>();

    // tag::before-join[]
    @Override
    public boolean join(long session, String user) {
        lock.writeLock().lock();
        try {
            // Check-then-act: correct only because the write lock covers both steps.
            if (users.containsKey(session)) {
                return false;
            }
            users.put(session, user);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }
    // end::before-join[]

    @Override
    public String leave(long session) {
        lock.writeLock().lock();
        try {
            return users.remove(session);
        } finally {
            lock.writeLock().unlock();
        }
    }

    // tag::before-conditional-leave[]
    @Override
    public boolean leave(long session, String user) {
        lock.writeLock().lock();
        try {
            return users.remove(session, user); // Map.remove(key, value) compares with equals
        } finally {
            lock.writeLock().unlock();
        }
    }
    // end::before-conditional-leave[]

    @Override
    public String userOf(long session) {
        lock.readLock().lock();
        try {
            return users.get(session);
        } finally {
            lock.readLock().unlock();
        }
    }

    // tag::before-online[]
    @Override
    public List<String> online() {
        lock.readLock().lock();
        try {
            return new ArrayList<>(new TreeSet<>(users.values())); // a true snapshot: writers wait meanwhile
        } finally {
            lock.readLock().unlock();
        }
    }
    // end::before-online[]

    @Override
    public void forEach(Visitor visitor) {
        List<Map.Entry<Long, String>> copy;
        lock.readLock().lock();
        try {
            copy = new ArrayList<>(users.size());
            for (Map.Entry<Long, String> e : users.entrySet()) {
                copy.add(Map.entry(e.getKey(), e.getValue()));
            }
        } finally {
            lock.readLock().unlock();
        }
        for (Map.Entry<Long, String> e : copy) {
            visitor.visit(e.getKey(), e.getValue());
        }
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return users.size();
        } finally {
            lock.readLock().unlock();
        }
    }
}
