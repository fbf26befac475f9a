/**
 * Phase 3.2 benchmarks: the {@link dev.msgtrans.core.spi.RequestTracker} (register + complete) and the
 * {@link dev.msgtrans.core.spi.Dispatch} hand-off from I/O threads to workers.
 */
package dev.msgtrans.harness.requests;
