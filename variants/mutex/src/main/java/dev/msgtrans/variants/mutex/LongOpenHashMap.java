package dev.msgtrans.variants.mutex;

import java.util.ConcurrentModificationException;
import java.util.Objects;

/**
 * A hash map from primitive {@code long} keys to non-null values: open addressing with linear probing in two
 * parallel arrays, Fibonacci hashing of the key, and backward-shift deletion (no tombstones). The table a lock-based
 * component keeps under its lock, so that it holds its ids the way the lock-free variant's
 * {@code NonBlockingHashMapLong} does (no {@code Long} box per insert or per lookup of an id above 127, no node per
 * entry) and a comparison of the two measures the synchronisation, not the key representation.
 * <p>
 * Threading contract: not thread-safe; the owner guards every call with its lock. Methods that only read
 * ({@link #get}, {@link #size}, {@link #forEach}, {@link #valuesToArray}) change nothing, so a read-write lock's
 * readers may run them concurrently.
 * <p>
 * Why these choices: session, actor and request ids grow (a counter, sometimes with a session in the high bits), so
 * every key is inserted once and removed once. A removal that left a tombstone would fill the table with dead keys
 * that only a rehash reclaims; backward-shift deletion moves the rest of the probe run back instead, so the table
 * holds exactly the live entries, whatever the churn. Fibonacci hashing spreads consecutive ids over the table.
 * The table is kept at most half full (short probe runs) and, like {@link java.util.HashMap} and
 * {@code NonBlockingHashMapLong}, never shrinks after a peak. An empty slot is a {@code null} value, so every
 * {@code long}, 0 included, is a valid key.
 *
 * @param <V> value type
 */
public final class LongOpenHashMap<V> {

    /** Receives one mapping of {@link #forEach}. */
    @FunctionalInterface
    public interface EntryConsumer<V> {
        void accept(long key, V value);
    }

    private static final int MIN_CAPACITY = 8;
    private static final int MAX_CAPACITY = 1 << 30;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long[] keys;
    private Object[] values;
    private int mask;
    private int shift;
    private int resizeAt;
    private int size;
    private int modCount;

    public LongOpenHashMap() {
        this(0);
    }

    /** @param expectedSize mappings that fit without a resize */
    public LongOpenHashMap(int expectedSize) {
        if (expectedSize < 0) {
            throw new IllegalArgumentException("expectedSize must be >= 0, was " + expectedSize);
        }
        allocate(capacityFor(expectedSize));
    }

    /** The smallest power of two that keeps {@code n} mappings at most half full. */
    static int capacityFor(int n) {
        long wanted = Math.max(MIN_CAPACITY, 2L * n);
        if (wanted > MAX_CAPACITY) {
            return MAX_CAPACITY;
        }
        return Integer.highestOneBit((int) wanted - 1) << 1;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        // Half full, except at the largest table, which may fill up to one free slot (a probe must end somewhere).
        resizeAt = capacity == MAX_CAPACITY ? capacity - 1 : capacity / 2;
    }

    private int home(long key) {
        return (int) ((key * GOLDEN) >>> shift);
    }

    /** @return the slot holding {@code key}, or {@code -1} */
    private int find(long key) {
        Object[] vs = values;
        long[] ks = keys;
        for (int i = home(key); ; i = (i + 1) & mask) {
            if (vs[i] == null) {
                return -1;
            }
            if (ks[i] == key) {
                return i;
            }
        }
    }

    /** @return the value mapped to {@code key}, or {@code null} */
    @SuppressWarnings("unchecked")
    public V get(long key) {
        int i = find(key);
        return i < 0 ? null : (V) values[i];
    }

    public boolean containsKey(long key) {
        return find(key) >= 0;
    }

    /** @return the previous value, or {@code null} */
    public V put(long key, V value) {
        return insert(key, value, true);
    }

    /** @return the value already mapped (nothing changes then), or {@code null} after adding {@code value} */
    public V putIfAbsent(long key, V value) {
        return insert(key, value, false);
    }

    @SuppressWarnings("unchecked")
    private V insert(long key, V value, boolean replace) {
        Objects.requireNonNull(value, "value");
        Object[] vs = values;
        long[] ks = keys;
        int i = home(key);
        for (; vs[i] != null; i = (i + 1) & mask) {
            if (ks[i] == key) {
                V old = (V) vs[i];
                if (replace) {
                    vs[i] = value;
                }
                return old;
            }
        }
        if (size == resizeAt) {
            if (keys.length == MAX_CAPACITY) {
                throw new IllegalStateException("map full: " + size + " mappings");
            }
            rehash(keys.length << 1);
            return insert(key, value, replace); // one level deep: the new table has room
        }
        ks[i] = key;
        vs[i] = value;
        size++;
        modCount++;
        return null;
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        allocate(capacity);
        for (int j = 0; j < oldValues.length; j++) {
            Object v = oldValues[j];
            if (v != null) {
                int i = home(oldKeys[j]);
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = v;
            }
        }
        modCount++;
    }

    /** @return the removed value, or {@code null} */
    @SuppressWarnings("unchecked")
    public V remove(long key) {
        int i = find(key);
        if (i < 0) {
            return null;
        }
        V old = (V) values[i];
        removeAt(i);
        return old;
    }

    /**
     * Removes {@code key} only while it maps to {@code expected} (the same object, or one
     * {@code expected.equals}, as {@link java.util.HashMap#remove(Object, Object)} compares).
     */
    public boolean remove(long key, Object expected) {
        int i = find(key);
        if (i < 0 || expected == null) {
            return false;
        }
        Object v = values[i];
        if (v != expected && !expected.equals(v)) {
            return false;
        }
        removeAt(i);
        return true;
    }

    /**
     * Empties slot {@code gap} and moves back every later entry of the probe run that may live there (its home
     * slot is cyclically at or before the gap), so that no lookup ever has to step over a hole (Knuth's
     * algorithm R for linear probing).
     */
    private void removeAt(int gap) {
        Object[] vs = values;
        long[] ks = keys;
        for (int j = (gap + 1) & mask; vs[j] != null; j = (j + 1) & mask) {
            int h = home(ks[j]);
            if (((j - h) & mask) >= ((j - gap) & mask)) {
                ks[gap] = ks[j];
                vs[gap] = vs[j];
                gap = j;
            }
        }
        vs[gap] = null;
        ks[gap] = 0;
        size--;
        modCount++;
    }

    /** Removes every mapping; the table keeps its capacity. */
    public void clear() {
        java.util.Arrays.fill(values, null);
        java.util.Arrays.fill(keys, 0);
        size = 0;
        modCount++;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Slots in the table (a power of two), for tests of the sizing. */
    int capacity() {
        return keys.length;
    }

    /**
     * Calls {@code action} for every mapping, in table order.
     *
     * @throws ConcurrentModificationException if {@code action} changes the map (the iteration would then skip or
     *                                         repeat moved entries)
     */
    @SuppressWarnings("unchecked")
    public void forEach(EntryConsumer<? super V> action) {
        Objects.requireNonNull(action, "action");
        int expected = modCount;
        Object[] vs = values;
        long[] ks = keys;
        for (int i = 0; i < vs.length; i++) {
            Object v = vs[i];
            if (v != null) {
                action.accept(ks[i], (V) v);
                if (modCount != expected) {
                    throw new ConcurrentModificationException("map changed during forEach");
                }
            }
        }
    }

    /** @return the values, in table order, in a new array of length {@link #size()} */
    public Object[] valuesToArray() {
        Object[] out = new Object[size];
        int n = 0;
        for (Object v : values) {
            if (v != null) {
                out[n++] = v;
            }
        }
        return out;
    }
}
