package dev.msgtrans.workbench.run;

import java.util.List;
import java.util.Map;

/**
 * The content of {@code run.json}: what was asked for and what happened to each JMH invocation. Immutable.
 *
 * @param profile       profile name
 * @param settings      the effective JMH settings (profile plus overrides)
 * @param matrix        the {@code --matrix} selection
 * @param include       the {@code --include} filter, or null
 * @param shard         {@code i/n}, or the merged shards, e.g. {@code 1/2+2/2}
 * @param totalPlanned  size of the whole expanded list before filtering and sharding
 * @param startedAt     ISO-8601 UTC
 * @param finishedAt    ISO-8601 UTC
 * @param failed        number of entries whose status is not {@code ok}
 * @param entries       the entries this run (or these merged shards) executed, by index
 * @param seed          the seed of the rounds' shuffled orders ({@link RoundScheduler})
 * @param calibration   one fork of the fixed calibration benchmark per round, to reveal a slowed machine
 * @param notes         what the run design decided on the way: adaptive rounds, what the budget cut
 * @param builds        in a run that compares builds: each build's name and benchmarks jar, in {@code --build}
 *                      order (the first is the base); empty otherwise
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record RunRecord(String profile, RunSettings settings, String matrix, String include, String shard,
                        int totalPlanned, String startedAt, String finishedAt, int failed, List<EntryRecord> entries,
                        Long seed, List<TrialRecord> calibration, List<String> notes, Map<String, String> builds) {

    public RunRecord {
        entries = List.copyOf(entries);
        calibration = calibration == null ? List.of() : List.copyOf(calibration);
        notes = notes == null ? List.of() : List.copyOf(notes);
        builds = builds == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(builds));
    }

    /** A record without the round design's fields (older runs, tests). */
    public RunRecord(String profile, RunSettings settings, String matrix, String include, String shard,
                     int totalPlanned, String startedAt, String finishedAt, int failed, List<EntryRecord> entries) {
        this(profile, settings, matrix, include, shard, totalPlanned, startedAt, finishedAt, failed, entries, null,
                null, null, null);
    }
}
