/**
 * The environment fingerprint written as {@code env.json}: host (CPU model, physical and logical cores, memory, OS,
 * kernel), every JDK used (vendor, version, VM, flags, effective GC, JMH Blackhole mode) and the source revision.
 * Two runs are comparable only when their fingerprints agree; the probes here are what lets a report say so. A
 * two-process run ({@code serve}, {@code load}) records one {@link dev.msgtrans.workbench.env.EndpointEnvironment}
 * per end instead, with the pid and role of each.
 */
package dev.msgtrans.workbench.env;
