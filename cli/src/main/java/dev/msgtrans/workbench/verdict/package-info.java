/**
 * From a run's raw data to verdicts: each fork's steady state ({@link dev.msgtrans.workbench.verdict.Replicates}),
 * fork-level speed ratios paired by round ({@link dev.msgtrans.workbench.verdict.Speed}), and the findings of a report
 * or a gate decided together under one error control ({@link dev.msgtrans.workbench.verdict.Verdicts}).
 */
package dev.msgtrans.workbench.verdict;
