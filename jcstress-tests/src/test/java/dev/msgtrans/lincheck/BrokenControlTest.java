package dev.msgtrans.lincheck;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.LincheckAssertionError;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.strategy.IncorrectResultsFailure;
import org.jetbrains.kotlinx.lincheck.strategy.LincheckFailure;
import org.jetbrains.kotlinx.lincheck.strategy.ValidationFailure;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The negative control: lincheck must report the deliberately unsynchronized variant as non-linearizable, with
 * incorrect results (not a crash or a timeout). For the request tracker and the connection pool, a violated
 * quiescent invariant ({@code pending()} or {@code available + inUse == total}, lincheck's validation failure) is
 * accepted as well: the control's counters drift in the same races, and lincheck reports whichever it meets first. If these tests fail, the models or the checks are too weak to catch
 * a real race, and the passing verdicts of {@link LinearizabilityTest} prove nothing.
 * <p>
 * Each check runs lincheck's model checker on one custom scenario, the race the control is known to lose, plus a
 * few random ones: the model checker explores that scenario's interleavings systematically, so the verdict does not
 * depend on the luck of the OS scheduler or on lincheck's random scenario generator.
 */
class BrokenControlTest {

    @Test
    void sessionRegistryTwoPutIfAbsentBothWin() throws ReflectiveOperationException {
        Class<?> s = SessionRegistrySubject.class;
        assertCaught(SessionRegistrySubject.Broken.class, SessionRegistrySubject.Model.class, scenario(
                List.of(),
                List.of(List.of(actor(s, "putIfAbsent", 1L, 1)), List.of(actor(s, "putIfAbsent", 1L, 2))),
                List.of(actor(s, "get", 1L))), IncorrectResultsFailure.class);
    }

    @Test
    void mailboxTwoProducersLoseAMessage() throws ReflectiveOperationException {
        Class<?> s = MailboxSubject.class;
        assertCaught(MailboxSubject.Broken.class, MailboxSubject.Model.class, scenario(
                List.of(),
                List.of(List.of(actor(s, "offer", 1)), List.of(actor(s, "offer", 2))),
                List.of(actor(s, "poll"), actor(s, "poll"), actor(s, "poll"))), IncorrectResultsFailure.class);
    }

    @Test
    void requestTrackerCompletedTwice() throws ReflectiveOperationException {
        Class<?> s = RequestTrackerSubject.class;
        assertCaught(RequestTrackerSubject.Broken.class, RequestTrackerSubject.Model.class, scenario(
                List.of(actor(s, "register", 1L, 1)),
                List.of(List.of(actor(s, "complete", 1L)), List.of(actor(s, "fail", 1L))),
                List.of()), IncorrectResultsFailure.class, ValidationFailure.class);
    }

    @Test
    void connectionPoolOneConnectionTwoOwners() throws ReflectiveOperationException {
        Class<?> s = ConnectionPoolSubject.class;
        // thread ids: 0 runs the initial part and the first parallel thread, 1 the second
        assertCaught(ConnectionPoolSubject.Broken.class, ConnectionPoolSubject.Model.class, scenario(
                List.of(actor(s, "acquire", 0), actor(s, "release", 0)),
                List.of(List.of(actor(s, "acquire", 0)), List.of(actor(s, "acquire", 1))),
                List.of()), IncorrectResultsFailure.class, ValidationFailure.class);
    }

    @SafeVarargs
    private static void assertCaught(Class<?> bound, Class<?> model, ExecutionScenario scenario,
                                     Class<? extends LincheckFailure>... accepted) {
        ModelCheckingOptions options = Budgets.modelChecking(model).iterations(2).addCustomScenario(scenario);
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class, () -> LinChecker.check(bound, options),
                () -> "lincheck did not catch the broken control " + bound.getName());
        LincheckFailure failure = e.getFailure();
        boolean expected = false;
        for (Class<? extends LincheckFailure> type : accepted) {
            expected |= type.isInstance(failure);
        }
        assertTrue(expected, () -> "expected a correctness violation (incorrect results), got: " + failure);
    }

    private static ExecutionScenario scenario(List<Actor> init, List<List<Actor>> parallel, List<Actor> post) {
        return new ExecutionScenario(init, parallel, post, null);
    }

    private static Actor actor(Class<?> subject, String operation, Object... args) throws NoSuchMethodException {
        for (var m : subject.getMethods()) {
            if (m.getName().equals(operation) && m.getParameterCount() == args.length) {
                return new Actor(m, List.of(args));
            }
        }
        throw new NoSuchMethodException(subject.getName() + "." + operation + "/" + args.length);
    }
}
