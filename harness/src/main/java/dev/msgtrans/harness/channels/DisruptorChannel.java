package dev.msgtrans.harness.channels;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.ProducerType;

/**
 * LMAX Disruptor row (4.0 API): one pre-allocated ring of slots, one {@link EventPoller} per consumer, every
 * poller's sequence gating the producers. So multicast is native: each consumer reads every slot, and a slot is
 * reused only when the slowest consumer has passed it. Publishing is all-or-nothing: when the slowest consumer is a
 * full ring behind, {@code tryPublishEvent} refuses the message for every consumer.
 * <p>
 * Pollers run on the benchmark's own consumer threads (no {@code BatchEventProcessor} thread), so the row has the
 * same threads as the queue rows; a poll consumes the whole available batch, the Disruptor's natural unit.
 */
final class DisruptorChannel extends Channel {

    /** A ring slot; the producer writes the reference, the consumers read it. */
    static final class Slot {
        Message message;
    }

    private static final EventTranslatorOneArg<Slot, Message> PUT = (slot, sequence, m) -> slot.message = m;

    private final RingBuffer<Slot> ring;
    private final EventPoller<Slot>[] pollers;
    private final EventPoller.Handler<Slot>[] handlers;

    @SuppressWarnings("unchecked")
    DisruptorChannel(int producers, int consumers, int capacity) {
        super(consumers);
        // the wait strategy only matters for blocking waits, which nothing here does
        ring = RingBuffer.create(producers == 1 ? ProducerType.SINGLE : ProducerType.MULTI, Slot::new, capacity,
                new BusySpinWaitStrategy());
        pollers = (EventPoller<Slot>[]) new EventPoller<?>[consumers];
        handlers = (EventPoller.Handler<Slot>[]) new EventPoller.Handler<?>[consumers];
        for (int i = 0; i < consumers; i++) {
            pollers[i] = ring.newPoller();
            ring.addGatingSequences(pollers[i].getSequence());
            Lane lane = lane(i);
            handlers[i] = (slot, sequence, endOfBatch) -> {
                lane.receive(slot.message);
                return true;
            };
        }
    }

    @Override
    int publish(Message m) {
        return ring.tryPublishEvent(PUT, m) ? consumers() : 0;
    }

    @Override
    int consume(Lane lane) {
        try {
            return pollers[lane.index].poll(handlers[lane.index]) == EventPoller.PollState.PROCESSING ? 1 : 0;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // the handler above throws nothing checked; poll() merely declares it
            throw new IllegalStateException(e);
        }
    }
}
