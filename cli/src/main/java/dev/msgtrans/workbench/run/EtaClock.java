package dev.msgtrans.workbench.run;

/**
 * Estimated time to completion: the remaining entries' configured durations, scaled by how the finished entries'
 * real durations compared with their configured ones (start-up, setup and machine load all show up in that ratio).
 * Not thread-safe: owned by the thread that runs the entries.
 */
public final class EtaClock {

    private double remainingExpected;
    private double doneExpected;
    private double doneActual;

    /** @param totalExpectedSeconds the sum of every entry's estimate */
    public EtaClock(double totalExpectedSeconds) {
        this.remainingExpected = totalExpectedSeconds;
    }

    /** Records a finished entry. */
    public void finished(double expectedSeconds, double actualSeconds) {
        remainingExpected = Math.max(0, remainingExpected - expectedSeconds);
        doneExpected += expectedSeconds;
        doneActual += actualSeconds;
    }

    /** Seconds left, refined by the observed ratio once something finished. */
    public double remainingSeconds() {
        double ratio = doneExpected > 0 ? doneActual / doneExpected : 1.0;
        return remainingExpected * ratio;
    }

    /** {@code mm:ss}, or {@code h:mm:ss} from an hour on. */
    public static String format(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%02d:%02d", s / 60, s % 60);
    }
}
