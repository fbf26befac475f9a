package dev.msgtrans.core;

import dev.msgtrans.core.codec.PacketCodec;

/**
 * How many encoded bytes one session may have queued for writing, and when it reports itself unwritable (the idea of
 * Netty's {@code WriteBufferWaterMark}, plus a hard limit). A frame counts from the send that queues it until the
 * I/O loop has written it to the socket (or handed it to the in-memory peer).
 * <ul>
 *   <li>Above {@code highWaterMark} the session becomes unwritable: {@link MessageContext#isWritable()} and
 *       {@link TransportServer#isWritable(long)} answer {@code false}, and a
 *       {@link TransportEvent.WritabilityChanged} is published. A well-behaved producer stops and waits for the
 *       session to drain below {@code lowWaterMark}, when it becomes writable again (another event).</li>
 *   <li>A send that would take the session above {@code limit} is refused ({@link SendResult#OUTBOUND_FULL}, counted
 *       in {@link TransportStats#sendsRefused()}, the {@link OverflowPolicy} applies): this is the memory bound of a
 *       peer that stops reading, whatever the frame sizes.</li>
 * </ul>
 * The queue's count bound ({@code outboundCapacity}, in frames) applies as well; whichever is reached first refuses.
 *
 * @param lowWaterMark  an unwritable session becomes writable when its queued bytes fall below this
 * @param highWaterMark a writable session becomes unwritable when its queued bytes rise above this
 * @param limit         sends that would queue more bytes than this are refused; at least one largest frame
 */
public record OutboundBytes(long lowWaterMark, long highWaterMark, long limit) {

    /** Netty's default water marks (32 KiB, 64 KiB) and room for a few largest frames under the default limits. */
    public static final OutboundBytes DEFAULT = new OutboundBytes(32 * 1024, 64 * 1024, 4L * 1024 * 1024);

    public OutboundBytes {
        if (lowWaterMark < 0 || highWaterMark < lowWaterMark || limit < highWaterMark || limit <= 0) {
            throw new IllegalArgumentException("outbound bytes need 0 <= lowWaterMark <= highWaterMark <= limit and"
                    + " limit > 0, were " + lowWaterMark + ", " + highWaterMark + ", " + limit);
        }
    }

    /**
     * {@link #DEFAULT}, or, when payload bounds were raised so far that a largest frame does not fit its limit, the
     * same water marks with room for four largest frames.
     */
    public static OutboundBytes defaultFor(int maxPayload, int maxExtHeader) {
        long largest = largestFrame(maxPayload, maxExtHeader);
        return largest <= DEFAULT.limit ? DEFAULT
                : new OutboundBytes(DEFAULT.lowWaterMark, DEFAULT.highWaterMark, 4 * largest);
    }

    /** The largest frame a session can queue under these payload and extended-header bounds. */
    public static long largestFrame(int maxPayload, int maxExtHeader) {
        return (long) PacketCodec.HEADER_SIZE + maxExtHeader + maxPayload;
    }
}
