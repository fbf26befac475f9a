package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.Protocol;
import dev.msgtrans.testkit.e2e.RawConnection;

import java.io.IOException;
import java.time.Duration;

/**
 * A peer that misbehaves on purpose, over a plain loopback socket or a raw in-memory pipe end: it writes arbitrary
 * bytes, ends its stream cleanly or abruptly (a TCP reset) in the middle of a frame, stops reading and resumes.
 * The bytes and the socket are {@link RawConnection}'s; this class only names the fault cases' vocabulary and finds
 * its server session through {@link SessionOutcomes} rather than an event recorder.
 * <p>
 * Threading contract: one thread drives a peer (write, finish, reset, drain); {@link #bytesReceived()} from any.
 */
public final class FaultyPeer implements AutoCloseable {

    private final RawConnection raw;

    private FaultyPeer(RawConnection raw) {
        this.raw = raw;
    }

    /** Opens a peer to the server at {@code address} ("127.0.0.1:port" or "mem:name"). */
    public static FaultyPeer open(Protocol protocol, String address) throws IOException {
        return new FaultyPeer(switch (protocol) {
            case TCP -> RawConnection.tcp(address);
            case WEBSOCKET -> RawConnection.websocket(address);
            case QUIC -> dev.msgtrans.testkit.e2e.RawQuic.connect(address);
            case MEMORY -> RawConnection.memory(address);
        });
    }

    /** Sends the bytes as they are. */
    public void write(byte[] bytes) throws IOException {
        raw.write(bytes);
    }

    /** Ends this side's stream cleanly after what was written (TCP FIN by half-close; the in-memory FIN). */
    public void finish() throws IOException {
        raw.finish();
    }

    /** Ends the connection abruptly; see {@link RawConnection#reset()}. */
    public void reset() throws IOException {
        raw.reset();
    }

    /** The server's session id for this connection. */
    public long serverSession(SessionOutcomes outcomes) throws InterruptedException {
        return raw.serverSession(outcomes::awaitSession);
    }

    /** Stops taking the server's bytes (so its outbound queue fills); see {@link RawConnection#stopReading()}. */
    public void stopReading() {
        raw.stopReading();
    }

    /** Reads until {@code bytes} bytes have arrived in total or {@code patience} passes; see {@link RawConnection#drain}. */
    public long drain(long bytes, Duration patience) throws IOException, InterruptedException {
        return raw.drain(bytes, patience);
    }

    public long bytesReceived() {
        return raw.bytesReceived();
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
