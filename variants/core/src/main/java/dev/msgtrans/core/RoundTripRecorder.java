package dev.msgtrans.core;

/**
 * Told the round trip of every request its server or client issued and got answered: from the call to
 * {@code request} to the response being matched, in nanoseconds. Requests that fail or time out are not told (they
 * are counted in {@link TransportStats}). Set with {@link Transport.Builder#roundTrips}; without one nothing is timed.
 * <p>
 * Called from whichever thread completes the request (the thread that read the response, or the caller when the
 * request failed before it was sent), concurrently for different requests: an implementation must be thread-safe
 * and must not block. {@code msgtrans-hdrhistogram}'s {@code HdrRoundTrips} records into an HdrHistogram.
 * <p>
 * The time is the requester's wait, so it is only as open-loop as the caller: a caller that waits for each answer
 * before it sends the next hides the queueing a slow answer causes (coordinated omission); a load generator that
 * sends on a schedule does not.
 */
@FunctionalInterface
public interface RoundTripRecorder {

    /** @param nanos the request's round trip, {@code >= 0} */
    void record(long nanos);
}
