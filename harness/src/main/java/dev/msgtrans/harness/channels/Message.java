package dev.msgtrans.harness.channels;

/**
 * What travels through the channels: a 64-byte payload, the size of the original's comparison. Producers cycle
 * through a preallocated pool of these, so the measured path allocates nothing (the original allocated a vector
 * per message, inside its timed region).
 */
public final class Message {

    /** Payload size of the original's channel comparison. */
    public static final int PAYLOAD_BYTES = 64;

    final byte[] payload = new byte[PAYLOAD_BYTES];

    Message(int seed) {
        payload[PAYLOAD_BYTES - 1] = (byte) seed;
    }
}
