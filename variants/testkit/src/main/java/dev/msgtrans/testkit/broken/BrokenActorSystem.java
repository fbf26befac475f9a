package dev.msgtrans.testkit.broken;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.Dispatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * CONTROL, deliberately unsafe: a plain {@link HashMap} actor table, {@link ArrayDeque} mailboxes, and the
 * scheduling flag as a plain {@code boolean}, checked then set. Correct from one thread; concurrently, two tellers
 * can both see the flag clear and submit two runs, so one actor runs on two workers at once, and its messages are
 * lost, duplicated or reordered.
 */
final class BrokenActorSystem<M> implements ActorSystem<M> {

    private static final int BATCH = 32;

    private final HashMap<Long, Actor<M>> table = new HashMap<>();
    private final Dispatch dispatch;
    private final int mailboxCapacity;
    private long dropped;
    private long processed;
    private boolean closed;

    BrokenActorSystem(Dispatch dispatch, int mailboxCapacity) {
        if (mailboxCapacity <= 0) {
            throw new IllegalArgumentException("mailboxCapacity must be positive, was " + mailboxCapacity);
        }
        this.dispatch = dispatch;
        this.mailboxCapacity = mailboxCapacity;
    }

    @Override
    public boolean spawn(long id, Behavior<M> behavior) {
        if (closed || table.containsKey(id)) {
            return false;
        }
        table.put(id, new Actor<>(this, id, behavior));
        return true;
    }

    @Override
    public Delivery tell(long id, M message) {
        if (closed) {
            return Delivery.CLOSED;
        }
        Actor<M> actor = table.get(id);
        return actor == null ? Delivery.NO_SUCH_ACTOR : actor.tell(message);
    }

    @Override
    public int broadcast(M message) {
        if (closed) {
            return 0;
        }
        int n = 0;
        for (Actor<M> actor : new ArrayList<>(table.values())) {
            if (actor.tell(message) == Delivery.ACCEPTED) {
                n++;
            }
        }
        return n;
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
        return dropped;
    }

    @Override
    public long processed() {
        return processed;
    }

    @Override
    public void close() {
        closed = true;
        List<Actor<M>> all = new ArrayList<>(table.values());
        table.clear();
        all.forEach(Actor::requestStop);
    }

    private static final class Actor<M> implements Runnable {
        private final BrokenActorSystem<M> system;
        private final long id;
        private final Behavior<M> behavior;
        private final ArrayDeque<M> mailbox = new ArrayDeque<>();
        private boolean scheduled; // the bug: a plain flag, checked then set
        private boolean stopRequested;
        private boolean stopped;

        Actor(BrokenActorSystem<M> system, long id, Behavior<M> behavior) {
            this.system = system;
            this.id = id;
            this.behavior = behavior;
        }

        Delivery tell(M message) {
            if (mailbox.size() >= system.mailboxCapacity) {
                system.dropped++;
                return Delivery.MAILBOX_FULL;
            }
            mailbox.offer(message);
            schedule();
            return Delivery.ACCEPTED;
        }

        void requestStop() {
            stopRequested = true;
            schedule();
        }

        private void schedule() {
            if (!scheduled) {
                scheduled = true;
                system.dispatch.execute(this);
            }
        }

        @Override
        public void run() {
            int n = 0;
            try {
                M m;
                for (; n < BATCH && !stopped && !stopRequested && (m = mailbox.poll()) != null; n++) {
                    try {
                        behavior.onMessage(id, m);
                    } finally {
                        system.processed++;
                    }
                }
                if (stopRequested) {
                    while (mailbox.poll() != null) {
                        system.dropped++;
                    }
                    if (!stopped) {
                        stopped = true;
                        behavior.onStop(id);
                    }
                }
            } finally {
                scheduled = false;
                // Re-run only after progress: a deque torn by racing tellers can report items it never returns,
                // and re-running on that would turn the caught bug into a livelock that times the stress run out.
                if ((n > 0 && !mailbox.isEmpty()) || (stopRequested && !stopped)) {
                    schedule();
                }
            }
        }
    }
}
