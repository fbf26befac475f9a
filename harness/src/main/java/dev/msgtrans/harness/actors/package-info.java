/**
 * Phase 2 benchmarks: an actor's {@link dev.msgtrans.core.spi.Mailbox} (many producers, one consumer), tell
 * throughput through a real {@link dev.msgtrans.core.spi.Dispatch}, and actor-table churn (spawn + stop).
 */
package dev.msgtrans.harness.actors;
