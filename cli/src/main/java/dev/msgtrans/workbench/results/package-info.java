/**
 * Reads a workbench run back into typed, immutable objects: {@link dev.msgtrans.workbench.results.RunResults#load}
 * takes a run directory (or a directory of JMH JSON files, or one file) and gives every benchmark result with its raw
 * per-iteration data, secondary metrics and the run's environment and correctness summary. Meant for reports,
 * comparisons and notebooks alike: no command-line types, no charting.
 */
package dev.msgtrans.workbench.results;
