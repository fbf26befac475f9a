package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.engine.MemoryHub;
import dev.msgtrans.core.engine.MemoryRawPeer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
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

    /** A WebSocket connection to {@code ws://host:port}, upgraded already: see {@link WebSocket}. */
    static RawConnection websocket(String address) throws IOException {
        return WebSocket.open(address);
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

    /**
     * Over WebSocket: a {@link Tcp} socket that has done the upgrade, and carries the msgtrans byte stream the cases
     * write in masked binary messages, one per msgtrans frame as the frames' headers declare them: a write is split
     * at those boundaries, and a half frame is a message left open (as a half frame is a stream left mid-frame over
     * TCP). What it receives is counted as msgtrans bytes (the payloads of
     * the server's messages), so the cases' byte counts hold for every protocol.
     */
    final class WebSocket implements RawConnection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final java.util.Random masks = new java.util.Random(7);
        /** Written msgtrans bytes of the current frame so far (its header's first 16), and its length once known. */
        private final byte[] header = new byte[16];
        private long inFrame;
        private long frameLength = -1;
        private boolean messageOpen;
        /** Bytes of the server's stream not yet parsed into frames. */
        private final java.io.ByteArrayOutputStream pendingIn = new java.io.ByteArrayOutputStream();
        private volatile long received;
        private volatile boolean ended;

        private WebSocket(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = socket.getInputStream();
        }

        static WebSocket open(String address) throws IOException {
            String hostPort = address.startsWith("ws://") ? address.substring(5) : address;
            Tcp tcp = (Tcp) RawConnection.tcp(hostPort);
            WebSocket ws = new WebSocket(tcp.socket);
            try {
                ws.upgrade(hostPort);
            } catch (IOException | RuntimeException e) {
                tcp.close();
                throw e;
            }
            return ws;
        }

        /** Sends the upgrade request and reads the 101 response up to its blank line. */
        private void upgrade(String hostPort) throws IOException {
            out.write(("GET / HTTP/1.1\r\nHost: " + hostPort + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder response = new StringBuilder();
            socket.setSoTimeout(20_000);
            while (!response.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("server ended the stream during the upgrade: " + response);
                }
                response.append((char) b);
            }
            if (!response.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("upgrade refused: " + response);
            }
        }

        /** The peer string the server reports for this connection. */
        public String serverSidePeer() {
            return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
        }

        /**
         * Splits the bytes at msgtrans frame boundaries (as the frames' own headers declare them): each piece is one
         * WebSocket frame, final where a msgtrans frame ends, a continuation where the previous piece left one open.
         */
        @Override
        public void write(byte[] bytes) throws IOException {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            int from = 0;
            for (int i = 0; i < bytes.length; i++) {
                byte b = bytes[i];
                if (inFrame < 16) {
                    header[(int) inFrame] = b;
                }
                inFrame++;
                if (inFrame == 16) {
                    long ext = ((header[8] & 0xFF) << 8) | (header[9] & 0xFF);
                    long payload = ((header[10] & 0xFFL) << 24) | ((header[11] & 0xFF) << 16)
                            | ((header[12] & 0xFF) << 8) | (header[13] & 0xFF);
                    frameLength = 16 + ext + payload;
                }
                if (inFrame == frameLength) {
                    wire.writeBytes(frame(messageOpen ? 0 : 2, true, Arrays.copyOfRange(bytes, from, i + 1)));
                    messageOpen = false;
                    from = i + 1;
                    inFrame = 0;
                    frameLength = -1;
                }
            }
            if (from < bytes.length) {
                wire.writeBytes(frame(messageOpen ? 0 : 2, false, Arrays.copyOfRange(bytes, from, bytes.length)));
                messageOpen = true;
            }
            out.write(wire.toByteArray());
            out.flush();
        }

        /** Sends a frame of any opcode, masked, as a client must. */
        public void writeFrame(int opcode, boolean fin, byte[] payload) throws IOException {
            out.write(frame(opcode, fin, payload));
            out.flush();
        }

        private byte[] frame(int opcode, boolean fin, byte[] payload) {
            java.io.ByteArrayOutputStream f = new java.io.ByteArrayOutputStream();
            f.write((fin ? 0x80 : 0) | opcode);
            int n = payload.length;
            if (n < 126) {
                f.write(0x80 | n);
            } else if (n <= 0xFFFF) {
                f.write(0x80 | 126);
                f.write(n >>> 8);
                f.write(n);
            } else {
                f.write(0x80 | 127);
                for (int i = 7; i >= 0; i--) {
                    f.write((int) ((long) n >>> (8 * i)));
                }
            }
            byte[] key = new byte[4];
            masks.nextBytes(key);
            f.writeBytes(key);
            for (int i = 0; i < n; i++) {
                f.write(payload[i] ^ key[i & 3]);
            }
            return f.toByteArray();
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
            byte[] buf = new byte[64 * 1024];
            while (received < bytes) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
                try {
                    int n = in.read(buf);
                    if (n < 0) {
                        ended = true;
                        break;
                    }
                    pendingIn.write(buf, 0, n);
                    parse();
                } catch (SocketTimeoutException e) {
                    break;
                }
            }
            return received;
        }

        /** Counts the payload bytes of every whole server frame received (the server's frames are never masked). */
        private void parse() {
            byte[] b = pendingIn.toByteArray();
            int at = 0;
            while (b.length - at >= 2) {
                int len7 = b[at + 1] & 0x7F;
                int head = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0);
                if (b.length - at < head) {
                    break;
                }
                long len = len7;
                if (len7 == 126) {
                    len = ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
                } else if (len7 == 127) {
                    len = 0;
                    for (int i = 2; i < 10; i++) {
                        len = (len << 8) | (b[at + i] & 0xFF);
                    }
                }
                if (b.length - at < head + len) {
                    break;
                }
                if ((b[at] & 0x0F) <= 2) {
                    received += len; // data frames: msgtrans bytes; control frames are the link's own
                }
                at += head + (int) len;
            }
            pendingIn.reset();
            pendingIn.write(b, at, b.length - at);
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
}
