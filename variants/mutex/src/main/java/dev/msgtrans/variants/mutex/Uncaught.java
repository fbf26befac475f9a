package dev.msgtrans.variants.mutex;

/** Hands a failure of user code (a behavior, a subscriber, a task) to the current thread's uncaught-exception handler. */
final class Uncaught {

    private Uncaught() {
    }

    static void report(Throwable failure) {
        Thread t = Thread.currentThread();
        try {
            t.getUncaughtExceptionHandler().uncaughtException(t, failure);
        } catch (Throwable ignored) {
            // A handler that throws must not take the worker down with it.
        }
    }
}
