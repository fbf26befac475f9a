package dev.msgtrans.harness.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shoot-out's adapters, single-threaded: each row keeps the common bound, delivers every accepted message to
 * every consumer exactly once, and refuses what it cannot serve. Concurrency of the structures themselves is their
 * libraries' business; what is tested here is that the benchmark wires them honestly.
 */
class ChannelsTest {

    private static final int CAPACITY = 64;

    static List<String> impls() {
        return Channels.KNOWN;
    }

    @ParameterizedTest
    @MethodSource("impls")
    void boundIsTheCommonCapacity(String impl) {
        Channel ch = Channels.create(impl, 1, 1, CAPACITY);
        Message m = new Message(1);
        for (int i = 0; i < CAPACITY; i++) {
            assertEquals(1, ch.publish(m), impl + " refused message " + i + " below its capacity");
        }
        assertEquals(0, ch.publish(m), impl + " accepted more than its capacity");
        ch.close();
    }

    @ParameterizedTest
    @MethodSource("impls")
    void everyConsumerReceivesEveryAcceptedMessageOnce(String impl) {
        for (int consumers : new int[] {1, 3}) {
            Channel ch = Channels.create(impl, 1, consumers, CAPACITY);
            Lane[] lanes = new Lane[consumers];
            for (int i = 0; i < consumers; i++) {
                lanes[i] = ch.claimLane();
            }
            long accepted = 0;
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < CAPACITY / 2; i++) {
                    accepted += ch.publish(new Message(i));
                }
                for (Lane lane : lanes) {
                    // consume until the channel says empty; a bounded number of attempts guards against a livelock
                    for (int attempts = 0; attempts < 10 * CAPACITY && ch.consume(lane) != 0; attempts++) {
                        // keep consuming
                    }
                }
            }
            assertEquals(5L * consumers * (CAPACITY / 2), accepted, impl + " refused below capacity");
            long received = 0;
            for (Lane lane : lanes) {
                received += lane.received();
            }
            assertEquals(accepted, received, impl + " with " + consumers + " consumers: accepted vs received");
            ch.close();
        }
    }

    @Test
    void unknownImplIsRefusedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Channels.create("CrossbeamChannel", 1, 1, CAPACITY));
        assertTrue(e.getMessage().contains(Channels.MPSC_ARRAY_QUEUE), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Channels.requireKnown("flume"));
    }

    @Test
    void singleProducerQueueIsRefusedForSeveralProducers() {
        assertThrows(IllegalArgumentException.class, () -> Channels.create(Channels.SPSC_ARRAY_QUEUE, 2, 1, CAPACITY));
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> Channels.create(Channels.ARRAY_BLOCKING_QUEUE, 1, 1, 1000));
    }

    @Test
    void moreConsumerThreadsThanLanesIsAnError() {
        Channel ch = Channels.create(Channels.DISRUPTOR, 1, 1, CAPACITY);
        ch.claimLane();
        assertThrows(IllegalStateException.class, ch::claimLane);
    }
}
