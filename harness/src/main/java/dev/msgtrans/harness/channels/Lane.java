package dev.msgtrans.harness.channels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One consumer's end of a channel: counts what that consumer received. Written by one thread at a time (the
 * consumer thread that polls this lane, or, for {@code SubmissionPublisher}, whichever thread runs this
 * subscriber's delivery task; the publisher serialises those tasks), read by the consumer thread that reports it.
 * The count is published with a release store and read with an acquire load: a plain move on x86, and correct when
 * the writer and the reporter differ.
 */
final class Lane {

    private static final VarHandle RECEIVED;

    static {
        try {
            RECEIVED = MethodHandles.lookup().findVarHandle(Lane.class, "received", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int index;
    @SuppressWarnings("unused") // accessed through RECEIVED
    private long received;
    /** Read from every message, so that consuming one touches its payload as a real consumer would. */
    private int checksum;

    Lane(int index) {
        this.index = index;
    }

    void receive(Message m) {
        checksum += m.payload[Message.PAYLOAD_BYTES - 1];
        RECEIVED.setRelease(this, (long) RECEIVED.get(this) + 1);
    }

    long received() {
        return (long) RECEIVED.getAcquire(this);
    }

    int checksum() {
        return checksum;
    }
}
