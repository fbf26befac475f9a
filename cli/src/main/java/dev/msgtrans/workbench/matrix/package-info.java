/**
 * Benchmark matrices: the JSON files under {@code harness/matrices}, their validation (benchmark regexes, thread
 * counts, variant aliases checked against the variants actually available), their cartesian expansion into single
 * JMH invocations, and the deterministic split of that list into CI shards.
 */
package dev.msgtrans.workbench.matrix;
