package dev.msgtrans.harness.channels;

import dev.msgtrans.harness.MeasurementWindow;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * A producer thread of the shoot-out: its pool of preallocated messages, and its counters, reported per second:
 * {@code sent} (message copies the channel accepted, one per receiving consumer) and {@code offerFailed} (copies
 * refused because a buffer was full), counted only inside JMH's measurement window ({@link MeasurementWindow}).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ChannelProducer {

    /** Enough distinct messages that consumers do not read one hot cache line, few enough to stay in cache. */
    private static final int POOL = 256;

    public long sent;
    public long offerFailed;

    private Message[] pool;
    private int next;

    @Setup(Level.Trial)
    public void setUp(ThreadParams threads) {
        pool = new Message[POOL];
        for (int i = 0; i < POOL; i++) {
            pool[i] = new Message(threads.getThreadIndex() * POOL + i);
        }
    }

    @Setup(Level.Iteration)
    public void reset() {
        sent = 0;
        offerFailed = 0;
    }

    /** One publish; @return copies accepted. */
    int publish(Channel channel, Control control) {
        Message m = pool[next];
        next = (next + 1) & (POOL - 1);
        int accepted = channel.publish(m);
        if (MeasurementWindow.open(control)) {
            sent += accepted;
            offerFailed += channel.consumers() - accepted;
        }
        return accepted;
    }
}
