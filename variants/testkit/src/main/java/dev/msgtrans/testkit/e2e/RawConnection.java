package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.engine.MemoryHub;
import dev.msgtrans.core.engine.MemoryRawPeer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A connection that speaks bytes, not packets: a plain socket over TCP, a {@link MemoryRawPeer} in memory. Cases
 * use it to send what no well-behaved client sends (half frames, bad headers), to end the connection cleanly or
 * abruptly wherever they like, and to be a peer that does not read until told to.
 * <p>
 * Threading contract: one thread drives a connection (write, finish, reset, drain, close);
 * {@link #bytesReceived()} from any thread.
 */
public interface RawConnection extends AutoCloseable {

    /** How a case finds the server's session of a TCP connection: by the peer string the server reports for it. */
    @FunctionalInterface
    interface SessionLookup {
        long byPeer(String peer) throws InterruptedException;
    }

    /** Sends the bytes as they are. */
    void write(byte[] bytes) throws IOException;

    /** Ends this side's stream cleanly after what was written: a TCP half-close (FIN); in memory, the in-memory FIN. */
    void finish() throws IOException;

    /**
     * Ends the connection abruptly: over TCP a reset (SO_LINGER 0, then close), which may discard bytes the server
     * has not read yet; in memory, where nothing is in flight to discard, the same as {@link #finish()}.
     */
    void reset() throws IOException;

    /**
     * Stops taking bytes from the server, so its outbound queue for this connection fills. Over TCP the socket
     * reads only in {@link #drain}, so this only states the intent; in memory the pipe end stops taking bytes.
     */
    void stopReading();

    /**
     * Reads (in memory: resumes reading) until {@code bytes} bytes have arrived in total, the server ends the
     * stream, or {@code patience} passes, a liveness bound rather than a timing; returns the bytes received so far.
     */
    long drain(long bytes, Duration patience) throws IOException, InterruptedException;

    /** Bytes received from the server so far (read by {@link #drain} over TCP; delivered to the pipe end in memory). */
    long bytesReceived();

    /** {@code true} once the server's end of stream has arrived (seen by {@link #drain} over TCP). */
    boolean ended();

    /** The server's session id for this connection; over TCP found by {@code lookup}, in memory known at once. */
    long serverSession(SessionLookup lookup) throws InterruptedException;

    /** The server's session id for this connection, learned from the server's events if need be. */
    default long serverSession(EventRecorder serverEvents) throws InterruptedException {
        return serverSession(peer -> serverEvents.await(TransportEvent.ConnectionEstablished.class,
                e -> e.peer().equals(peer)).session());
    }

    @Override
    void close() throws IOException;

    /** A blocking socket with a small receive buffer, so that a server's writes back up quickly when it stalls. */
    static RawConnection tcp(String address) throws IOException {
        int colon = address.lastIndexOf(':');
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(4096);
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return new Tcp(socket);
    }

    /** A raw end of an in-memory pipe to the server at {@code address} ({@code mem:name}). */
    static RawConnection memory(String address) throws IOException {
        return new Memory(MemoryHub.connectRaw(address));
    }

    /** Over TCP: see {@link #tcp}. */
    final class Tcp implements RawConnection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final byte[] readBuffer = new byte[64 * 1024];
        private volatile long received; // one writer: the driving thread, in drain()
        private volatile boolean ended;

        private Tcp(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = socket.getInputStream();
        }

        /** The peer string the server reports for this connection ("127.0.0.1:53211"). */
        public String serverSidePeer() {
            return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
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
                        ended = true;
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
        public boolean ended() {
            return ended;
        }

        @Override
        public long serverSession(SessionLookup lookup) throws InterruptedException {
            return lookup.byPeer(serverSidePeer());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** In memory: a {@link MemoryRawPeer}, whose writes run the server end's decoder on the writing thread. */
    final class Memory implements RawConnection {
        private final MemoryRawPeer peer;

        private Memory(MemoryRawPeer peer) {
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
        public void stopReading() {
            peer.reading(false);
        }

        @Override
        public long drain(long bytes, Duration patience) {
            peer.reading(true);
            long deadline = System.nanoTime() + patience.toNanos();
            // The server's loop delivers on its own thread: wait for its progress, bounded by the deadline.
            while (peer.bytesReceived() < bytes && !peer.closedByServer() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            return peer.bytesReceived();
        }

        @Override
        public long bytesReceived() {
            return peer.bytesReceived();
        }

        @Override
        public boolean ended() {
            return peer.closedByServer();
        }

        @Override
        public long serverSession(SessionLookup lookup) {
            return peer.session();
        }

        @Override
        public void close() {
            peer.close();
        }
    }
}
