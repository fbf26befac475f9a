/**
 * Phase 3.2 property of {@link dev.msgtrans.core.spi.RequestTracker}: completion racing expiry resolves the request
 * exactly once and leaves no entry; bound to every variant.
 */
package dev.msgtrans.stress.requests;
