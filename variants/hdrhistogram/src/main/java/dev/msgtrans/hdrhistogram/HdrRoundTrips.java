package dev.msgtrans.hdrhistogram;

import dev.msgtrans.core.RoundTripRecorder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records request round trips (nanoseconds) into an HdrHistogram {@link Recorder}: {@link #record} is wait-free and
 * may be called from any number of threads; {@link #interval()} hands out what was recorded since its previous
 * call, one histogram per reporting window, which is what a canary comparison or a metrics exporter needs (windows
 * are the replicates; a histogram since start-up hides the change a swap makes).
 * <p>
 * Values keep {@code significantDigits} decimal digits of precision at every magnitude (3: within 0.1%), and the
 * histograms resize themselves, so a slow outlier is recorded at its value rather than clipped.
 * <p>
 * Thread-safety: {@link #record} from any thread; {@link #interval()} from one thread at a time (it is
 * synchronized).
 */
public final class HdrRoundTrips implements RoundTripRecorder {

    private final Recorder recorder;

    /** Three significant digits. */
    public HdrRoundTrips() {
        this(3);
    }

    /** @param significantDigits 0 to 5 */
    public HdrRoundTrips(int significantDigits) {
        this.recorder = new Recorder(significantDigits);
    }

    @Override
    public void record(long nanos) {
        recorder.recordValue(nanos);
    }

    /**
     * The round trips recorded since the previous call (the first call: since construction), values in
     * nanoseconds, with its start and end timestamps set. The caller owns it: the histogram is never handed out
     * again.
     */
    public synchronized Histogram interval() {
        return recorder.getIntervalHistogram(); // a fresh one each time: never recycled under a caller's reads
    }
}
