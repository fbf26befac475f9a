package dev.msgtrans.harness.channels;

import java.util.Queue;

/**
 * Queue rows: one bounded queue per consumer. Point-to-point is one queue; multicast makes the producer offer each
 * message to every consumer's queue (a queue has no multicast), and a full queue refuses only its own copy.
 */
final class QueueChannel extends Channel {

    private final Queue<Message>[] queues;

    QueueChannel(Queue<Message>[] queues) {
        super(queues.length);
        this.queues = queues;
    }

    @Override
    int publish(Message m) {
        Queue<Message>[] qs = queues;
        int accepted = 0;
        for (Queue<Message> q : qs) {
            if (q.offer(m)) {
                accepted++;
            }
        }
        return accepted;
    }

    @Override
    int consume(Lane lane) {
        Message m = queues[lane.index].poll();
        if (m == null) {
            return 0;
        }
        lane.receive(m);
        return 1;
    }
}
