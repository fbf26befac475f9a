package dev.msgtrans.stress.events;

import dev.msgtrans.core.spi.EventBus;
import dev.msgtrans.core.spi.Tuning;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.stress.support.Aliases;
import dev.msgtrans.stress.support.CallerRunsDispatch;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import java.util.concurrent.Flow;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Property: a subscriber's buffer that grows while two publishers fill it keeps every event, once, in each
 * publisher's order.
 * <p>
 * Every variant starts a subscriber's buffer at {@link Tuning#EVENT_BUFFER_INITIAL_SLOTS} slots and grows it on
 * demand up to the bus's capacity; {@link EventBusExactlyOnce} uses a buffer of one event and never reaches the
 * growth. Here the one subscriber asks for nothing until the arbiter, so everything published stays buffered: two
 * actors publish {@link #PER_ACTOR} events each, more together than the initial slots and fewer than the capacity,
 * so the buffer grows while both publish and nothing may be dropped. The arbiter then requests everything; the
 * {@link CallerRunsDispatch} delivers on its thread.
 * <p>
 * Result: {@code r1} distinct events delivered (all of them: {@code 2 x PER_ACTOR}); {@code r2} {@code dropped()};
 * {@code r3} anomaly bits: 1 an event delivered twice, 2 a publisher's events out of order, 4 {@code delivered()}
 * disagrees, 8 {@code onError}, 16 a call threw, 32 a publish reported the subscriber's buffer full.
 * <p>
 * Run: {@code java -jar jcstress-tests/target/jcstress.jar -t EventBusBufferGrowth}
 */
@Description("EventBus: two publishers fill a growing subscriber buffer; every event kept, once, in publisher order")
@Outcome(id = "24, 0, 0", expect = ACCEPTABLE, desc = "every event buffered through the growth and delivered once")
@Outcome(expect = FORBIDDEN, desc = "an event lost, duplicated, reordered or dropped although the buffer had room")
public abstract class EventBusBufferGrowth {

    static final int PER_ACTOR = 12;
    static final int EVENTS = 2 * PER_ACTOR;
    /** Room for every event, and more than the initial slots, so that the buffer must grow. */
    static final int CAPACITY = 4 * Tuning.EVENT_BUFFER_INITIAL_SLOTS;

    static {
        if (EVENTS <= Tuning.EVENT_BUFFER_INITIAL_SLOTS || EVENTS > CAPACITY) {
            throw new ExceptionInInitializerError("the events must overflow the initial slots and fit the capacity");
        }
    }

    private final EventBus<Integer> bus;
    private final HoldingSubscriber subscriber = new HoldingSubscriber();
    private volatile boolean threw;
    private volatile boolean refused;

    protected EventBusBufferGrowth(String alias) {
        bus = Variants.get(alias).newEventBus(new CallerRunsDispatch(), CAPACITY);
        bus.subscribe(subscriber);
    }

    /** Events {@code first} to {@code first + PER_ACTOR - 1}, in order. */
    protected final void publishFrom(int first) {
        try {
            for (int e = first; e < first + PER_ACTOR; e++) {
                if (bus.publish(e) != 1) {
                    refused = true;
                }
            }
        } catch (RuntimeException e) {
            threw = true;
        }
    }

    protected final void check(III_Result r) {
        int anomalies = threw ? 16 : 0;
        anomalies |= refused ? 32 : 0;
        try {
            subscriber.subscription.request(Long.MAX_VALUE);
        } catch (RuntimeException e) {
            anomalies |= 16;
        }
        HoldingSubscriber s = subscriber;
        int distinct = 0;
        for (int e = 1; e <= EVENTS; e++) {
            if (s.seen[e] > 1) {
                anomalies |= 1;
            }
            distinct += Math.min(s.seen[e], 1);
        }
        if (s.outOfOrder) {
            anomalies |= 2;
        }
        if (bus.delivered() != s.count) {
            anomalies |= 4;
        }
        if (s.errored) {
            anomalies |= 8;
        }
        r.r1 = distinct;
        r.r2 = (int) bus.dropped();
        r.r3 = anomalies;
    }

    /** Asks for nothing until told; counts in plain fields, relying on serial {@code onNext}. */
    static final class HoldingSubscriber implements Flow.Subscriber<Integer> {
        final int[] seen = new int[EVENTS + 1];
        int count;
        private int last1;
        private int last2 = PER_ACTOR;
        boolean outOfOrder;
        volatile Flow.Subscription subscription;
        volatile boolean errored;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
        }

        @Override
        public void onNext(Integer event) {
            int e = event;
            if (e < 1 || e > EVENTS) {
                errored = true;
                return;
            }
            seen[e]++;
            count++;
            if (e <= PER_ACTOR) {
                outOfOrder |= e <= last1;
                last1 = e;
            } else {
                outOfOrder |= e <= last2;
                last2 = e;
            }
        }

        @Override
        public void onError(Throwable throwable) {
            errored = true;
        }

        @Override
        public void onComplete() {
        }
    }

    @JCStressTest
    @State
    public static class Mutex extends EventBusBufferGrowth {
        public Mutex() { super(Aliases.MUTEX); }
        @Actor public void actor1() { publishFrom(1); }
        @Actor public void actor2() { publishFrom(PER_ACTOR + 1); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class RwLock extends EventBusBufferGrowth {
        public RwLock() { super(Aliases.RWLOCK); }
        @Actor public void actor1() { publishFrom(1); }
        @Actor public void actor2() { publishFrom(PER_ACTOR + 1); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class LockFree extends EventBusBufferGrowth {
        public LockFree() { super(Aliases.LOCKFREE); }
        @Actor public void actor1() { publishFrom(1); }
        @Actor public void actor2() { publishFrom(PER_ACTOR + 1); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class Cow extends EventBusBufferGrowth {
        public Cow() { super(Aliases.COW); }
        @Actor public void actor1() { publishFrom(1); }
        @Actor public void actor2() { publishFrom(PER_ACTOR + 1); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    /** The unsynchronized control: concurrent offers into a growing buffer lose or duplicate events. */
    @JCStressTest
    @State
    public static class Broken extends EventBusBufferGrowth {
        public Broken() { super(Aliases.BROKEN); }
        @Actor public void actor1() { publishFrom(1); }
        @Actor public void actor2() { publishFrom(PER_ACTOR + 1); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }
}
