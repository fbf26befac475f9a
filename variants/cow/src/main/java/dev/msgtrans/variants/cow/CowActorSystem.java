package dev.msgtrans.variants.cow;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.Dispatch;
import org.jctools.queues.MpscArrayQueue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Phase 2 as the original built it: the actor table in a {@link CowShardedMap} (spawn and stop copy one shard,
 * {@code tell} looks the actor up without locking). Each actor is a JCTools {@link MpscArrayQueue} mailbox plus an
 * atomic scheduling flag; the actor system is not what the cow variant measures, only its table is.
 * <p>
 * Threading contract: that of {@link ActorSystem}; every method from any thread. The flag is the actor's run
 * permit: whoever moves it from {@code false} to {@code true} submits one run to the {@link Dispatch}, so at most one
 * run of an actor is queued or running, and the run is the mailbox's single consumer. A run ends by clearing the
 * flag and then re-checking the mailbox and the stop request; a producer offers and then tries the flag. Both sides
 * write, then read the other's state, so either the producer wins the flag or the run sees the message: nothing is
 * left queued with no run scheduled. The flag's volatile write and CAS order one run's effects before the next.
 * <p>
 * Mailbox bound: JCTools rounds the capacity up to a power of two (at least 2), so an actor accepts up to that many
 * queued messages.
 *
 * @param <M> message type
 */
public final class CowActorSystem<M> implements ActorSystem<M> {

    /** Messages one run handles before it yields the worker: the original pipeline's batch of 32. */
    static final int BATCH = 32;

    private final CowShardedMap<Actor<M>> table = new CowShardedMap<>();
    private final Dispatch dispatch;
    private final int mailboxCapacity;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private volatile boolean closed;

    public CowActorSystem(Dispatch dispatch, int mailboxCapacity) {
        if (mailboxCapacity <= 0) {
            throw new IllegalArgumentException("mailboxCapacity must be positive, was " + mailboxCapacity);
        }
        this.dispatch = dispatch;
        this.mailboxCapacity = Math.max(2, mailboxCapacity);
    }

    @Override
    public boolean spawn(long id, Behavior<M> behavior) {
        if (closed) {
            return false;
        }
        Actor<M> actor = new Actor<>(this, id, behavior);
        if (table.putIfAbsent(id, actor) != null) {
            return false;
        }
        // A spawn racing close() may land after close swept the table: undo it, close wins.
        if (closed && table.remove(id, actor)) {
            actor.requestStop();
            return false;
        }
        return true;
    }

    @Override
    public Delivery tell(long id, M message) {
        if (closed) {
            return Delivery.CLOSED;
        }
        Actor<M> actor = table.get(id);
        if (actor == null) {
            return Delivery.NO_SUCH_ACTOR;
        }
        return actor.tell(message);
    }

    @Override
    public int broadcast(M message) {
        if (closed) {
            return 0;
        }
        int[] accepted = {0};
        table.forEach(actor -> {
            if (actor.tell(message) == Delivery.ACCEPTED) {
                accepted[0]++;
            }
        });
        return accepted[0];
    }

    @Override
    public boolean stop(long id) {
        Actor<M> actor = table.remove(id);
        if (actor == null) {
            return false;
        }
        actor.requestStop();
        return true;
    }

    @Override
    public int size() {
        return table.size();
    }

    @Override
    public long dropped() {
        return dropped.sum();
    }

    @Override
    public long processed() {
        return processed.sum();
    }

    @Override
    public void close() {
        closed = true;
        table.forEachEntry((id, actor) -> {
            if (table.remove(id, actor)) {
                actor.requestStop();
            }
        });
    }

    /** One actor: mailbox, run permit, stop request. Its run is the mailbox's only consumer. */
    private static final class Actor<M> extends AtomicBoolean implements Runnable {

        private final CowActorSystem<M> system;
        private final long id;
        private final Behavior<M> behavior;
        private final MpscArrayQueue<M> mailbox;
        private volatile boolean stopRequested;
        // Read and written only by the run holding the permit.
        private boolean stopped;

        Actor(CowActorSystem<M> system, long id, Behavior<M> behavior) {
            this.system = system;
            this.id = id;
            this.behavior = behavior;
            this.mailbox = new MpscArrayQueue<>(system.mailboxCapacity);
        }

        Delivery tell(M message) {
            if (!mailbox.offer(message)) {
                system.dropped.increment();
                return Delivery.MAILBOX_FULL;
            }
            schedule();
            return Delivery.ACCEPTED;
        }

        void requestStop() {
            stopRequested = true;
            schedule();
        }

        private void schedule() {
            if (compareAndSet(false, true)) {
                system.dispatch.execute(this);
            }
        }

        @Override
        public void run() {
            try {
                if (!stopped) {
                    M m;
                    for (int n = 0; n < BATCH && !stopRequested && (m = mailbox.poll()) != null; n++) {
                        try {
                            behavior.onMessage(id, m);
                        } catch (RuntimeException e) {
                            // One bad message must not kill the actor or the worker; report it like an uncaught one.
                            Thread t = Thread.currentThread();
                            t.getUncaughtExceptionHandler().uncaughtException(t, e);
                        } finally {
                            system.processed.increment();
                        }
                    }
                }
                if (stopRequested) {
                    // Tells that looked the actor up before stop removed it may still land here: count them too.
                    while (mailbox.poll() != null) {
                        system.dropped.increment();
                    }
                    if (!stopped) {
                        stopped = true;
                        behavior.onStop(id);
                    }
                }
            } finally {
                set(false);
                if (!mailbox.isEmpty() || (stopRequested && !stopped)) {
                    schedule();
                }
            }
        }
    }
}
