/**
 * Phase 3.3 benchmarks: a connection's {@link dev.msgtrans.core.spi.OutboundQueue}, many writer threads and the
 * one I/O thread following the wake-up-coalescing protocol.
 */
package dev.msgtrans.harness.outbound;
