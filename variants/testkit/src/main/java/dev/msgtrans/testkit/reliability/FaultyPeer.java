package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.engine.MemoryHub;
import dev.msgtrans.core.engine.MemoryRawPeer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A peer that misbehaves on purpose, over a plain loopback socket or a raw in-memory pipe end: it writes arbitrary
 * bytes, ends its stream cleanly or abruptly (a TCP reset) in the middle of a frame, stops reading and resumes.
 * It extends what {@code e2e.RawConnection} offers (write, never read) with the half-close, the reset and the
 * counted resume that the fault and fuzz cases need; it wraps {@link MemoryRawPeer} rather than copying it.
 * <p>
 * Threading contract: one thread drives a peer (write, finish, reset, drain); {@link #bytesReceived()} from any.
 */
public interface FaultyPeer extends AutoCloseable {

    /** Opens a peer to the server at {@code address} ("127.0.0.1:port" or "mem:name"). */
    static FaultyPeer open(Protocol protocol, String address) throws IOException {
        return protocol == Protocol.TCP ? new Tcp(address) : new Memory(MemoryHub.connectRaw(address));
    }

    /** Sends the bytes as they are. */
    void write(byte[] bytes) throws IOException;

    /** Ends this side's stream cleanly after what was written (TCP FIN by half-close; the in-memory FIN). */
    void finish() throws IOException;

    /**
     * Ends the connection abruptly: a TCP reset (SO_LINGER 0), which may discard bytes not yet read by the server;
     * in memory, where nothing can be discarded, the same as {@link #finish()}.
     */
    void reset() throws IOException;

    /** The server's session id for this connection. */
    long serverSession(SessionOutcomes outcomes) throws InterruptedException;

    /** In memory: stops taking the server's bytes (so its outbound queue fills). Over TCP the peer never reads
     * until {@link #drain}, so this only documents the intent. */
    void stopReading();

    /**
     * Reads (or, in memory, resumes reading) until {@code bytes} bytes have arrived in total, or {@code patience}
     * passes (a liveness bound); returns the bytes received so far.
     */
    long drain(long bytes, Duration patience) throws IOException, InterruptedException;

    long bytesReceived();

    @Override
    void close() throws IOException;

    /** A blocking socket with a small receive buffer, so that a server's writes back up quickly when it stalls. */
    final class Tcp implements FaultyPeer {
        private final Socket socket;
        private final InputStream in;
        private final byte[] readBuffer = new byte[64 * 1024];
        private volatile long received;

        Tcp(String address) throws IOException {
            int colon = address.lastIndexOf(':');
            socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))));
            in = socket.getInputStream();
        }

        /** The peer string the server sees for this connection. */
        public String serverSidePeer() {
            return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
        }

        @Override
        public void finish() throws IOException {
            socket.shutdownOutput();
        }

        @Override
        public void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        @Override
        public long serverSession(SessionOutcomes outcomes) throws InterruptedException {
            return outcomes.awaitSession(serverSidePeer());
        }

        @Override
        public void stopReading() {
            // this socket reads only in drain()
        }

        @Override
        public long drain(long bytes, Duration patience) throws IOException {
            long deadline = System.nanoTime() + patience.toNanos();
            while (received < bytes) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
                try {
                    int n = in.read(readBuffer);
                    if (n < 0) {
                        break;
                    }
                    received += n;
                } catch (SocketTimeoutException e) {
                    break;
                }
            }
            return received;
        }

        @Override
        public long bytesReceived() {
            return received;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A {@link MemoryRawPeer}: writes run the server end's decoder on the writing thread. */
    final class Memory implements FaultyPeer {
        private final MemoryRawPeer peer;

        Memory(MemoryRawPeer peer) {
            this.peer = peer;
        }

        @Override
        public void write(byte[] bytes) {
            peer.write(bytes);
        }

        @Override
        public void finish() {
            peer.close();
        }

        @Override
        public void reset() {
            peer.close();
        }

        @Override
        public long serverSession(SessionOutcomes outcomes) {
            return peer.session();
        }

        @Override
        public void stopReading() {
            peer.reading(false);
        }

        @Override
        public long drain(long bytes, Duration patience) throws InterruptedException {
            peer.reading(true);
            long deadline = System.nanoTime() + patience.toNanos();
            while (peer.bytesReceived() < bytes && System.nanoTime() < deadline) {
                Thread.sleep(1); // waiting for another thread's progress, bounded by the deadline
            }
            return peer.bytesReceived();
        }

        @Override
        public long bytesReceived() {
            return peer.bytesReceived();
        }

        @Override
        public void close() {
            peer.close();
        }
    }
}
