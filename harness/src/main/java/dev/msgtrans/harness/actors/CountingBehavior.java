package dev.msgtrans.harness.actors;

import dev.msgtrans.core.spi.ActorSystem;

/**
 * The cheapest behavior that still does something with each message: it counts them. One instance per actor, so
 * the count is written by one actor run at a time (the {@link ActorSystem} contract), never contended; the work
 * measured is the system's hand-off, not the behavior.
 */
final class CountingBehavior implements ActorSystem.Behavior<Object> {

    /** Written only inside this actor's serial runs; read after the system is closed. */
    long handled;

    @Override
    public void onMessage(long actorId, Object message) {
        handled++;
    }
}
