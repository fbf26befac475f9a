package dev.msgtrans.core.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * The statistics of one server or client: the only shared mutable state the engine keeps outside the components.
 * {@link LongAdder}s because every I/O loop and worker bumps them on its hot path and nobody reads them there: a
 * striped counter keeps those writers off one contended cache line.
 */
final class EngineCounters {
    final LongAdder sessionsOpened = new LongAdder();
    final LongAdder sessionsClosed = new LongAdder();
    final LongAdder packetsReceived = new LongAdder();
    final LongAdder packetsSent = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder sendsRefused = new LongAdder();
    final LongAdder sendsToMissingSession = new LongAdder();
    final LongAdder eventsPublished = new LongAdder();
    final LongAdder protocolErrors = new LongAdder();
    final LongAdder requestsCompleted = new LongAdder();
    final LongAdder requestsTimedOut = new LongAdder();
    final LongAdder requestsFailed = new LongAdder();
    final LongAdder unmatchedResponses = new LongAdder();
    /** Client: acquires of a pooled connection that timed out, on {@code send} or {@code request}. */
    final LongAdder poolAcquireTimeouts = new LongAdder();
    /** Client: sends and requests refused at once because no pooled connection was open (closed or connecting). */
    final LongAdder sendsWithoutConnection = new LongAdder();
    final LongAdder packetsDiscardedClosing = new LongAdder();
    /**
     * Lifecycle markers ({@link Session#OPEN}, {@link Session#DRAIN}) the actor system counted as mailbox drops
     * although nothing was lost (see {@link Session} and {@link SessionLifecycle#beginGracefulClose}).
     */
    final LongAdder markersDiscarded = new LongAdder();
    /**
     * Mailbox refusals of a packet that the session then held and delivered later (inbound back-pressure): the
     * actor system counted each as a drop, and none was lost.
     */
    final LongAdder refusalsHeld = new LongAdder();
    /** Held packets discarded because their session closed before the mailbox took them. */
    final LongAdder heldDiscarded = new LongAdder();
    /** Times a session stopped reading because its mailbox was full. */
    final LongAdder inboundPauses = new LongAdder();
    final LongAdder unwritableEpisodes = new LongAdder();
    /**
     * Server: {@code accept()} calls that failed (e.g. out of descriptors); each episode is reported once, this
     * counts every retry. Not in {@code TransportStats} yet: adding a component there changes every consumer.
     */
    final LongAdder acceptFailures = new LongAdder();
}
