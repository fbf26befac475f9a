package dev.msgtrans.stress.sessions;

import dev.msgtrans.core.spi.SessionRegistry;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.stress.support.Session;

/**
 * How the session properties build a registry: sized for one entry and preloaded with {@link #PRELOADED} unrelated
 * sessions, so that the write under test is the thirteenth entry. The broken control's {@link java.util.HashMap}
 * (default load factor) resizes exactly there, which is the window in which an unsynchronized map loses or hides
 * entries, so the control is caught far more often than with an empty map. The real variants' tables resize elsewhere (the lock
 * variants' {@code LongOpenHashMap} at 4, 8 and 16 entries; {@code NonBlockingHashMapLong} by its own rule): for them
 * the preload means a table that already holds entries, not a write that always lands on a resize.
 */
final class RegistryFixture {

    /** Preloaded sessions use ids {@code PRELOAD_BASE .. PRELOAD_BASE + PRELOADED - 1}, payload = id. */
    static final int PRELOADED = 12;
    static final long PRELOAD_BASE = 1_000;

    private RegistryFixture() {
    }

    static SessionRegistry<Session> preloaded(String alias) {
        SessionRegistry<Session> r = Variants.get(alias).newSessionRegistry(1);
        for (int i = 0; i < PRELOADED; i++) {
            r.put(PRELOAD_BASE + i, new Session((int) (PRELOAD_BASE + i)));
        }
        return r;
    }

    /** @return how many preloaded sessions {@code r} shows with their payload intact */
    static int preloadedVisible(SessionRegistry<Session> r) {
        int n = 0;
        for (int i = 0; i < PRELOADED; i++) {
            Session s = r.get(PRELOAD_BASE + i);
            if (s != null && s.payload == PRELOAD_BASE + i) {
                n++;
            }
        }
        return n;
    }
}
