package dev.msgtrans.testkit.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP proxy on loopback in front of a server that can stop answering connects, as a host that drops SYNs does:
 * {@link #stall()} stops accepting and fills its backlog of one (Linux queues backlog + 1 handshakes, then drops
 * further SYNs, so a connect neither completes nor is refused). {@link #resume()} accepts again, and the clients'
 * retransmitted SYNs get through. Each accepted connection is forwarded byte for byte to the server; when either
 * side ends or fails, both sockets close.
 * <p>
 * Threading contract: {@link #stall}, {@link #resume} and {@link #close} from the test's thread; the proxy runs its
 * own threads (one acceptor, two pumps per connection).
 */
final class StallingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Thread acceptor;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Socket> fillers = new ArrayList<>();
    private volatile boolean stalled;
    private volatile boolean parked;
    private volatile boolean closed;

    StallingProxy(String serverAddress) throws IOException {
        int colon = serverAddress.lastIndexOf(':');
        this.upstream = new InetSocketAddress(serverAddress.substring(0, colon),
                Integer.parseInt(serverAddress.substring(colon + 1)));
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(20); // the acceptor rechecks the stall flag this often
        this.acceptor = new Thread(this::acceptLoop, "stalling-proxy-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where clients connect: "127.0.0.1:port". */
    String address() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** Stops accepting and fills the backlog: from now on a connect to the proxy hangs. */
    void stall() throws IOException, InterruptedException {
        stalled = true;
        while (!parked) {
            Thread.sleep(5);
        }
        fillers.addAll(fillBacklog(listener));
    }

    /**
     * Connects plain sockets to {@code listener}, which does not accept, until a connect no longer completes: from
     * then on a connect to it hangs, as to an address that never answers (Linux drops SYNs on a full accept queue).
     *
     * @return the sockets holding the queue full; close them to let connects through again
     */
    static List<Socket> fillBacklog(ServerSocket listener) throws IOException {
        List<Socket> out = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            try {
                s.connect(listener.getLocalSocketAddress(), 200);
                out.add(s);
            } catch (SocketTimeoutException e) {
                s.close();
                return out;
            }
        }
        throw new IllegalStateException("the backlog did not fill: this host does not drop SYNs on a full accept"
                + " queue, so it cannot simulate an address that never answers");
    }

    /** Accepts again (the fillers are closed first, and forwarded as connections that end at once). */
    void resume() throws IOException {
        for (Socket s : fillers) {
            s.close();
        }
        fillers.clear();
        stalled = false;
    }

    private void acceptLoop() {
        while (!closed) {
            if (stalled) {
                parked = true;
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            parked = false;
            try {
                Socket client = listener.accept();
                forward(client);
            } catch (SocketTimeoutException e) {
                // recheck the flags
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void forward(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(upstream, 5_000);
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        synchronized (sockets) {
            sockets.add(client);
            sockets.add(server);
        }
        pump(client, server);
        pump(server, client);
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                }
            } catch (IOException ignored) {
                // one side failed: both close below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "stalling-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        listener.close();
        acceptor.join(5_000);
        for (Socket s : fillers) {
            closeQuietly(s);
        }
        synchronized (sockets) {
            sockets.forEach(StallingProxy::closeQuietly);
        }
    }
}
