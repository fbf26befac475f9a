package dev.msgtrans.variants.lockfree;

import dev.msgtrans.core.spi.ConnectionPool;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpmcArrayQueue;

/**
 * {@link ConnectionPool} without locks: idle connections in a free list (a JCTools {@link MpmcArrayQueue} for FIFO
 * reuse, a {@link BoundedTreiberStack} for LIFO reuse), the number of connections in an {@link AtomicInteger}, and on every pooled connection an ownership word
 * {@code generation << 1 | inUse} changed only by CAS.
 * <p>
 * Ownership: polling the free list hands an entry to exactly one thread; that thread marks it in use and returns a
 * new {@link Lease} carrying the entry and its generation. {@link #release} and {@link #discard} CAS the word from
 * {@code gen << 1 | 1} to {@code (gen + 1) << 1}; a second release of the same lease, a release of a lease from an
 * earlier acquisition, or a lease of another pool fails and throws {@link IllegalStateException}, changing nothing.
 * (The original pool had no such check, so a double release put one connection in the free list twice and handed
 * it to two callers.)
 * <p>
 * Growth: a caller that finds the free list empty reserves a slot by CAS on the total (below {@link #maxSize()}),
 * then calls {@link Factory#create()} outside anything shared; if creation fails the slot is given back.
 * Waiting: when the free list is empty and the pool is at its maximum, the caller enqueues its thread in a
 * {@link ConcurrentLinkedQueue}, re-checks the free list (an entry released before the enqueue is seen now, so no
 * wake-up is lost), then parks up to its deadline; every release, discard, eviction or failed creation unparks the
 * longest waiter, which polls again. A waiter that was unparked but leaves without using the wake-up (it got a
 * connection otherwise, timed out, or was interrupted) passes it on. On timeout, {@link TimeoutException} names
 * the pool's size and the time waited.
 * <p>
 * Reuse order: the {@link ConnectionPool.Reuse} given at construction (FIFO by default), honoured as every variant's
 * pool honours it. FIFO: the free list is an MPMC ring, one CAS per offer and per poll. LIFO: the free list is the
 * variant's bounded Treiber stack (the buffer pool's too), exactly {@code maxSize} preallocated nodes, so a release
 * allocates nothing, and tagged tops, so no ABA; two CASes per offer and per poll. The free list is chosen once;
 * the hot path tests one final field to reach it.
 * <p>
 * Eviction: each release stamps the entry. FIFO: the longest idle entries are at the head of the free list, and
 * {@link #evictIdle} peeks at the head and polls it while it is older than the limit; a young head stays in place.
 * Peek-then-poll is not atomic: when an acquire takes the peeked entry first, the sweep polls the next one, and if
 * that one is young it goes back to the tail (only then does eviction reorder the free list). LIFO: the longest
 * idle entries are at the bottom of the stack, so the sweep pops every entry that was idle when it started,
 * destroys the old ones and pushes the young ones back, oldest first, so that they keep their order (a release that
 * races the sweep may end up below them). While the sweep holds entries, a concurrent acquire may create a
 * connection or wait instead. Under a steady light load FIFO reuse touches every connection in turn, so idle
 * eviction only trims a pool that has gone quiet; LIFO reuse leaves the connections the load does not need at the
 * bottom, where eviction finds them.
 * <p>
 * Close: idle connections are destroyed at once, leased ones when released or discarded; further acquires throw
 * {@link IllegalStateException}; waiters are woken and throw it too.
 * <p>
 * Progress: acquire (when a connection is idle or a slot is free), release and discard are lock-free; acquire
 * blocks only by parking while the pool is exhausted. Exceptions from {@link Factory#destroy} are swallowed: the
 * connection has left the pool either way.
 * <p>
 * Cost per acquire + release, kept to what the design needs (FIFO; LIFO adds one CAS on each side): one CAS on
 * the free list's consumer index, one on the entry's ownership word, one on the free list's producer index, the lease object the contract asks for, and
 * the release time stamp that eviction reads. Nothing else shared is written: {@link #inUse()} is derived as
 * {@code total() - available()} (as the mutex pool does under its lock) instead of being counted on every
 * acquire and release, so {@code total() == available() + inUse()} holds at every quiescent moment by
 * construction, and during concurrent calls the gauge is a snapshot that may be off by the operations in flight.
 * Each entry's ownership word sits on its own cache lines ({@link PaddedInt}-style padding): entries are created
 * one after another and would otherwise share lines, so two threads owning neighbouring connections would
 * invalidate each other's word on every CAS.
 *
 * @param <C> connection type
 */
public final class LockFreeConnectionPool<C> implements ConnectionPool<C> {

    private final Factory<C> factory;
    private final int maxSize;
    /** The free list when FIFO, else null. */
    private final MpmcArrayQueue<Entry<C>> fifo;
    /** The free list when LIFO, else null. */
    private final BoundedTreiberStack<Entry<C>> lifo;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentLinkedQueue<Thread> waiters = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** A FIFO pool. */
    public LockFreeConnectionPool(Factory<C> factory, int maxSize) {
        this(factory, maxSize, Reuse.FIFO);
    }

    public LockFreeConnectionPool(Factory<C> factory, int maxSize, Reuse reuse) {
        if (factory == null) {
            throw new NullPointerException("factory");
        }
        if (reuse == null) {
            throw new NullPointerException("reuse");
        }
        if (maxSize < 1) {
            throw new IllegalArgumentException("pool max size must be at least 1, got " + maxSize);
        }
        this.factory = factory;
        this.maxSize = maxSize;
        // Never fills: at most maxSize entries exist.
        this.fifo = reuse == Reuse.FIFO ? new MpmcArrayQueue<>(Math.max(2, maxSize)) : null;
        this.lifo = reuse == Reuse.LIFO ? new BoundedTreiberStack<>(maxSize) : null;
    }

    private Entry<C> pollIdle() {
        return fifo != null ? fifo.poll() : lifo.poll();
    }

    private boolean offerIdle(Entry<C> e) {
        return fifo != null ? fifo.offer(e) : lifo.offer(e);
    }

    private int idleSize() {
        return fifo != null ? fifo.size() : lifo.size();
    }

    @Override
    public Lease<C> acquire(long timeout, TimeUnit unit) throws IOException, InterruptedException, TimeoutException {
        long start = System.nanoTime();
        long deadline = start + unit.toNanos(timeout);
        Thread me = Thread.currentThread();
        boolean woken = false; // we consumed a wake-up meant for "something was freed"
        for (;;) {
            Lease<C> l;
            try {
                l = tryAcquire();
            } catch (IOException | RuntimeException e) {
                passOn(woken);
                throw e;
            }
            if (l != null) {
                return l;
            }
            if (Thread.interrupted()) {
                passOn(woken);
                throw new InterruptedException("interrupted while waiting for a pooled connection");
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                passOn(woken);
                throw new TimeoutException("no connection within " + unit.toMillis(timeout) + " ms (waited "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms): pool at its maximum of "
                        + maxSize + " connections, " + inUse() + " in use");
            }
            waiters.offer(me);
            try {
                l = tryAcquire(); // re-check after enqueueing: a release that missed us is visible now
            } catch (IOException | RuntimeException e) {
                passOn(!waiters.remove(me));
                throw e;
            }
            if (l == null) {
                LockSupport.parkNanos(this, remaining);
            }
            woken = !waiters.remove(me); // not there any more: a releaser dequeued us to wake us
            if (l != null) {
                passOn(woken); // we were served by the re-check, so the wake-up is someone else's
                return l;
            }
        }
    }

    /** @return a lease, or {@code null} when the pool is exhausted */
    private Lease<C> tryAcquire() throws IOException {
        if (closed) {
            throw new IllegalStateException("connection pool is closed");
        }
        Entry<C> e = pollIdle();
        if (e != null) {
            // Only the poller can own a polled entry, so a store suffices (a stale lease's CAS expects an older
            // generation and fails against either value); release ordering publishes it with the lease.
            long gen = e.lvState() >>> 1;
            e.srState(gen << 1 | 1);
            if (closed) { // close drained the free list while we held this entry: it is ours to destroy
                e.srState((gen + 1) << 1);
                destroy(e);
                throw new IllegalStateException("connection pool was closed");
            }
            return new PooledLease<>(e, gen);
        }
        if (!reserveSlot()) {
            return null;
        }
        C c;
        try {
            c = factory.create();
        } catch (IOException | RuntimeException | Error ex) {
            total.decrementAndGet();
            signalWaiter(); // the slot is free again
            throw ex;
        }
        if (c == null) {
            total.decrementAndGet();
            signalWaiter();
            throw new IllegalStateException("connection factory returned null");
        }
        Entry<C> created = new Entry<>(this, c);
        if (closed) {
            created.srState(2);
            destroy(created);
            throw new IllegalStateException("connection pool was closed while a connection was being created");
        }
        return new PooledLease<>(created, 0);
    }

    private boolean reserveSlot() {
        for (;;) {
            int t = total.get();
            if (t >= maxSize) {
                return false;
            }
            if (total.compareAndSet(t, t + 1)) {
                return true;
            }
        }
    }

    @Override
    public void release(Lease<C> lease) {
        Entry<C> e = takeBack(lease, "release");
        e.releasedAtNanos = System.nanoTime();
        if (closed) {
            destroy(e);
            return;
        }
        returnToIdle(e);
    }

    @Override
    public void discard(Lease<C> lease) {
        Entry<C> e = takeBack(lease, "discard");
        destroy(e);
        signalWaiter(); // a slot is free
    }

    /** Ends a lease: the ownership CAS succeeds once per acquisition. */
    private Entry<C> takeBack(Lease<C> lease, String what) {
        if (lease == null) {
            throw new NullPointerException("lease");
        }
        if (!(lease instanceof PooledLease) || ((PooledLease<?>) lease).entry.pool != this) {
            throw new IllegalStateException("cannot " + what + " a lease of another pool");
        }
        @SuppressWarnings("unchecked")
        PooledLease<C> l = (PooledLease<C>) lease;
        long gen = l.generation;
        if (!l.entry.casState(gen << 1 | 1, (gen + 1) << 1)) {
            throw new IllegalStateException("cannot " + what + " a lease twice: this lease (acquisition #" + gen
                    + " of its connection) was already released or discarded");
        }
        return l.entry;
    }

    private void returnToIdle(Entry<C> e) {
        if (!offerIdle(e)) {
            throw new IllegalStateException("free list full: more entries than the pool's maximum (a pool bug)");
        }
        if (closed) {
            destroyIdle(); // close raced us and may have drained before our offer
        }
        signalWaiter();
    }

    private void signalWaiter() {
        Thread t = waiters.poll();
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void passOn(boolean woken) {
        if (woken) {
            signalWaiter();
        }
    }

    @Override
    public int evictIdle(long idleNanos) {
        return fifo != null ? evictFifo(idleNanos) : evictLifo(idleNanos);
    }

    /** The oldest entries are at the head: evict from there while they are old. */
    private int evictFifo(long idleNanos) {
        long now = System.nanoTime();
        int evicted = 0;
        for (int n = fifo.size(); n > 0; n--) {
            // Peek first, so that a young head stays where it is. The peeked entry is not ours: its stamp is a hint
            // (another thread may take and re-release it meanwhile), checked again on the entry we then poll.
            Entry<C> head = fifo.peek();
            if (head == null || now - head.releasedAtNanos <= idleNanos) {
                break; // FIFO by release time: the rest are younger
            }
            Entry<C> e = fifo.poll();
            if (e == null) {
                break;
            }
            if (now - e.releasedAtNanos > idleNanos) {
                destroy(e);
                evicted++;
                signalWaiter(); // a slot is free
            } else {
                returnToIdle(e); // an acquire took the old head between peek and poll: this young one goes back
                break;
            }
        }
        return evicted;
    }

    /** The oldest entries are at the bottom: take every idle one, keep the young ones in their order. */
    private int evictLifo(long idleNanos) {
        long now = System.nanoTime();
        @SuppressWarnings("unchecked")
        Entry<C>[] young = new Entry[lifo.size()];
        int kept = 0;
        int evicted = 0;
        for (int n = young.length; n > 0; n--) {
            Entry<C> e = lifo.poll(); // youngest first
            if (e == null) {
                break;
            }
            if (now - e.releasedAtNanos > idleNanos) {
                destroy(e);
                evicted++;
                signalWaiter(); // a slot is free
            } else {
                young[kept++] = e;
            }
        }
        while (kept > 0) {
            returnToIdle(young[--kept]); // oldest first, so the youngest ends on top again
        }
        return evicted;
    }

    @Override
    public int available() {
        return idleSize();
    }

    /** {@code total() - available()}, clamped to {@code [0, total()]}: exact when no call is in flight. */
    @Override
    public int inUse() {
        int t = total.get();
        return Math.max(0, Math.min(t, t - idleSize()));
    }

    @Override
    public int total() {
        return total.get();
    }

    @Override
    public int maxSize() {
        return maxSize;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        destroyIdle();
        Thread t;
        while ((t = waiters.poll()) != null) {
            LockSupport.unpark(t); // they re-check, see the flag and throw
        }
    }

    private void destroyIdle() {
        Entry<C> e;
        while ((e = pollIdle()) != null) {
            destroy(e);
        }
    }

    /** The caller owns {@code e} (polled it, or ended its lease); frees its slot. */
    private void destroy(Entry<C> e) {
        total.decrementAndGet();
        try {
            factory.destroy(e.connection);
        } catch (RuntimeException ignored) {
            // the connection has left the pool either way
        }
    }

    /** Padding before an entry's ownership word (see {@link PaddedInt} for why bytes, and why 128). */
    private abstract static class EntryPad0 {
        byte p000, p001, p002, p003, p004, p005, p006, p007;
        byte p010, p011, p012, p013, p014, p015, p016, p017;
        byte p020, p021, p022, p023, p024, p025, p026, p027;
        byte p030, p031, p032, p033, p034, p035, p036, p037;
        byte p040, p041, p042, p043, p044, p045, p046, p047;
        byte p050, p051, p052, p053, p054, p055, p056, p057;
        byte p060, p061, p062, p063, p064, p065, p066, p067;
        byte p070, p071, p072, p073, p074, p075, p076, p077;
        byte p080, p081, p082, p083, p084, p085, p086, p087;
        byte p090, p091, p092, p093, p094, p095, p096, p097;
        byte p100, p101, p102, p103, p104, p105, p106, p107;
        byte p110, p111, p112, p113, p114, p115, p116, p117;
        byte p120, p121, p122, p123, p124, p125, p126, p127;
        byte p130, p131, p132, p133, p134, p135, p136, p137;
        byte p140, p141, p142, p143, p144, p145, p146, p147;
        byte p150, p151, p152, p153, p154, p155, p156, p157;
    }

    /** The ownership word, between the two paddings. */
    private abstract static class EntryState extends EntryPad0 {
        static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(EntryState.class, "state", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** {@code generation << 1 | inUse}; a new entry starts in use, generation 0. */
        volatile long state = 1;
    }

    /** Padding after the ownership word, keeping the entry's other fields (and the next object) off its lines. */
    private abstract static class EntryPad1 extends EntryState {
        byte q000, q001, q002, q003, q004, q005, q006, q007;
        byte q010, q011, q012, q013, q014, q015, q016, q017;
        byte q020, q021, q022, q023, q024, q025, q026, q027;
        byte q030, q031, q032, q033, q034, q035, q036, q037;
        byte q040, q041, q042, q043, q044, q045, q046, q047;
        byte q050, q051, q052, q053, q054, q055, q056, q057;
        byte q060, q061, q062, q063, q064, q065, q066, q067;
        byte q070, q071, q072, q073, q074, q075, q076, q077;
        byte q080, q081, q082, q083, q084, q085, q086, q087;
        byte q090, q091, q092, q093, q094, q095, q096, q097;
        byte q100, q101, q102, q103, q104, q105, q106, q107;
        byte q110, q111, q112, q113, q114, q115, q116, q117;
        byte q120, q121, q122, q123, q124, q125, q126, q127;
        byte q130, q131, q132, q133, q134, q135, q136, q137;
        byte q140, q141, q142, q143, q144, q145, q146, q147;
        byte q150, q151, q152, q153, q154, q155, q156, q157;
    }

    /** A pooled connection and its ownership word. */
    private static final class Entry<C> extends EntryPad1 {
        final LockFreeConnectionPool<C> pool;
        final C connection;
        /** Written by the releasing owner before the entry is offered; the offer publishes it. */
        long releasedAtNanos;

        Entry(LockFreeConnectionPool<C> pool, C connection) {
            this.pool = pool;
            this.connection = connection;
        }

        long lvState() {
            return state;
        }

        /** Release store: the owner's own writes before it are visible to whoever sees the new value. */
        void srState(long s) {
            STATE.setRelease(this, s);
        }

        boolean casState(long expect, long update) {
            return STATE.compareAndSet(this, expect, update);
        }
    }

    /** One acquisition: the entry and the generation it was acquired at. */
    private static final class PooledLease<C> implements Lease<C> {
        final Entry<C> entry;
        final long generation;

        PooledLease(Entry<C> entry, long generation) {
            this.entry = entry;
            this.generation = generation;
        }

        @Override
        public C connection() {
            return entry.connection;
        }

        @Override
        public String toString() {
            return "Lease[" + entry.connection + ", acquisition #" + generation + "]";
        }
    }
}
