package dev.msgtrans.core;

/**
 * Where a server's or client's errors go besides its event stream, so that none vanishes when nobody subscribes:
 * every {@link TransportEvent.TransportError} it publishes (a rejected frame, a failed read, a handler or subscriber
 * that threw, a failed timer tick, a refused connection) is also handed to the sink, with the {@link Throwable}
 * behind it when there is one. Set with {@link Transport.Builder#errorSink}; the default is
 * {@link SystemLoggerErrorSink}, which logs at {@code WARNING} what no subscriber received and at {@code DEBUG} the
 * rest.
 * <p>
 * Threading contract: called on the thread that met the error (an I/O loop, a dispatch worker, the timer, the
 * acceptor), from several threads at once, after the event was published; it must return promptly, as that thread
 * serves other sessions. A sink that throws is ignored (the error was published and counted already).
 */
@FunctionalInterface
public interface ErrorSink {

    /**
     * @param error     the event, as published
     * @param failure   what was thrown, or {@code null} for an error with no {@code Throwable} (e.g. a bad frame)
     * @param delivered {@code true} if a subscriber buffered the event; {@code false} if there was none, or every
     *                  subscriber's buffer was full (those drops are counted in {@code eventsDropped})
     */
    void onError(TransportEvent.TransportError error, Throwable failure, boolean delivered);
}
