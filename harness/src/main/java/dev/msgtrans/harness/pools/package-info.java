/**
 * Phase 3.1 benchmarks: the client's {@link dev.msgtrans.core.spi.ConnectionPool} under contention and the
 * {@link dev.msgtrans.core.spi.BufferPool} with mixed size classes.
 */
package dev.msgtrans.harness.pools;
