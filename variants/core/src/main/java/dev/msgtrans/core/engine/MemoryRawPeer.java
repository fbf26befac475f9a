package dev.msgtrans.core.engine;

import java.nio.ByteBuffer;

/**
 * A raw end of an in-memory connection, the in-memory counterpart of a plain {@link java.net.Socket}: it writes
 * arbitrary bytes into the server's decoder (half frames, malformed headers), counts the bytes it is sent, can stop
 * reading (so the server's outbound queue for it fills, as with a peer that stops reading a socket), and can close
 * its end, in the middle of a frame if it likes. Made by {@link MemoryHub#connectRaw}; meant for tests and tools.
 * <p>
 * Threading contract: every method from any thread. Writes and the close are serialised by this object's lock,
 * which is what keeps the server end's decoder single-threaded without an I/O loop on this side.
 * <p>
 * Internal (see the package): public for the build's own modules, not API.
 */
public final class MemoryRawPeer implements MemoryEndpoint, AutoCloseable {

    private MemorySession serverEnd;
    private volatile boolean reading = true;
    private volatile boolean closedByServer;
    private volatile long bytesReceived;
    private boolean closed; // guarded by this

    MemoryRawPeer() {
    }

    void attach(MemorySession end) {
        this.serverEnd = end;
    }

    /** The server's session id for this connection. */
    public long session() {
        return serverEnd.id;
    }

    /**
     * Hands {@code bytes} to the server as if they had arrived on the wire; waits, as a blocking socket write does
     * when the peer's window is closed, while the server end has paused reading (its handler fell behind).
     */
    public synchronized void write(byte[] bytes) {
        while (!closed && !serverEnd.reading() && !serverEnd.state.isClosed()) {
            try {
                wait(100); // releases the lock: the server's resume runs under it (runAsWriter) and wakes us
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the server end was not reading", e);
            }
        }
        if (closed) {
            throw new IllegalStateException("raw memory connection to session " + serverEnd.id + " is closed");
        }
        serverEnd.receive(ByteBuffer.wrap(bytes));
    }

    /** Stops or resumes reading; while stopped, frames the server sends stay queued on its side. */
    public void reading(boolean on) {
        reading = on;
        if (on) {
            // The server end may be parked with its frames queued and its flush flag still set, so a plain
            // requestFlush() would not wake it: put it straight on its loop.
            serverEnd.loop.schedule(serverEnd);
        }
    }

    /** Closes this end (the in-memory FIN): the server sees the end of stream after what was written. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            serverEnd.peerClosed();
        }
    }

    /** Bytes the server delivered to this end. */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** @return {@code true} once the server closed its end */
    public boolean closedByServer() {
        return closedByServer;
    }

    // ---- MemoryEndpoint: called by the server end's loop --------------------------------------------------------

    @Override
    public void receive(ByteBuffer bytes) {
        bytesReceived += bytes.remaining(); // single writer: the server end's loop
        bytes.position(bytes.limit());
    }

    @Override
    public void peerClosed() {
        closedByServer = true;
    }

    @Override
    public boolean reading() {
        return reading;
    }

    /** Under this object's lock (the server end resumes through {@link #runAsWriter}): wakes a waiting write. */
    @Override
    public void readerResumed() {
        notifyAll();
    }

    /** Under this object's lock, which serialises every write to the server end. */
    @Override
    public boolean runAsWriter(Runnable task) {
        synchronized (this) {
            task.run();
        }
        return true;
    }
}
