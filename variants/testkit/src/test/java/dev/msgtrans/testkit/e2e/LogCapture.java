package dev.msgtrans.testkit.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what a {@code java.util.logging} logger receives, which is where {@link System.Logger} writes by default.
 * Holds the logger strongly (JUL keeps loggers weakly, and a collected logger would lose the handler).
 */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new ArrayList<>(); // guarded by this

    LogCapture(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
        notifyAll();
    }

    /** Waits for a record matching {@code p}, within {@code patience} (a liveness bound). */
    synchronized LogRecord await(Predicate<LogRecord> p, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            for (LogRecord r : records) {
                if (p.test(r)) {
                    return r;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching log record on " + logger.getName() + " within " + patience
                        + "; saw " + records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
