/**
 * The environment fingerprint written as {@code env.json}: host (CPU model, physical and logical cores, memory, OS,
 * kernel), every JDK used (vendor, version, VM, flags, effective GC, JMH Blackhole mode) and the source revision.
 * Two runs are comparable only when their fingerprints agree; the probes here are what lets a report say so.
 */
package dev.msgtrans.workbench.env;
