/**
 * Running a matrix: profiles and their JMH settings, the planned list of JMH invocations (points x JDKs), one child
 * {@code java -jar benchmarks.jar} per invocation with its log and JSON result, the {@code run.json} record, and the
 * tools that work on finished runs (merging shards, checking results).
 */
package dev.msgtrans.workbench.run;
