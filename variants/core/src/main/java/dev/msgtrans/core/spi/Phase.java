package dev.msgtrans.core.spi;

/**
 * The migration phases of DESIGN.md; each owns one group of components, and a {@link Composition} picks one
 * {@link Variant} per phase so a migration can be replayed step by step.
 */
public enum Phase {
    /** Phase 1: {@link SessionRegistry}. */
    SESSIONS("1", "sessions"),
    /** Phase 2: {@link ActorSystem} with its {@link Mailbox}es, and {@link EventBus}. */
    ACTORS_EVENTS("2", "actors"),
    /** Phase 3.1: {@link ConnectionPool} and {@link BufferPool}. */
    POOLS("3.1", "pools"),
    /** Phase 3.2: {@link RequestTracker} and {@link Dispatch}. */
    REQUESTS_DISPATCH("3.2", "requests"),
    /** Phase 3.3: {@link OutboundQueue}. */
    OUTBOUND_IO("3.3", "outbound");

    private final String number;
    private final String key;

    Phase(String number, String key) {
        this.number = number;
        this.key = key;
    }

    /** "1", "2", "3.1", "3.2", "3.3". */
    public String number() {
        return number;
    }

    /** The key of this phase in a composition spec such as {@code sessions=lockfree,actors=mutex}. */
    public String key() {
        return key;
    }

    public static Phase fromKey(String key) {
        for (Phase p : values()) {
            if (p.key.equals(key) || p.number.equals(key)) {
                return p;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Phase p : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(p.key);
        }
        throw new IllegalArgumentException("unknown phase '" + key + "'; known phases: " + known);
    }
}
