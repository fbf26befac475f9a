/**
 * Phase 1 benchmarks: the {@link dev.msgtrans.core.spi.SessionRegistry} of every variant under read/write mixes,
 * next to a bare {@code ConcurrentHashMap<Long, Object>} reference row.
 */
package dev.msgtrans.harness.sessions;
