package dev.msgtrans.guide.outbound;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.OutboundBytes;
import dev.msgtrans.core.OverflowPolicy;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportServer;

import java.io.IOException;

/**
 * The outbound settings a service chooses before phase 3.3, whichever variant runs the queues: how many frames and
 * bytes a connection may have queued, and what happens to a peer that stops reading. Stateless.
 */
public final class SlowPeerSettings {

    private SlowPeerSettings() {
    }

    /**
     * A server that disconnects peers whose outbound queue fills.
     *
     * @param variant     the composition
     * @param perSession  frames queued per connection at most
     */
    public static TransportServer server(String variant, int perSession, MessageHandler handler) throws IOException {
        // tag::slow-peer[]
        return Transport.builder()
                .variant(variant)
                .tcp("127.0.0.1", 0)
                .outboundCapacity(perSession)              // per connection, in frames (exact in both variants)
                .outboundBytes(new OutboundBytes(          // and in bytes, whatever the frame sizes
                        32 * 1024, 64 * 1024,              // unwritable above 64 KiB, writable again below 32 KiB
                        4L << 20))                         // refused beyond 4 MiB queued
                .overflowPolicy(OverflowPolicy.DISCONNECT) // a full queue closes the peer (SLOW_CONSUMER)
                .handler(handler)
                .startServer();
        // end::slow-peer[]
    }
}
