/**
 * Statistics for comparing benchmark runs, pure functions of JMH's raw per-iteration data: {@link
 * dev.msgtrans.workbench.stats.SteadyState} finds where each fork's iterations settled, {@link
 * dev.msgtrans.workbench.stats.ForkRatio} compares two sides with the fork (JVM invocation) as the replicate, Welch or
 * paired by round, and {@link dev.msgtrans.workbench.stats.Decisions} turns a family of such ratios into
 * faster / slower / equivalent / inconclusive findings under a Holm or Benjamini-Hochberg correction. The older
 * {@link dev.msgtrans.workbench.stats.WelchRatio} and seeded {@link dev.msgtrans.workbench.stats.BootstrapRatio}
 * remain for their current callers.
 */
package dev.msgtrans.workbench.stats;
