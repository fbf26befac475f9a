/**
 * Confidence intervals for ratios of benchmark scores, computed from JMH's raw per-iteration data: a seeded
 * percentile bootstrap of the ratio of means that resamples forks, then iterations within them, so that
 * fork-to-fork variance widens the interval when a run has several forks. Seeded, so a report is reproducible.
 */
package dev.msgtrans.workbench.stats;
