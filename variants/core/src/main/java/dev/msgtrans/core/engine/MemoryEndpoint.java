package dev.msgtrans.core.engine;

import java.nio.ByteBuffer;

/**
 * One end of an in-memory connection, as seen by the I/O loop of the other end.
 * <p>
 * Threading contract: {@link #receive} and {@link #peerClosed} are called only by the peer endpoint's I/O loop
 * (or, for a test peer without a loop, under that peer's lock), so an endpoint's decoder has one feeding thread at a
 * time, exactly as a socket's decoder has its one reading loop. {@link #reading()} from any thread.
 */
interface MemoryEndpoint {

    /** Bytes "arriving on the wire": consumed entirely before the call returns. */
    void receive(ByteBuffer bytes);

    /** The peer is gone (the in-memory FIN); called once, after its last {@link #receive}. */
    void peerClosed();

    /** @return {@code false} while this end has stopped reading, which leaves frames queued at the sender */
    boolean reading();

    /**
     * The other end reads again after a pause (its {@link #reading()} turned {@code true}): whatever this end kept
     * back for it goes out now. Called on the other end's reading thread, which is this end's writer.
     */
    void readerResumed();

    /**
     * Runs {@code task} on the thread that writes to this end's peer, serialised with this end's calls of the peer's
     * {@link #receive} and {@link #peerClosed}: the peer's reading thread, as far as the peer's decoder is concerned.
     *
     * @return {@code false} if that thread no longer runs tasks (its loop stopped): the task will not run
     */
    boolean runAsWriter(Runnable task);
}
