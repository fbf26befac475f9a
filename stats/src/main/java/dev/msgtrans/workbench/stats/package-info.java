/**
 * Statistics for comparing benchmark runs, pure functions of JMH's raw per-iteration data: {@link
 * dev.msgtrans.workbench.stats.SteadyState} finds where each fork's iterations settled, {@link
 * dev.msgtrans.workbench.stats.ForkRatio} compares two sides with the fork (JVM invocation) as the replicate, Welch or
 * paired by round, and {@link dev.msgtrans.workbench.stats.Decisions} turns a family of such ratios into
 * faster / slower / equivalent / inconclusive findings under a Holm or Benjamini-Hochberg correction. The method
 * these replaced (a bootstrap over one fork's iterations) is kept in the tests only, to show that it undercovers.
 */
package dev.msgtrans.workbench.stats;
