package dev.msgtrans.guide.port;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jctools.maps.NonBlockingHashMapLong;

/**
 * After the migration: the same table on JCTools' {@link NonBlockingHashMapLong}, the structure the transport's
 * lock-free session registry uses (primitive {@code long} keys, so no boxing per lookup; every write a CAS on one
 * slot, resizes included). {@link java.util.concurrent.ConcurrentHashMap} is the JDK-only alternative: lock-free
 * reads, but its writes lock one bin with {@code synchronized} (which pins a virtual thread before JDK 24).
 * <p>
 * Threading contract: as {@link PresenceRegistry}. What the port changed, besides the structure:
 * <ul>
 *   <li>the check-then-act of {@code join} became one atomic {@code putIfAbsent};</li>
 *   <li>{@link #online()} and {@link #forEach} are weakly consistent instead of snapshots;</li>
 *   <li>the conditional {@code leave} does not call {@code NonBlockingHashMapLong.remove(long, Object)}, whose
 *       result is wrong in JCTools 4.0.5 for an equal-but-not-identical value (see {@link #leave(long, String)}).</li>
 * </ul>
 * Progress: every method is lock-free.
 */
public final class LockFreePresenceRegistry implements PresenceRegistry {

    private final NonBlockingHashMapLong<String> users = new NonBlockingHashMapLong<>();

    // tag::after-join[]
    @Override
    public boolean join(long session, String user) {
        // One atomic step: of two racing joins of one session, exactly one sees null.
        return users.putIfAbsent(session, user) == null;
    }
    // end::after-join[]

    @Override
    public String leave(long session) {
        return users.remove(session);
    }

    // tag::after-conditional-leave[]
    @Override
    public boolean leave(long session, String user) {
        // Not users.remove(session, user): in JCTools 4.0.5 that overload removes an equal-but-not-identical
        // value and still returns false (it compares its result with ==). A user decoded from a packet is never
        // the identical String that joined, so the caller would miss its own removal. Remove the exact object
        // we read instead; identity makes the result truthful, and a lost race is retried.
        for (;;) {
            String current = users.get(session);
            if (current == null || !current.equals(user)) {
                return false;
            }
            if (users.remove(session, current)) {
                return true;
            }
        }
    }
    // end::after-conditional-leave[]

    @Override
    public String userOf(long session) {
        return users.get(session);
    }

    // tag::after-online[]
    @Override
    public List<String> online() {
        // Weakly consistent: a user who joins or leaves during the call may or may not be listed.
        return new ArrayList<>(new TreeSet<>(users.values()));
    }
    // end::after-online[]

    @Override
    public void forEach(Visitor visitor) {
        for (Map.Entry<Long, String> e : users.entrySet()) {
            visitor.visit(e.getKey(), e.getValue());
        }
    }

    @Override
    public int size() {
        return users.size();
    }
}
