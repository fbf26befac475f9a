package dev.msgtrans.harness.actors;

import dev.msgtrans.core.spi.ActorSystem;

import java.util.concurrent.CountDownLatch;

/**
 * The cheapest behavior that still does something with each message: it counts them. One instance per actor, so
 * the count is written by one actor run at a time (the {@link ActorSystem} contract), never contended; the work
 * measured is the system's hand-off, not the behavior. {@code stopped} opens when {@code onStop} has run, after the
 * actor's last message, so a waiter on it sees the final count.
 */
final class CountingBehavior implements ActorSystem.Behavior<Object> {

    final CountDownLatch stopped = new CountDownLatch(1);
    /** Written only inside this actor's serial runs; read after {@link #stopped} opened. */
    long handled;

    @Override
    public void onMessage(long actorId, Object message) {
        handled++;
    }

    @Override
    public void onStop(long actorId) {
        stopped.countDown();
    }
}
