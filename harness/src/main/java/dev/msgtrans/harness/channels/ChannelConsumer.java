package dev.msgtrans.harness.channels;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A consumer thread of the shoot-out, bound to one lane of its group's channel on its first operation. Counters,
 * reported per second: {@code received} (messages that reached this consumer: the row's real throughput) and
 * {@code pollEmpty} (consume attempts that found nothing).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ChannelConsumer {

    public long pollEmpty;

    private Lane lane;
    private long base;

    @Setup(Level.Iteration)
    public void reset() {
        pollEmpty = 0;
        base = lane == null ? 0 : lane.received();
    }

    /** Messages this consumer's lane received during the iteration. */
    public long received() {
        return lane == null ? 0 : lane.received() - base;
    }

    /** One consume attempt; @return 0 if nothing was there. */
    int consume(Channel channel) {
        Lane l = lane;
        if (l == null) {
            // bound lazily: the lanes belong to the group's channel, which this state cannot name
            l = lane = channel.claimLane();
        }
        int n = channel.consume(l);
        if (n == 0) {
            pollEmpty++;
        }
        return n;
    }
}
