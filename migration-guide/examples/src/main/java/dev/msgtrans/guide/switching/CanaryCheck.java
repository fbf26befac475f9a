package dev.msgtrans.guide.switching;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a canary (new composition) with a control (old composition) over the same window, by the counters that
 * must not grow when a component's strategy changes: each is a refusal, a drop or a failure, and each is
 * normalised by the packets received so that a canary taking less traffic is not flattered.
 * <p>
 * Rule: a counter fails the canary when its rate per received packet exceeds the control's by more than
 * {@code tolerance} (absolute, e.g. 1e-4 = one per ten thousand packets), or when the control saw none and the
 * canary saw more than {@code allowedWhenControlZero}. Gauges are compared the same way on their final value
 * ({@code requestsPending} creeping up is a leak). Immutable; thread-safe.
 *
 * @param tolerance              extra rate per received packet the canary may show
 * @param allowedWhenControlZero absolute count allowed on the canary when the control shows zero
 */
public record CanaryCheck(double tolerance, long allowedWhenControlZero) {

    // tag::watched[]
    /** Counters that must not grow with a migration: every one is something refused, dropped or failed. */
    public static final List<String> WATCHED = List.of(
            "mailboxDrops",          // phase 2: packets discarded by a close (left in a mailbox, or waiting for room)
            "inboundPauses",         // phase 2: reading paused for a full mailbox (handlers slower than arrivals)
            "unwritableEpisodes",    // phase 3.3: outbound bytes above the high water mark (slow peer)
            "eventsDropped",         // phase 2: a subscriber's event buffer full
            "poolAcquireTimeouts",   // phase 3.1: no pooled connection free in time (client side)
            "sendsRefused",          // phase 3.3: outbound queues full (slow peer)
            "requestsTimedOut",      // phase 3.2: responses not matched in time
            "requestsFailed",        // phase 3.2: requests failed otherwise (session closed, send refused)
            "unmatchedResponses",    // phase 3.2: responses with no pending request (late, or a tracker bug)
            "protocolErrors",        // any phase: frames rejected; a variant must never cause one
            "requestsPending");      // gauge: a tracker that leaks entries shows here
    // end::watched[]

    /** One counter that failed the check. */
    public record Finding(String counter, long control, long canary, double controlRate, double canaryRate) {
        @Override
        public String toString() {
            return String.format("%s: canary %d (%.2e per packet) vs control %d (%.2e per packet)",
                    counter, canary, canaryRate, control, controlRate);
        }
    }

    /** @return the counters on which the canary is worse than the control; empty means it passes */
    public List<Finding> compare(StatsDelta control, StatsDelta canary) {
        List<Finding> findings = new ArrayList<>();
        double controlPackets = Math.max(1, control.get("packetsReceived"));
        double canaryPackets = Math.max(1, canary.get("packetsReceived"));
        for (String counter : WATCHED) {
            long c = control.get(counter);
            long k = canary.get(counter);
            double cr = c / controlPackets;
            double kr = k / canaryPackets;
            boolean worse = c == 0 ? k > allowedWhenControlZero : kr > cr + tolerance;
            if (worse) {
                findings.add(new Finding(counter, c, k, cr, kr));
            }
        }
        return findings;
    }
}
