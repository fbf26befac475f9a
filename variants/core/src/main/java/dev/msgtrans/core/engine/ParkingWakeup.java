package dev.msgtrans.core.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A wake-up for one parking thread that cannot be lost to other code on that thread.
 * <p>
 * Why not a bare {@code park}/{@code unpark}: the permit is per thread, not per waiter. The in-memory loop's thread
 * also takes locks of the mutex components (the peer's mailbox, an {@code ArrayBlockingQueue} dispatch) while it
 * hands bytes over; when such a lock is contended the thread parks inside AQS, an {@code unpark} meant for the loop
 * wakes that park instead, and AQS parks again, so the permit is gone. The loop then parked with its needs-flush
 * flag still set, and no later writer woke it (their {@code requestFlush()} returned {@code false}). The pending
 * flag below is the wake-up itself; the permit only makes the sleeper look at it.
 *
 * <pre>
 *   waker:  publish work; if (!pending.getAndSet(true)) unpark(waiter)
 *   waiter: while (!pending.getAndSet(false)) park()      // then look at the work
 * </pre>
 *
 * Threading contract: {@link #wake()} from any thread; {@link #await()} only from the waiter thread. Everything a
 * waker wrote before {@code wake()} is visible to the waiter after the {@code await()} that consumed it.
 */
final class ParkingWakeup {

    private final Thread waiter;
    private final AtomicBoolean pending = new AtomicBoolean();

    ParkingWakeup(Thread waiter) {
        this.waiter = waiter;
    }

    /** Any thread. Coalesced: while a wake-up is pending, further calls cost one load and no system call. */
    void wake() {
        if (!pending.get() && !pending.getAndSet(true)) {
            LockSupport.unpark(waiter);
        }
    }

    /** Waiter thread: returns once a wake-up is pending (at once if one already is), and consumes it. */
    void await() {
        while (!pending.getAndSet(false)) {
            LockSupport.park(this); // spurious returns and stolen permits only cost another look at the flag
        }
    }
}
