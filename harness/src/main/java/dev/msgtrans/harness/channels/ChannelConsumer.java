package dev.msgtrans.harness.channels;

import dev.msgtrans.harness.MeasurementWindow;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

/**
 * A consumer thread of the shoot-out, bound to one lane of its group's channel on its first operation. Counters,
 * reported per second: {@code received} (messages that reached this consumer's lane: the row's real throughput)
 * and {@code pollEmpty} (consume attempts that found nothing), both over JMH's measurement window only
 * ({@link MeasurementWindow}). {@code received} is the lane's count from this thread's first look inside the
 * window to its first look after it, so it is right even when another thread delivered to the lane (a
 * {@code SubmissionPublisher} task) or one consume attempt spanned the window's end; it may include up to one
 * attempt's tail after the window, which holds at most one buffer's worth of messages.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ChannelConsumer {

    public long pollEmpty;

    private Lane lane;
    private boolean windowSeen;
    private boolean windowClosed;
    private long windowStart;
    private long windowEnd;

    @Setup(Level.Iteration)
    public void reset() {
        pollEmpty = 0;
        windowSeen = false;
        windowClosed = false;
        windowStart = 0;
        windowEnd = 0;
    }

    /** Messages this consumer's lane received during the measurement window. */
    public long received() {
        return windowEnd - windowStart;
    }

    /** One consume attempt; @return 0 if nothing was there. */
    int consume(Channel channel, Control control) {
        Lane l = lane;
        if (l == null) {
            // bound lazily: the lanes belong to the group's channel, which this state cannot name
            l = lane = channel.claimLane();
        }
        if (!windowSeen && MeasurementWindow.open(control)) {
            windowSeen = true;
            windowStart = l.received();
        }
        int n = channel.consume(l);
        if (windowSeen && !windowClosed) {
            // read the lane after the attempt even if the window closed meanwhile: one consume attempt (a
            // SubmissionPublisher task) can span the whole window, and its deliveries belong to it
            windowEnd = l.received();
            if (control.stopMeasurement) {
                windowClosed = true;
            } else if (n == 0) {
                pollEmpty++;
            }
        }
        return n;
    }
}
