package dev.msgtrans.testkit.e2e;

import java.util.concurrent.locks.LockSupport;

/**
 * Retries an assertion until it holds or {@link EventRecorder#PATIENCE} passes: statistics and session tables are
 * updated by the thread that completed a future or closed a session, just after a case may have observed that. A
 * liveness bound, never a speed assertion.
 */
public final class Eventually {

    private Eventually() {
    }

    /** Runs {@code assertion} until it stops throwing {@link AssertionError}; rethrows the last one at the deadline. */
    public static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + EventRecorder.PATIENCE.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(1_000_000);
            }
        }
    }
}
