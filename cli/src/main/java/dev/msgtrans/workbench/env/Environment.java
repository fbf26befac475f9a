package dev.msgtrans.workbench.env;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The content of {@code env.json}: where, on what and from which sources a run (or one shard of it) executed.
 * Immutable.
 *
 * @param host       the machine
 * @param jdks       every JDK used, in {@code --jvm} order
 * @param git        the source revision
 * @param profile    the profile name, with its settings
 * @param matrix     the matrix selection
 * @param shard      {@code i/n}
 * @param startedAt  ISO-8601 UTC
 * @param finishedAt ISO-8601 UTC
 * @param warnings   e.g. thread counts above the available processors
 * @param shards     for a merged run: each shard's own environment; empty otherwise
 * @param noise      how noisy the machine was during the run (calibration per round, steal, pressure), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Environment(HostInfo host, List<JdkInfo> jdks, GitInfo git, String profile, String profileSettings,
                          String matrix, String shard, String startedAt, String finishedAt, List<String> warnings,
                          List<Environment> shards, Noise noise) {

    public Environment {
        jdks = List.copyOf(jdks);
        warnings = List.copyOf(warnings);
        shards = shards == null ? List.of() : List.copyOf(shards);
    }

    /** An environment without a noise record (older runs, tests). */
    public Environment(HostInfo host, List<JdkInfo> jdks, GitInfo git, String profile, String profileSettings,
                       String matrix, String shard, String startedAt, String finishedAt, List<String> warnings,
                       List<Environment> shards) {
        this(host, jdks, git, profile, profileSettings, matrix, shard, startedAt, finishedAt, warnings, shards, null);
    }
}
