/**
 * Request round-trip latency for a MsgTrans server or client as HdrHistogram interval histograms:
 * {@link dev.msgtrans.hdrhistogram.HdrRoundTrips} is the {@link dev.msgtrans.core.RoundTripRecorder} a service sets
 * with {@code Transport.Builder.roundTrips}, and reads a histogram per reporting window from. A separate module so
 * that core and the variants depend on nothing.
 */
package dev.msgtrans.hdrhistogram;
