package dev.msgtrans.harness.events;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;

/**
 * A subscriber that asks for everything ({@code request(Long.MAX_VALUE)}) and counts what it receives: the
 * cheapest consumer, so the benchmark measures the bus, not the subscriber. {@code onNext} calls are serial per
 * subscriber (the {@link Flow} contract), so the plain counter is never contended. {@link #done} opens on
 * {@code onComplete} or {@code onError}; its happens-before edge makes the final count visible to the waiter.
 */
final class CountingSubscriber implements Flow.Subscriber<Object> {

    final CountDownLatch done = new CountDownLatch(1);
    long received;
    volatile Throwable failure;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(Object item) {
        received++;
    }

    @Override
    public void onError(Throwable throwable) {
        failure = throwable;
        done.countDown();
    }

    @Override
    public void onComplete() {
        done.countDown();
    }
}
