package dev.msgtrans.core;

/**
 * A snapshot of a server's or client's counters. Every refused, dropped or failed thing has a counter here: the
 * transport never loses something silently.
 *
 * @param sessionsOpened       sessions ever established
 * @param sessionsClosed       sessions ever closed
 * @param sessionsActive       sessions open now
 * @param packetsReceived      packets decoded
 * @param packetsSent          packets written to the wire (or pipe)
 * @param bytesReceived        bytes read
 * @param bytesSent            bytes written
 * @param sendsRefused         sends refused because an outbound queue was full ({@link SendResult#OUTBOUND_FULL})
 * @param sendsToMissingSession sends to a session that does not exist ({@link SendResult#NO_SESSION})
 * @param mailboxDrops         inbound packets or commands refused by a full actor mailbox, or discarded at actor stop
 * @param eventsPublished      events published to the event bus
 * @param eventsDropped        events dropped for a subscriber whose buffer was full
 * @param protocolErrors       connections closed for a malformed or oversized frame
 * @param requestsCompleted    requests answered
 * @param requestsTimedOut     requests expired
 * @param requestsFailed       requests failed otherwise (session closed, send refused, shutdown)
 * @param requestsPending      requests pending now
 * @param unmatchedResponses   responses whose message id matched no pending request (late, or bogus)
 */
public record TransportStats(
        long sessionsOpened, long sessionsClosed, long sessionsActive,
        long packetsReceived, long packetsSent, long bytesReceived, long bytesSent,
        long sendsRefused, long sendsToMissingSession, long mailboxDrops,
        long eventsPublished, long eventsDropped, long protocolErrors,
        long requestsCompleted, long requestsTimedOut, long requestsFailed, long requestsPending,
        long unmatchedResponses) {
}
