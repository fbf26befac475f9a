/**
 * Phase 3.3 properties of {@link dev.msgtrans.core.spi.OutboundQueue}: conservation and per-producer order under
 * two writers, and the wake-up coalescing flag never strands an item; bound to every variant.
 */
package dev.msgtrans.stress.outbound;
