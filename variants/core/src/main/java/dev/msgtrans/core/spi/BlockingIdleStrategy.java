package dev.msgtrans.core.spi;

/**
 * {@link IdleStrategy} with no active wait: a worker that finds no work blocks at once (parks, or waits on its
 * queue's condition). It costs no core while idle and pays one park/unpark pair per idle period; the choice when the
 * workers share their cores with the I/O threads. Stateless, so the same as a {@link BackoffIdleStrategy} of 0 spins
 * and 0 yields, named for what it does.
 * <p>
 * Threading contract: as {@link IdleStrategy}; it holds no state, so it is safe from any thread.
 */
public final class BlockingIdleStrategy implements IdleStrategy {

    public static final String ALIAS = "blocking";

    @Override
    public boolean idle(int workCount) {
        return workCount > 0;
    }

    @Override
    public void reset() {
        // nothing to reset: no idle count
    }

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String toString() {
        return ALIAS;
    }
}
