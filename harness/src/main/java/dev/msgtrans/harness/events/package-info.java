/**
 * Phase 2 benchmarks: the {@link dev.msgtrans.core.spi.EventBus} broadcasting to several subscribers with
 * bounded buffers, drops counted.
 */
package dev.msgtrans.harness.events;
