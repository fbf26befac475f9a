package dev.msgtrans.core.spi;

/**
 * Where a {@link Throwable} thrown by code a component runs for somebody else ends up: a task given to a
 * {@link Dispatch}, an actor's {@link ActorSystem.Behavior}, an {@link EventBus} subscriber.
 * <p>
 * The policy every variant follows: the component catches every {@code Throwable}, {@code Error}s included, hands it
 * to {@link Dispatch#reportFailure} of the dispatch it runs on, and carries on (the worker keeps its loop, the actor
 * its mailbox, the bus its other subscribers). A real dispatch counts the failure and calls the handler it was built
 * with ({@link Variant#newDispatch(String, int, int, int, int, FailureHandler)}); {@link #UNCAUGHT}, the default,
 * hands it to the failing thread's uncaught-exception handler, as if it had ended the thread.
 * <p>
 * Nothing is rethrown, not even a {@link VirtualMachineError}: a component that rethrew would lose a worker of a
 * fixed pool, or leave an actor marked as running forever, which loses every later message silently, a worse
 * failure than the one being reported. What a fatal error deserves (exit, alarm) is the handler's decision; a
 * {@code ThreadPoolExecutor} ends in the same place, since its dying worker calls the same uncaught-exception
 * handler and is replaced.
 * <p>
 * Threading contract: called on the thread that caught the failure (a dispatch worker, or a thread that ran a task
 * itself), from any number of threads at once; it should return promptly, as that thread has other work.
 */
@FunctionalInterface
public interface FailureHandler {

    /** The default: the failing thread's uncaught-exception handler (by default, a stack trace on stderr). */
    FailureHandler UNCAUGHT = (thread, failure) -> thread.getUncaughtExceptionHandler().uncaughtException(thread, failure);

    /** @param thread the thread that caught {@code failure} (the current thread) */
    void onFailure(Thread thread, Throwable failure);

    /**
     * Hands {@code failure} to {@code handler} on the current thread, and never throws: a handler that throws falls
     * back to {@link #UNCAUGHT}, and one that throws in turn is ignored, since the worker must live on.
     */
    static void report(FailureHandler handler, Throwable failure) {
        Thread t = Thread.currentThread();
        try {
            handler.onFailure(t, failure);
        } catch (Throwable handlerFailure) {
            if (handler == UNCAUGHT) {
                return;
            }
            failure.addSuppressed(handlerFailure);
            try {
                UNCAUGHT.onFailure(t, failure);
            } catch (Throwable ignored) {
                // nothing left to tell
            }
        }
    }
}
