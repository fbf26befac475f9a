package dev.msgtrans.harness.events;

import java.util.concurrent.Flow;

/**
 * A subscriber that asks for everything ({@code request(Long.MAX_VALUE)}) and counts what it receives: the
 * cheapest consumer, so the benchmark measures the bus, not the subscriber. {@code onNext} calls are serial per
 * subscriber (the {@link Flow} contract), so the plain counter is never contended.
 */
final class CountingSubscriber implements Flow.Subscriber<Object> {

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
    }

    @Override
    public void onComplete() {
        // nothing buffered to flush
    }
}
