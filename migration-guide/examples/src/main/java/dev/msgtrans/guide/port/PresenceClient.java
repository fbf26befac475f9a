package dev.msgtrans.guide.port;

import dev.msgtrans.core.MessageContext;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportClient;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import static dev.msgtrans.guide.port.PresenceProtocol.decode;
import static dev.msgtrans.guide.port.PresenceProtocol.encode;

/**
 * One user's connection to the presence service: joins, leaves, receives notices, answers pings.
 * <p>
 * Threading contract: {@link #join}, {@link #leave}, {@link #awaitNotice} and {@link #close} from any thread (not
 * from the handler). Notices are kept in a bounded queue; one that finds it full is dropped and counted in
 * {@link #noticesDropped()}, the same policy the transport applies to its own buffers.
 */
public final class PresenceClient implements AutoCloseable {

    private static final int NOTICE_BUFFER = 1024;

    private final BlockingQueue<String> notices = new ArrayBlockingQueue<>(NOTICE_BUFFER);
    private final LongAdder noticesDropped = new LongAdder();
    private final TransportClient client;

    private PresenceClient(Transport.Builder transport) throws IOException {
        // One connection: presence is per connection, so a pool of several would join several sessions.
        this.client = transport.connections(1).handler(this::onMessage).connect();
    }

    /** @param transport variant and address set, e.g. {@code Transport.builder().variant(v).connectTo(addr)} */
    public static PresenceClient connect(Transport.Builder transport) throws IOException {
        return new PresenceClient(transport);
    }

    /** @return {@link PresenceProtocol#OK} or {@link PresenceProtocol#TAKEN} */
    public String join(String user, Duration timeout) {
        return decode(client.request(Packet.request(PresenceProtocol.JOIN, encode(user)), timeout).join().payload());
    }

    /** @return {@link PresenceProtocol#OK} or {@link PresenceProtocol#NOT_JOINED} */
    public String leave(String user, Duration timeout) {
        return decode(client.request(Packet.request(PresenceProtocol.LEAVE, encode(user)), timeout).join().payload());
    }

    /**
     * Waits for a notice, skipping others.
     *
     * @return {@code true} if {@code expected} arrived within {@code timeout}
     */
    public boolean awaitNotice(String expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (;;) {
            String n = notices.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (n == null) {
                return false;
            }
            if (n.equals(expected)) {
                return true;
            }
        }
    }

    public long noticesDropped() {
        return noticesDropped.sum();
    }

    /** On this connection's actor. */
    private void onMessage(MessageContext ctx, Packet p) {
        if (p.bizType() == PresenceProtocol.PING && p.type() == PacketType.REQUEST) {
            ctx.reply(p, p.payload());
        } else if (p.bizType() == PresenceProtocol.NOTICE && !notices.offer(decode(p.payload()))) {
            noticesDropped.increment();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
