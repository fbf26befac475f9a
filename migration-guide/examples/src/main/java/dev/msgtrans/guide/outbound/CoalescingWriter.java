package dev.msgtrans.guide.outbound;

import dev.msgtrans.core.spi.OutboundQueue;
import dev.msgtrans.core.spi.Variant;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One connection's write path for a service that owns its I/O loop, built on the transport's
 * {@link OutboundQueue} component so that the same code runs on the {@code mutex} or the {@code lockfree} queue.
 * <p>
 * Threading contract: {@link #write} from any thread; {@link #flush} only from the connection's one I/O thread,
 * after it was woken. The queue's wake-up coalescing decides who wakes the I/O thread: only the write that moves the
 * queue from idle to scheduled, so a burst of N writes costs one wake-up; and the I/O thread's
 * {@code flushDone()} re-check guarantees no frame is left queued with nobody scheduled.
 *
 * @param <T> frame type
 */
public final class CoalescingWriter<T> {

    private final OutboundQueue<T> queue;
    private final Runnable wakeIoThread;
    private final LongAdder wakeups = new LongAdder();

    /**
     * @param variant      the strategy of the queue (phase 3.3's variant)
     * @param capacity     frames queued at most; a write beyond is refused
     * @param wakeIoThread how to wake the I/O thread (a selector's {@code wakeup()}, a semaphore release)
     */
    public CoalescingWriter(Variant variant, int capacity, Runnable wakeIoThread) {
        this.queue = variant.newOutboundQueue(capacity);
        this.wakeIoThread = wakeIoThread;
    }

    // tag::writer-side[]
    /** Any thread. @return {@code false} if the queue is full: apply your slow-peer policy */
    public boolean write(T frame) {
        OutboundQueue.Offer offered = queue.offerAndRequestFlush(frame); // offer, then requestFlush, in one call
        if (offered == OutboundQueue.Offer.FULL) {
            return false;
        }
        if (offered == OutboundQueue.Offer.WAKE) { // only for the idle -> scheduled transition
            wakeups.increment();
            wakeIoThread.run();
        }
        return true;
    }
    // end::writer-side[]

    // tag::io-side[]
    /** I/O thread only, once woken. @return frames passed to {@code sink} */
    public int flush(Consumer<? super T> sink, int batch) {
        int written = 0;
        do {
            written += queue.drain(sink, batch); // a real loop hands the batch to one gathering write
        } while (!queue.flushDone());            // false: frames arrived meanwhile, drain again
        return written;
    }
    // end::io-side[]

    /** Writes that woke the I/O thread. */
    public long wakeups() {
        return wakeups.sum();
    }
}
