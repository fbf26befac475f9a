package dev.msgtrans.lincheck;

import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;

/**
 * The lincheck budgets: small scenarios (two threads of three operations, two before and one after), few
 * iterations, so that the whole suite, every component times every variant in both modes, runs in a few minutes
 * on two cores. Raise them for a soak run; lowering them weakens the broken-control checks first.
 */
final class Budgets {

    private Budgets() {
    }

    static StressOptions stress(Class<?> model) {
        return new StressOptions()
                .iterations(10)
                .invocationsPerIteration(500)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(model);
    }

    static ModelCheckingOptions modelChecking(Class<?> model) {
        return new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(100)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(model);
    }
}
