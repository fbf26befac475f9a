package dev.msgtrans.core;

import java.util.Objects;

/**
 * The default {@link ErrorSink}: a {@link System.Logger} (named {@value #LOGGER_NAME} unless given one), so errors
 * reach whatever logging the application set up ({@code java.util.logging} unless a
 * {@link System.LoggerFinder} routes them elsewhere). An error no subscriber received is logged at
 * {@link System.Logger.Level#WARNING}: otherwise nobody would hear of it. One a subscriber did receive is logged at
 * {@link System.Logger.Level#DEBUG}, off by default, since the subscriber is the one to act on it.
 * <p>
 * Threading contract: any thread, concurrently; the logger's own.
 */
public final class SystemLoggerErrorSink implements ErrorSink {

    /** The logger name of the default sink. */
    public static final String LOGGER_NAME = "dev.msgtrans.transport";

    private final System.Logger logger;

    /** Logs to {@link System#getLogger(String) System.getLogger}({@value #LOGGER_NAME}). */
    public SystemLoggerErrorSink() {
        this(System.getLogger(LOGGER_NAME));
    }

    public SystemLoggerErrorSink(System.Logger logger) {
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    @Override
    public void onError(TransportEvent.TransportError error, Throwable failure, boolean delivered) {
        System.Logger.Level level = delivered ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
        if (!logger.isLoggable(level)) {
            return;
        }
        String text = (error.session() < 0 ? "" : "session " + error.session() + ": ") + error.cause() + ": "
                + error.message() + (delivered ? "" : " (no subscriber received this event)");
        if (failure != null) {
            logger.log(level, text, failure);
        } else {
            logger.log(level, text);
        }
    }

    @Override
    public String toString() {
        return "SystemLoggerErrorSink(" + logger.getName() + ")";
    }
}
