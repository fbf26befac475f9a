/**
 * Compares two runs point by point (benchmark, mode, params, threads, JDK): the ratio of their scores with a
 * bootstrap confidence interval from the raw iterations, the better direction from JMH's mode and unit, a verdict
 * against a practical threshold, and the regression gate CI uses.
 */
package dev.msgtrans.workbench.compare;
