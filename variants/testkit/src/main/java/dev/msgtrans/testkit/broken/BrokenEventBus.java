package dev.msgtrans.testkit.broken;

import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.EventBus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * CONTROL, deliberately unsafe: a plain {@link ArrayList} of subscribers, an {@link ArrayDeque} buffer per subscriber
 * and a plain delivery flag, checked then set. Correct from one thread (with deliveries run by the dispatch);
 * concurrently, events are lost without being counted, delivered twice, or delivered by two concurrent
 * {@code onNext} calls.
 */
final class BrokenEventBus<E> implements EventBus<E> {

    private final List<Sub> subs = new ArrayList<>();
    private final Dispatch dispatch;
    private final int capacity;
    private long dropped;
    private long delivered;
    private boolean closed;

    BrokenEventBus(Dispatch dispatch, int bufferCapacity) {
        if (bufferCapacity <= 0) {
            throw new IllegalArgumentException("bufferCapacity must be positive, was " + bufferCapacity);
        }
        this.dispatch = dispatch;
        this.capacity = bufferCapacity;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super E> subscriber) {
        Sub s = new Sub(subscriber);
        subscriber.onSubscribe(s);
        if (closed) {
            s.completing = true;
            s.schedule();
        } else {
            subs.add(s);
        }
    }

    @Override
    public int publish(E event) {
        if (closed) {
            return 0;
        }
        int n = 0;
        for (Sub s : new ArrayList<>(subs)) {
            if (s.offer(event)) {
                n++;
            } else {
                dropped++;
            }
        }
        return n;
    }

    @Override
    public long dropped() {
        return dropped;
    }

    @Override
    public long delivered() {
        return delivered;
    }

    @Override
    public int subscribers() {
        return subs.size();
    }

    @Override
    public void close() {
        closed = true;
        for (Sub s : new ArrayList<>(subs)) {
            s.completing = true;
            s.schedule();
        }
        subs.clear();
    }

    private final class Sub implements Flow.Subscription, Runnable {
        private final Flow.Subscriber<? super E> subscriber;
        private final ArrayDeque<E> buffer = new ArrayDeque<>();
        private long demand;
        private boolean scheduled;
        private boolean cancelled;
        private boolean completing;
        private boolean done;
        private Throwable error;

        Sub(Flow.Subscriber<? super E> subscriber) {
            this.subscriber = subscriber;
        }

        boolean offer(E event) {
            if (cancelled || buffer.size() >= capacity) {
                return false;
            }
            buffer.offer(event);
            schedule();
            return true;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                error = new IllegalArgumentException("request(" + n + "): demand must be positive (Reactive Streams 3.9)");
            } else {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            schedule();
        }

        @Override
        public void cancel() {
            cancelled = true;
            subs.remove(this);
        }

        void schedule() {
            if (!scheduled) {
                scheduled = true;
                dispatch.execute(this);
            }
        }

        @Override
        public void run() {
            try {
                if (done || cancelled) {
                    return;
                }
                if (error != null) {
                    done = true;
                    subs.remove(this);
                    subscriber.onError(error);
                    return;
                }
                E e;
                while (demand > 0 && !cancelled && (e = buffer.poll()) != null) {
                    demand--;
                    delivered++;
                    subscriber.onNext(e);
                }
                if (completing && buffer.isEmpty() && !cancelled) {
                    done = true;
                    subscriber.onComplete();
                }
            } finally {
                scheduled = false;
            }
        }
    }
}
