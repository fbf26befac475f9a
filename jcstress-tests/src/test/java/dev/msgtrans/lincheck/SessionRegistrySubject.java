package dev.msgtrans.lincheck;

import dev.msgtrans.core.spi.SessionRegistry;
import dev.msgtrans.core.spi.Variants;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.paramgen.LongGen;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link SessionRegistry} under lincheck: {@code put}, {@code putIfAbsent}, {@code get}, {@code remove} and
 * conditional {@code remove} on three ids, against a {@link HashMap} ({@link Model}). The registry is sized for one
 * entry so that the operations also exercise its growth.
 * <p>
 * {@code size()} is checked at quiescence only ({@link #sizeAtQuiescence()}): the SPI promises nothing about a size
 * read while writes are in flight, and the lock-free registry's counter (JCTools' {@code ConcurrentAutoTable})
 * is indeed not linearizable with the writes (lincheck found {@code put} returning, then {@code size() == 0}).
 */
@Param(name = "id", gen = LongGen.class, conf = "1:3")
@Param(name = "value", gen = IntGen.class, conf = "1:3")
public abstract class SessionRegistrySubject {

    private final SessionRegistry<Integer> registry;

    protected SessionRegistrySubject(String alias) {
        registry = Variants.get(alias).newSessionRegistry(1);
    }

    /** The component under test, so that bindings sharing one implementation are checked once. */
    public final Object component() {
        return registry;
    }

    @Operation
    public Integer put(@Param(name = "id") long id, @Param(name = "value") int value) {
        return registry.put(id, value);
    }

    @Operation
    public Integer putIfAbsent(@Param(name = "id") long id, @Param(name = "value") int value) {
        return registry.putIfAbsent(id, value);
    }

    @Operation
    public Integer get(@Param(name = "id") long id) {
        return registry.get(id);
    }

    @Operation
    public Integer remove(@Param(name = "id") long id) {
        return registry.remove(id);
    }

    @Operation
    public boolean removeIfMapped(@Param(name = "id") long id, @Param(name = "value") int value) {
        return registry.remove(id, value);
    }

    /** After each execution: {@code size()} equals the number of mapped ids. */
    @Validate
    public void sizeAtQuiescence() {
        int mapped = 0;
        for (long id = 1; id <= 3; id++) {
            mapped += registry.get(id) != null ? 1 : 0;
        }
        if (registry.size() != mapped) {
            throw new IllegalStateException("size() is " + registry.size() + " at quiescence, " + mapped + " ids are mapped");
        }
    }

    /** The sequential specification. */
    public static final class Model {
        private final Map<Long, Integer> map = new HashMap<>();

        public Integer put(long id, int value) {
            return map.put(id, value);
        }

        public Integer putIfAbsent(long id, int value) {
            return map.putIfAbsent(id, value);
        }

        public Integer get(long id) {
            return map.get(id);
        }

        public Integer remove(long id) {
            return map.remove(id);
        }

        public boolean removeIfMapped(long id, int value) {
            return Objects.equals(map.get(id), value) && map.remove(id) != null;
        }

    }

    public static class Mutex extends SessionRegistrySubject {
        public Mutex() { super("mutex"); }
    }

    public static class RwLock extends SessionRegistrySubject {
        public RwLock() { super("rwlock"); }
    }

    public static class LockFree extends SessionRegistrySubject {
        public LockFree() { super("lockfree"); }
    }

    public static class Cow extends SessionRegistrySubject {
        public Cow() { super("cow"); }
    }

    /** The unsynchronized control: lincheck must find a non-linearizable execution. */
    public static class Broken extends SessionRegistrySubject {
        public Broken() { super("broken"); }
    }
}
