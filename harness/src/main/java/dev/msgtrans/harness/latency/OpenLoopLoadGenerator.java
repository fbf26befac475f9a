package dev.msgtrans.harness.latency;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: request {@code i} is due at {@code t0 + i / rate}, whatever happened to the requests
 * before it, and its latency is measured from that intended time, as wrk2 does. A closed loop (send, wait, send)
 * stops sending while the server stalls and so never samples the stall; here the requests due during a stall are
 * sent late, as soon as the sender can, and each carries the whole delay since it was due. That is the
 * coordinated-omission correction, and it also charges the generator's own lateness to the measurement: the
 * sender's lag (actual minus intended send time) is recorded separately so a reader can tell the two apart.
 *
 * <pre>
 *   intended:  t0     t0+1/R   t0+2/R   t0+3/R ...     lane = i mod connections
 *   sender ----+--------+--------+--------+-----       one thread, never waits for a response
 *   responses   \        \        \        \           complete on client threads:
 *                `-> LaneRecorder[lane].complete(intended, sent, now)
 * </pre>
 * <p>
 * Waiting for the next send time: Linux wakes a parked thread some 50-100 us late (the timer slack), as much as a
 * loopback round trip, so a plain {@code parkNanos} to the deadline would add that to every latency. {@code park}
 * (the default) parks until the deadline minus the overshoot it has been observing and sends when it wakes: asleep
 * for the whole gap, on time within microseconds, sometimes a little early (such a request's latency counts from
 * its actual send, so it is never understated). {@code yield} parks until
 * {@link #PARK_MARGIN_NANOS} before the deadline and calls {@code Thread.yield()} for the rest: also on time, but
 * always runnable (as is any spinning sender), and on 2 cores that takes CPU from the transport's own threads and
 * lengthens their tail (measured on a shared 2-core machine: service-time p99 1.4-2.4 ms against 0.2-0.6 ms with a
 * sleeping sender). Requests due while the sender is behind go out back to back.
 * <p>
 * Threading contract: {@link #run} on one thread, once per instance (it keeps the park overshoot estimate).
 */
final class OpenLoopLoadGenerator {

    /** Below this much time to the next send, {@code yield} mode stops parking: a park would overshoot it. */
    static final long PARK_MARGIN_NANOS = 200_000;

    private final LatencyOptions options;

    OpenLoopLoadGenerator(LatencyOptions options) {
        this.options = options;
    }

    /**
     * Runs warm-up and measurement on {@code target}, waits for the last responses (at most the timeout), and
     * returns every lane's data merged.
     */
    LatencyMeasurement run(EchoTarget target) {
        LatencyOptions o = options;
        int lanes = o.connections();
        long warmupNanos = o.warmup().toNanos();
        long windowNanos = o.window().toNanos();
        int windows = o.windows();
        long measureNanos = windowNanos * windows;
        long rate = o.rate();
        long total = Math.multiplyExact(rate, warmupNanos + measureNanos) / 1_000_000_000L;
        long warmupRequests = Math.multiplyExact(rate, warmupNanos) / 1_000_000_000L;

        // start a little ahead so that the first intended times are not already in the past
        long t0 = System.nanoTime() + 1_000_000;
        long measureStart = t0 + warmupNanos;
        long startMillis = System.currentTimeMillis() + (measureStart - System.nanoTime()) / 1_000_000;
        LaneRecorder[] recorders = new LaneRecorder[lanes];
        for (int k = 0; k < lanes; k++) {
            recorders[k] = new LaneRecorder(measureStart, windowNanos, windows);
        }
        boolean yield = LatencyOptions.WAIT_YIELD.equals(o.waitMode());
        parkOvershoot = 60_000;
        long sentRequests = 0;
        long waitedBefore = 0;
        for (long i = 0; i < total; i++) {
            if (i == warmupRequests) {
                waitedBefore = RunQueueWait.processNanos();
            }
            // exact integer schedule: no drift however long the run
            long intended = t0 + i * 1_000_000_000L / rate;
            waitUntil(intended, yield);
            long sent = System.nanoTime();
            LaneRecorder lane = recorders[(int) (i % lanes)];
            CompletableFuture<?> f;
            try {
                f = target.request((int) (i % lanes));
            } catch (RuntimeException e) {
                lane.complete(intended, sent, System.nanoTime(), LaneRecorder.Outcome.ERROR);
                sentRequests++;
                continue;
            }
            sentRequests++;
            f.whenComplete((response, failure) -> lane.complete(intended, sent, System.nanoTime(), outcome(failure)));
        }
        long runQueueWait = RunQueueWait.processNanos() - waitedBefore;
        long lastIntended = t0 + (total - 1) * 1_000_000_000L / rate;
        awaitFinished(recorders, sentRequests, lastIntended + o.timeout().toNanos() + 100_000_000L);
        // whatever is still outstanding now is a timeout, recorded at the moment we stopped waiting
        long giveUp = System.nanoTime();
        LatencyMeasurement m = new LatencyMeasurement(windowNanos, windows, startMillis);
        long outstanding = sentRequests;
        for (LaneRecorder r : recorders) {
            r.close();
            outstanding -= r.finished();
            r.addTo(m);
        }
        if (outstanding > 0) {
            // the lanes and intended times of the lost requests are unknown here; count them, and record them at
            // the last window with the longest wait any of them had (giveUp - lastIntended is its lower bound)
            long lost = outstanding;
            m.count(0, 0, lost);
            for (long j = 0; j < lost; j++) {
                m.latency()[windows - 1].recordValue(Math.max(0, giveUp - lastIntended));
            }
        }
        m.sent(sentRequests - warmupRequests, target.describe());
        m.runQueueWait(waitedBefore < 0 || runQueueWait < 0 ? -1 : runQueueWait);
        return m;
    }

    private static LaneRecorder.Outcome outcome(Throwable failure) {
        if (failure == null) {
            return LaneRecorder.Outcome.OK;
        }
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof TimeoutException ? LaneRecorder.Outcome.TIMEOUT : LaneRecorder.Outcome.ERROR;
    }

    /** How late {@code parkNanos} wakes, nanoseconds: an average kept by {@link #waitUntil} in park mode. */
    private long parkOvershoot = 60_000;

    /**
     * Park mode parks until the deadline minus how late parks have been waking, and sends as soon as less than that
     * remains: the sender sleeps through the gap and sends within microseconds of its time, early or late, never
     * spinning. Yield mode parks until {@link #PARK_MARGIN_NANOS} before the deadline and yields the rest.
     */
    private void waitUntil(long deadline, boolean yield) {
        for (;;) {
            long now = System.nanoTime();
            long left = deadline - now;
            if (left <= 0) {
                return;
            }
            if (yield) {
                if (left > PARK_MARGIN_NANOS) {
                    LockSupport.parkNanos(left - PARK_MARGIN_NANOS);
                } else {
                    Thread.yield();
                }
            } else if (left > parkOvershoot) {
                long asked = left - parkOvershoot;
                LockSupport.parkNanos(asked);
                long late = System.nanoTime() - (now + asked);
                // exponential average over ~8 parks: follows the kernel's timer slack, ignores one odd wake-up
                parkOvershoot += (Math.max(0, late) - parkOvershoot) >> 3;
            } else {
                // closer than a park can wake: send now rather than spin; the latency of an early request counts
                // from its actual send (LaneRecorder), so it never looks faster than it was
                return;
            }
        }
    }

    /** Waits, outside any measured interval, until every sent request finished or the deadline passed. */
    private static void awaitFinished(LaneRecorder[] recorders, long sent, long deadline) {
        while (System.nanoTime() < deadline) {
            long finished = 0;
            for (LaneRecorder r : recorders) {
                finished += r.finished();
            }
            if (finished >= sent) {
                return;
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
