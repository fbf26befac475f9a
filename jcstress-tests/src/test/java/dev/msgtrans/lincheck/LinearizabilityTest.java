package dev.msgtrans.lincheck;

import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every component of every real variant is linearizable against its sequential model, checked by lincheck in
 * stress mode (real threads, many random scenarios) and in model-checking mode (lincheck's scheduler explores
 * interleavings at shared-memory accesses and reports the one that breaks, with its trace).
 * <p>
 * Each subject declares its operations once, its model as a nested {@code Model}, and one nested subclass per
 * variant; this test binds them. A variant that reuses another variant's implementation of a component (the cow
 * variant delegates everything but its tables) is reported skipped for that component, naming the variant whose
 * check covers the same class.
 */
class LinearizabilityTest {

    /** Subjects; the broken control is checked by {@link BrokenControlTest}. */
    private static final List<Class<?>> SUBJECTS = List.of(SessionRegistrySubject.class, MailboxSubject.class,
            OutboundQueueSubject.class, RequestTrackerSubject.class, BufferPoolSubject.class,
            ConnectionPoolSubject.class);
    private static final List<String> REAL_VARIANTS = List.of("Mutex", "RwLock", "LockFree", "Cow");
    /**
     * Bindings beyond one per variant: the same implementation class configured otherwise (a LIFO connection pool
     * has another free list inside the same class), so never skipped as covered.
     */
    private static final Map<Class<?>, List<String>> CONFIGURED_BINDINGS = Map.of(
            ConnectionPoolSubject.class, List.of("MutexLifo", "LockFreeLifo"));

    static Stream<Arguments> realBindings() throws ReflectiveOperationException {
        List<Arguments> out = new ArrayList<>();
        for (Class<?> subject : SUBJECTS) {
            Class<?> model = Class.forName(subject.getName() + "$Model");
            Map<Class<?>, String> checkedBy = new HashMap<>();
            for (String variant : REAL_VARIANTS) {
                Class<?> bound = Class.forName(subject.getName() + "$" + variant);
                Object component = bound.getMethod("component").invoke(bound.getConstructor().newInstance());
                String sameAs = checkedBy.putIfAbsent(component.getClass(), variant);
                out.add(Arguments.of(subject.getSimpleName() + "." + variant, bound, model, sameAs));
            }
            for (String binding : CONFIGURED_BINDINGS.getOrDefault(subject, List.of())) {
                Class<?> bound = Class.forName(subject.getName() + "$" + binding);
                out.add(Arguments.of(subject.getSimpleName() + "." + binding, bound, model, null));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realBindings")
    void stress(String name, Class<?> bound, Class<?> model, String sameAs) {
        skipIfCovered(name, sameAs);
        LinChecker.check(bound, Budgets.stress(model));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realBindings")
    void modelChecking(String name, Class<?> bound, Class<?> model, String sameAs) {
        skipIfCovered(name, sameAs);
        LinChecker.check(bound, Budgets.modelChecking(model));
    }

    private static void skipIfCovered(String name, String sameAs) {
        Assumptions.assumeTrue(sameAs == null,
                () -> name + " uses the same implementation class as the " + sameAs + " binding, checked there");
    }
}
