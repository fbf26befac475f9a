package dev.msgtrans.core.spi;

import java.util.function.Consumer;

/**
 * Phase 3.3: one connection's write queue. Any thread offers; the connection's I/O thread drains in batches and
 * writes them with one gathering write.
 * <p>
 * Threading contract: {@link #offerAndRequestFlush}, {@link #offer} and {@link #requestFlush()} from any thread;
 * {@link #drain} and {@link #flushDone()} only from the connection's I/O thread. Items offered by one thread are drained in that
 * order; each offered item is drained exactly once. Full is signalled by {@code offer} returning {@code false}
 * (the engine then applies its slow-peer policy and counts the drop).
 * <p>
 * Wake-up coalescing: a writer calls {@code requestFlush()} after a successful offer (or makes both steps one call,
 * {@link #offerAndRequestFlush}); only the call that moves the queue from idle to scheduled returns {@code true}
 * (or {@link Offer#WAKE}), and only that writer wakes the I/O thread. The I/O thread,
 * after draining, calls {@code flushDone()}, which returns the queue to idle unless items arrived meanwhile (then
 * it returns {@code false} and the I/O thread drains again). So no item is left queued with nobody scheduled,
 * and a burst of N offers costs one wake-up, not N.
 *
 * <pre>
 *   writer:    if (q.offerAndRequestFlush(x) == Offer.WAKE) wakeIoThread();
 *              // the same as: if (q.offer(x) &amp;&amp; q.requestFlush()) wakeIoThread();
 *   I/O thread: do { q.drain(batch::add, limit); write(batch); } while (!q.flushDone());
 * </pre>
 *
 * @param <T> item type (encoded frames)
 */
public interface OutboundQueue<T> {

    /** What {@link #offerAndRequestFlush} did. */
    enum Offer {
        /** Refused: the queue holds {@link #capacity()} items; nothing changed. */
        FULL,
        /** Queued; the I/O thread is already scheduled (or is draining) and will take it. */
        QUEUED,
        /** Queued, and the queue went from idle to scheduled: the caller must wake the I/O thread. */
        WAKE
    }

    /**
     * Any thread: {@link #offer} and, if it succeeded, {@link #requestFlush()}, as the writer protocol does for
     * every frame. Every implementation provides it (there is no default), because whether the two steps can share
     * one synchronisation is its strategy's business: a lock takes one acquisition for both, a lock-free queue
     * does exactly the two steps. Callers that queue several items and request one flush use the two methods.
     */
    Offer offerAndRequestFlush(T item);

    /** @return {@code false} when full */
    boolean offer(T item);

    /**
     * I/O thread only. May stop short at an offer still in progress on another thread (a claimed but unpublished
     * slot); the {@code drain}/{@link #flushDone()} loop is what guarantees that nothing is left behind.
     *
     * @return how many items were passed to {@code sink} (at most {@code limit})
     */
    int drain(Consumer<? super T> sink, int limit);

    /** @return {@code true} if the caller must wake the I/O thread (the queue went from idle to scheduled) */
    boolean requestFlush();

    /**
     * I/O thread only, after a drain.
     *
     * @return {@code true} if the I/O thread may stop: the queue is idle, or a writer has scheduled it again
     *         meanwhile (that writer wakes the I/O thread, and items may be queued); {@code false} if more is queued
     *         and the I/O thread must drain again. A caller that needs "empty" (the engine before it closes a
     *         drained session) checks {@link #size()} as well.
     */
    boolean flushDone();

    /** Approximate when called concurrently. */
    int size();

    int capacity();
}
