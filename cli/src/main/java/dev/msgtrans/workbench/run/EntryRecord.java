package dev.msgtrans.workbench.run;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * One JMH invocation as recorded in {@code run.json}. Immutable.
 *
 * @param index           0-based position in the whole expanded list (stable across shards)
 * @param id              e.g. {@code MailboxBenchmark variant=mutex t2 jdk17}
 * @param matrix          the matrix the point came from
 * @param benchmark       the selector as written in the matrix
 * @param regex           the regex handed to JMH
 * @param params          {@code @Param} values set with {@code -p}
 * @param threads         total threads
 * @param threadGroup     the {@code -tg} distribution, or null
 * @param jdk             the JDK tag (see {@code env.json})
 * @param status          {@code ok}, {@code failed} (non-zero exit or no scores) or {@code timeout}
 * @param exitCode        the JMH process's exit code (-1 if it never finished)
 * @param resultFile      the JMH JSON, relative to the run directory
 * @param logFile         JMH's console output, relative to the run directory
 * @param command         the full command line
 * @param startedAt       ISO-8601 UTC
 * @param durationSeconds wall time
 * @param expectedSeconds the estimate the ETA used
 * @param warnings        e.g. oversubscription
 * @param message         why it failed, when it did
 * @param configuration   the configuration key: every variant of one configuration runs in the same rounds
 * @param trials          its forks, one single-fork JMH process each, in the order they ran
 * @param forkRounds      the round of each fork in {@link #resultFile}'s raw data, in its order (only ok forks)
 * @param build           the build that ran it in a run of several builds ({@code --build}), else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntryRecord(int index, String id, String matrix, String benchmark, String regex,
                          Map<String, String> params, int threads, String threadGroup, String jdk, String status,
                          int exitCode, String resultFile, String logFile, List<String> command, String startedAt,
                          double durationSeconds, double expectedSeconds, List<String> warnings, String message,
                          String configuration, List<TrialRecord> trials, List<Integer> forkRounds, String build) {

    public EntryRecord {
        trials = trials == null ? List.of() : List.copyOf(trials);
        forkRounds = forkRounds == null ? List.of() : List.copyOf(forkRounds);
    }

    /** A record without trials (a run written before forks were replicated by rounds, or a test). */
    public EntryRecord(int index, String id, String matrix, String benchmark, String regex, Map<String, String> params,
                       int threads, String threadGroup, String jdk, String status, int exitCode, String resultFile,
                       String logFile, List<String> command, String startedAt, double durationSeconds,
                       double expectedSeconds, List<String> warnings, String message) {
        this(index, id, matrix, benchmark, regex, params, threads, threadGroup, jdk, status, exitCode, resultFile,
                logFile, command, startedAt, durationSeconds, expectedSeconds, warnings, message, null, null, null,
                null);
    }

    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String TIMEOUT = "timeout";

    public boolean ok() {
        return OK.equals(status);
    }
}
