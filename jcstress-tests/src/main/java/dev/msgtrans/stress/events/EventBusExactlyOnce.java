package dev.msgtrans.stress.events;

import dev.msgtrans.core.spi.EventBus;
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
 * Property: each subscriber sees each event exactly once, or the drop is counted.
 * <p>
 * Two subscribers with unbounded demand and a buffer of one event each; two actors publish one event each. The bus
 * delivers on a {@link CallerRunsDispatch}, so the publishers' threads run the deliveries and race on each
 * subscriber's drain; the subscribers count events in plain arrays, which is safe only if {@code onNext} is serial as
 * the contract says. After both publishes every delivery has run, and the arbiter checks: no event twice to one
 * subscriber; everything a {@code publish} reported as buffered was delivered; every event a subscriber did not get
 * is counted in {@code dropped()}; {@code delivered()} agrees.
 * <p>
 * Result: {@code r1} events delivered (over both subscribers, at most 4); {@code r2} {@code dropped()};
 * {@code r3} anomaly bits: 1 duplicate, 2 buffered but never delivered, 4 {@code delivered()} disagrees,
 * 8 {@code onError}, 16 a call threw.
 * <p>
 * Run: {@code java -jar jcstress-tests/target/jcstress.jar -t EventBusExactlyOnce}
 */
@Description("EventBus: two publishers, two subscribers; each event reaches each subscriber once, or its drop is counted")
@Outcome(id = "4, 0, 0", expect = ACCEPTABLE, desc = "every event reached every subscriber once")
@Outcome(id = "3, 1, 0", expect = ACCEPTABLE, desc = "one drop, counted")
@Outcome(id = "2, 2, 0", expect = ACCEPTABLE, desc = "two drops, counted")
@Outcome(id = "1, 3, 0", expect = ACCEPTABLE, desc = "three drops, counted")
@Outcome(id = "0, 4, 0", expect = ACCEPTABLE, desc = "every event dropped, counted")
@Outcome(id = ".*, .*, [0-9]*[13579]", expect = FORBIDDEN, desc = "a subscriber got an event twice")
@Outcome(expect = FORBIDDEN, desc = "an event was lost without being counted, stranded in a buffer, or miscounted")
public abstract class EventBusExactlyOnce {

    static final int BUFFER = 1;
    static final int SUBSCRIBERS = 2;
    static final int EVENTS = 2;

    private final EventBus<Integer> bus;
    private final CountingSubscriber[] subscribers = new CountingSubscriber[SUBSCRIBERS];
    private int buffered1;
    private int buffered2;
    private volatile boolean threw;

    protected EventBusExactlyOnce(String alias) {
        bus = Variants.get(alias).newEventBus(new CallerRunsDispatch(), BUFFER);
        for (int i = 0; i < SUBSCRIBERS; i++) {
            subscribers[i] = new CountingSubscriber();
            bus.subscribe(subscribers[i]);
        }
    }

    protected final void publish1() {
        try {
            buffered1 = bus.publish(1);
        } catch (RuntimeException e) {
            threw = true;
        }
    }

    protected final void publish2() {
        try {
            buffered2 = bus.publish(2);
        } catch (RuntimeException e) {
            threw = true;
        }
    }

    protected final void check(III_Result r) {
        int delivered = 0;
        int anomalies = threw ? 16 : 0;
        for (CountingSubscriber s : subscribers) {
            for (int e = 1; e <= EVENTS; e++) {
                if (s.seen[e] > 1) {
                    anomalies |= 1;
                }
                delivered += Math.min(s.seen[e], 1);
            }
            if (s.errored) {
                anomalies |= 8;
            }
        }
        if (delivered < buffered1 + buffered2) {
            anomalies |= 2;
        }
        if (bus.delivered() != delivered) {
            anomalies |= 4;
        }
        r.r1 = delivered;
        r.r2 = (int) bus.dropped();
        r.r3 = anomalies;
    }

    /** Requests everything up front; counts in a plain array, relying on serial {@code onNext}. */
    static final class CountingSubscriber implements Flow.Subscriber<Integer> {
        final int[] seen = new int[EVENTS + 1];
        volatile boolean errored;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Integer event) {
            seen[event]++;
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
    public static class Mutex extends EventBusExactlyOnce {
        public Mutex() { super(Aliases.MUTEX); }
        @Actor public void actor1() { publish1(); }
        @Actor public void actor2() { publish2(); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class RwLock extends EventBusExactlyOnce {
        public RwLock() { super(Aliases.RWLOCK); }
        @Actor public void actor1() { publish1(); }
        @Actor public void actor2() { publish2(); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class LockFree extends EventBusExactlyOnce {
        public LockFree() { super(Aliases.LOCKFREE); }
        @Actor public void actor1() { publish1(); }
        @Actor public void actor2() { publish2(); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    @JCStressTest
    @State
    public static class Cow extends EventBusExactlyOnce {
        public Cow() { super(Aliases.COW); }
        @Actor public void actor1() { publish1(); }
        @Actor public void actor2() { publish2(); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }

    /** The unsynchronized control: concurrent deliveries duplicate or lose events; expected to be caught. */
    @JCStressTest
    @State
    public static class Broken extends EventBusExactlyOnce {
        public Broken() { super(Aliases.BROKEN); }
        @Actor public void actor1() { publish1(); }
        @Actor public void actor2() { publish2(); }
        @Arbiter public void arbiter(III_Result r) { check(r); }
    }
}
