package dev.msgtrans.testkit.reliability;

import dev.msgtrans.testkit.e2e.RawFrames;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/**
 * A plain blocking socket to an echo server that sends one-way frames and waits for them to come back, and can
 * tell the server's close (end of stream) from silence. Unlike {@code RawConnection} it keeps a partial echo across
 * waits, so a case can poll a connection that the server has not accepted yet.
 * <p>
 * Threading contract: one thread drives it.
 */
final class EchoSocket implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[4096];

    private EchoSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static EchoSocket connect(String address) throws IOException {
        int colon = address.lastIndexOf(':');
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1))));
            return new EchoSocket(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The peer string the server reports for this connection ("127.0.0.1:53211"). */
    String serverSidePeer() {
        return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    void send(byte[] payload) throws IOException {
        out.write(RawFrames.oneWay(1, payload));
        out.flush();
    }

    /**
     * Waits up to {@code patience} (a liveness bound) for the echo of {@code payload}.
     *
     * @return {@code true} if it came back whole and unchanged; {@code false} if it has not (yet)
     * @throws IOException if the server ended the stream or the connection failed
     */
    boolean awaitEcho(byte[] payload, Duration patience) throws IOException {
        byte[] expected = RawFrames.oneWay(1, payload);
        long deadline = System.nanoTime() + patience.toNanos();
        while (received.size() < expected.length) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("the server closed the connection " + serverSidePeer());
                }
                received.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                return false;
            }
        }
        byte[] all = received.toByteArray();
        received.reset();
        received.write(all, expected.length, all.length - expected.length);
        if (!Arrays.equals(expected, Arrays.copyOf(all, expected.length))) {
            throw new AssertionError("echo on " + serverSidePeer() + " differs from what was sent");
        }
        return true;
    }

    /** Sends {@code payload} and waits for its echo; {@code false} if it did not come within {@code patience}. */
    boolean echo(byte[] payload, Duration patience) throws IOException {
        send(payload);
        return awaitEcho(payload, patience);
    }

    /**
     * Reads (discarding what arrives) until the server ends the stream or {@code patience} passes.
     *
     * @return {@code true} on end of stream or a reset (the server closed its socket), {@code false} on silence
     */
    boolean awaitEndOfStream(Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset by the server: closed as well
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
