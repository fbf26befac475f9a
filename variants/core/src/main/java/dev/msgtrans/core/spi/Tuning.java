package dev.msgtrans.core.spi;

/**
 * What every variant of a component must do the same way, so that two variants differ only in how they
 * synchronise: run batches, counter batching, and the size a per-session structure starts at. A variant reads
 * these instead of its own numbers; {@code TuningConformance} in the testkit fails a variant that does not.
 * <p>
 * The values are the original's or the workbench's judgement, not tuned per variant; changing one changes every
 * variant at once, which is the point. Where a strategy cannot honour one (a fixed ring cannot grow), the
 * difference is named in {@code docs/fairness.md} and measured there.
 */
public final class Tuning {

    /**
     * Messages an actor run hands to its behavior before it gives its worker back (the original's batch): bounds
     * how long one busy actor holds a worker. Every actor system, whatever its mailbox.
     */
    public static final int ACTOR_BATCH = 32;

    /**
     * Events a subscription run delivers before it gives its worker back: the same bound as an actor run, for the
     * same reason. Every event bus.
     */
    public static final int EVENT_BATCH = 32;

    /**
     * Slots a per-session mailbox starts with; it grows on demand up to its bound, because most mailboxes stay
     * nearly empty and a server holds one per session.
     */
    public static final int MAILBOX_INITIAL_SLOTS = 16;

    /** Slots a per-session outbound queue starts with; it grows on demand up to its bound. */
    public static final int OUTBOUND_INITIAL_SLOTS = 64;

    /** Slots a per-subscriber event buffer starts with; it grows on demand up to its bound. */
    public static final int EVENT_BUFFER_INITIAL_SLOTS = 16;

    private Tuning() {
    }

    /** The slots a bounded per-session structure of the given bound starts with: never more than the bound. */
    public static int initialSlots(int bound, int preferred) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        return Math.min(bound, preferred);
    }
}
