package dev.msgtrans.variants.cow;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The original's "LockFreeHashMap": {@value #SHARDS} shards, each an immutable hash map behind an atomic reference.
 * A write copies the whole shard, changes the copy and compare-and-sets it in; a read looks up the shard map that is
 * current at that moment, without any lock or retry.
 * <p>
 * Threading contract: every method from any thread. A shard map is never mutated after it is published, and it is
 * published by a volatile compare-and-set, so a read that sees a write's map sees all of it (the write
 * happens-before the read). Writes are lock-free, not wait-free: a failed CAS means another write to the same shard
 * succeeded, and the loser copies again from the new map. Unlike the original, a write is never given up after a
 * number of failed attempts (the original silently dropped it after 100), so no write is ever lost.
 * {@link #forEach} and {@link #size} visit the shards one after another, each through one snapshot: weakly
 * consistent, never a {@code ConcurrentModificationException}.
 * <p>
 * Cost: a read is one volatile load plus a {@link HashMap} lookup. A write costs O(shard size), about
 * {@code size() / 16} entries copied and a fresh table allocated per write, and under contention every failed CAS
 * throws away one such copy. That is the point of keeping this structure: it is what the original shipped as its
 * "lock-free" map, and the workbench measures how its copy-per-write cost grows with the table and the writers,
 * against the locked and the concurrent maps, rather than assuming "lock-free" means fast.
 * <p>
 * Key representation: boxed {@code Long} keys in JDK {@link HashMap}s, as the original's shards held its ids,
 * where the mutex, rwlock and lockfree tables keep primitive {@code long} keys. So a cow comparison includes boxing:
 * a lookup of an id above 127 boxes it (unless escape analysis removes the box), and a write copies a node and a
 * box per entry of its shard. That is part of the original's design, which this variant reproduces; it is named
 * here and in {@code docs/fairness.md} rather than changed.
 *
 * @param <V> value type (keys are {@code long} session or actor ids)
 */
public final class CowShardedMap<V> {

    /** Shard count of the original. */
    public static final int SHARDS = 16;

    private static final int SHARD_BITS = 4;

    // Slots hold HashMaps that are never mutated after publication; an empty shard is an empty map, never null.
    private final AtomicReferenceArray<Map<Long, V>> shards = new AtomicReferenceArray<>(SHARDS);

    public CowShardedMap() {
        for (int i = 0; i < SHARDS; i++) {
            shards.set(i, Map.of());
        }
    }

    /** Shard of a key: Fibonacci hashing of the key's bits, so sequential ids spread over every shard. */
    static int shardOf(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - SHARD_BITS));
    }

    /** @return the value, or {@code null}; never blocks, never retries */
    public V get(long key) {
        return shards.get(shardOf(key)).get(key);
    }

    /** @return the previous value, or {@code null} */
    public V put(long key, V value) {
        int s = shardOf(key);
        for (;;) {
            Map<Long, V> cur = shards.get(s);
            HashMap<Long, V> next = copyOf(cur, 1);
            V prev = next.put(key, value);
            if (shards.compareAndSet(s, cur, next)) {
                return prev;
            }
            Thread.onSpinWait();
        }
    }

    /** @return the value already mapped (nothing is copied then), or {@code null} after adding {@code value} */
    public V putIfAbsent(long key, V value) {
        int s = shardOf(key);
        for (;;) {
            Map<Long, V> cur = shards.get(s);
            V existing = cur.get(key);
            if (existing != null) {
                return existing;
            }
            HashMap<Long, V> next = copyOf(cur, 1);
            next.put(key, value);
            if (shards.compareAndSet(s, cur, next)) {
                return null;
            }
            Thread.onSpinWait();
        }
    }

    /** @return the removed value, or {@code null} (then nothing is copied) */
    public V remove(long key) {
        int s = shardOf(key);
        for (;;) {
            Map<Long, V> cur = shards.get(s);
            if (!cur.containsKey(key)) {
                return null;
            }
            HashMap<Long, V> next = copyOf(cur, 0);
            V prev = next.remove(key);
            if (shards.compareAndSet(s, cur, next)) {
                return prev;
            }
            Thread.onSpinWait();
        }
    }

    /** Removes {@code key} only while it maps to {@code expected} (same object or equal). */
    public boolean remove(long key, V expected) {
        int s = shardOf(key);
        for (;;) {
            Map<Long, V> cur = shards.get(s);
            V v = cur.get(key);
            if (v == null || (v != expected && !v.equals(expected))) {
                return false;
            }
            HashMap<Long, V> next = copyOf(cur, 0);
            next.remove(key);
            if (shards.compareAndSet(s, cur, next)) {
                return true;
            }
            Thread.onSpinWait();
        }
    }

    /** Calls {@code action} for every value of each shard's snapshot, shard after shard; weakly consistent. */
    public void forEach(Consumer<? super V> action) {
        for (int i = 0; i < SHARDS; i++) {
            shards.get(i).values().forEach(action);
        }
    }

    /** Calls {@code action} for every mapping of each shard's snapshot; weakly consistent. */
    public void forEachEntry(EntryVisitor<? super V> action) {
        for (int i = 0; i < SHARDS; i++) {
            for (Map.Entry<Long, V> e : shards.get(i).entrySet()) {
                action.visit(e.getKey(), e.getValue());
            }
        }
    }

    /** Sum of the shard snapshots' sizes; exact only when no write runs meanwhile. */
    public int size() {
        int n = 0;
        for (int i = 0; i < SHARDS; i++) {
            n += shards.get(i).size();
        }
        return n;
    }

    /** A mapping as seen by {@link #forEachEntry}, without boxing the key for the caller. */
    @FunctionalInterface
    public interface EntryVisitor<V> {
        void visit(long key, V value);
    }

    // The whole-shard copy that makes every write O(shard size); sized so that it never rehashes while filled.
    private static <V> HashMap<Long, V> copyOf(Map<Long, V> cur, int extra) {
        HashMap<Long, V> next = new HashMap<>(Math.max(16, (int) ((cur.size() + extra) / 0.75f) + 1));
        next.putAll(cur);
        return next;
    }
}
