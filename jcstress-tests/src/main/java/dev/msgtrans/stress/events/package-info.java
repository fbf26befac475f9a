/**
 * Phase 2 property of {@link dev.msgtrans.core.spi.EventBus}: each subscriber sees each event exactly once, or the
 * drop is counted; bound to every variant.
 */
package dev.msgtrans.stress.events;
