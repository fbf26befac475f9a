package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.engine.MemoryHub;
import dev.msgtrans.core.engine.MemoryRawPeer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A connection that speaks bytes, not packets: a plain socket over TCP, a {@link MemoryRawPeer} in memory. Cases
 * use it to send what no well-behaved client sends (half frames, bad headers) and to be a peer that never reads.
 */
public interface RawConnection extends AutoCloseable {

    /** Sends the bytes as they are. */
    void write(byte[] bytes) throws IOException;

    /** Stops taking bytes from the server, so its outbound queue for this connection fills. */
    void stopReading();

    /** The server's session id for this connection, learned from the server's events if need be. */
    long serverSession(EventRecorder serverEvents) throws InterruptedException;

    @Override
    void close() throws IOException;

    /** A socket that never reads, with a small receive buffer so that a server's writes back up quickly. */
    static RawConnection tcp(String address) throws IOException {
        int colon = address.lastIndexOf(':');
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))));
        OutputStream out = socket.getOutputStream();
        return new RawConnection() {
            @Override
            public void write(byte[] bytes) throws IOException {
                out.write(bytes);
                out.flush();
            }

            @Override
            public void stopReading() {
                // this socket never reads anyway
            }

            @Override
            public long serverSession(EventRecorder serverEvents) throws InterruptedException {
                String suffix = ":" + socket.getLocalPort();
                return serverEvents.await(TransportEvent.ConnectionEstablished.class, e -> e.peer().endsWith(suffix)).session();
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }

    static RawConnection memory(String address) throws IOException {
        MemoryRawPeer peer = MemoryHub.connectRaw(address);
        return new RawConnection() {
            @Override
            public void write(byte[] bytes) {
                peer.write(bytes);
            }

            @Override
            public void stopReading() {
                peer.reading(false);
            }

            @Override
            public long serverSession(EventRecorder serverEvents) {
                return peer.session();
            }

            @Override
            public void close() {
                peer.close();
            }
        };
    }
}
