/**
 * The machinery behind {@link dev.msgtrans.stress.StressRunner}: options, the jcstress launch (child JVM or in
 * process), reading jcstress's binary result blob with jcstress's own grading, and the JSON summary and JUnit XML
 * writers.
 */
package dev.msgtrans.stress.runner;
