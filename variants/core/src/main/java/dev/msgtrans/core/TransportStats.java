package dev.msgtrans.core;

/**
 * A snapshot of a server's or client's counters. Every refused, dropped or failed thing has a counter here: the
 * transport never loses something silently.
 * <p>
 * The counters are bumped after the thing they count is visible elsewhere: a request's future completes, a
 * session's {@code onClose} runs or its event is published, then its counter moves. A snapshot taken on seeing
 * such a result may trail it by that one step; wait for the counter itself (or for quiescence) before asserting
 * an exact figure.
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
 * @param mailboxDrops         inbound packets or commands discarded: left in an actor mailbox when its actor
 *                             stopped, or waiting for room in it when their session closed (a full mailbox does
 *                             not drop a stream's packets: the session stops reading until there is room)
 * @param inboundPauses        times a session stopped reading because its handler fell behind and its mailbox was
 *                             full (inbound back-pressure: over TCP the peer is then held back by flow control)
 * @param unwritableEpisodes   times a session's queued outbound bytes rose above the high water mark
 *                             ({@link OutboundBytes}), so that it reported itself unwritable
 * @param packetsDiscardedClosing inbound packets that arrived after their session's close began (this side's
 *                             {@code close()}: its drain handles what was accepted before; what the peer sends
 *                             after is read only for the responses to this side's requests, the rest is counted
 *                             here and discarded)
 * @param eventsPublished      events published to the event bus
 * @param eventsDropped        events dropped for a subscriber whose buffer was full
 * @param protocolErrors       connections closed for a malformed or oversized frame
 * @param requestsCompleted    requests answered
 * @param requestsTimedOut     requests expired
 * @param requestsFailed       requests failed otherwise (session closed, send refused, shutdown)
 * @param requestsPending      requests pending now
 * @param unmatchedResponses   responses whose message id matched no pending request (late, or bogus)
 * @param poolAcquireTimeouts  client: sends and requests that found no pooled connection free within the acquire
 *                             timeout (the send threw, the request failed and is also in {@code requestsFailed});
 *                             0 on a server
 * @param sendsWithoutConnection client: sends and requests refused at once because no pooled connection was open
 *                             (every one closed, or its replacement still connecting in the background): the send
 *                             threw, the request failed and is also in {@code requestsFailed}; 0 on a server
 * @param poolInUse            client: pooled connections leased now; 0 on a server
 * @param poolTotal            client: pooled connections now, leased or idle; 0 on a server
 * @param bufferPoolMisses     buffer acquires served by allocation because the size class was empty (or the
 *                             request was larger than every class)
 * @param bufferPoolDrops      buffer releases dropped because the size class was at its cap
 */
public record TransportStats(
        long sessionsOpened, long sessionsClosed, long sessionsActive,
        long packetsReceived, long packetsSent, long bytesReceived, long bytesSent,
        long sendsRefused, long sendsToMissingSession, long mailboxDrops, long inboundPauses,
        long unwritableEpisodes,
        long packetsDiscardedClosing,
        long eventsPublished, long eventsDropped, long protocolErrors,
        long requestsCompleted, long requestsTimedOut, long requestsFailed, long requestsPending,
        long unmatchedResponses,
        long poolAcquireTimeouts, long sendsWithoutConnection, long poolInUse, long poolTotal,
        long bufferPoolMisses, long bufferPoolDrops) {
}
