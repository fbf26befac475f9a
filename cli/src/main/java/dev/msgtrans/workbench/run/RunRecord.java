package dev.msgtrans.workbench.run;

import java.util.List;

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
 */
public record RunRecord(String profile, RunSettings settings, String matrix, String include, String shard,
                        int totalPlanned, String startedAt, String finishedAt, int failed, List<EntryRecord> entries) {

    public RunRecord {
        entries = List.copyOf(entries);
    }
}
