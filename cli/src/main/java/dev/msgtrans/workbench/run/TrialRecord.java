package dev.msgtrans.workbench.run;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One fork of an entry as recorded in {@code run.json}: a single-fork JMH process in one round. Immutable.
 *
 * @param round              1-based round; forks of the same round of one configuration can be paired
 * @param position           0-based position in the round's shuffled order
 * @param status             {@code ok}, {@code failed} or {@code timeout}
 * @param exitCode           the process's exit code (-1 if it never finished)
 * @param resultFile         this fork's JMH JSON, relative to the run directory
 * @param logFile            its console output, relative to the run directory
 * @param startedAt          ISO-8601 UTC
 * @param durationSeconds    wall time
 * @param stealPercent       CPU steal during the fork, percent (NaN when unknown)
 * @param cpuPressurePercent share of the fork's wall time some runnable task waited for a CPU (NaN when unknown)
 * @param message            why it failed, when it did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrialRecord(int round, int position, String status, int exitCode, String resultFile, String logFile,
                          String startedAt, double durationSeconds, double stealPercent, double cpuPressurePercent,
                          String message) {

    public boolean ok() {
        return EntryRecord.OK.equals(status);
    }
}
