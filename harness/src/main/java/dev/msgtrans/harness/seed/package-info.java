/**
 * The seed report's own workload replayed honestly: {@link dev.msgtrans.harness.seed.HybridWorkloadBenchmark} runs
 * the original's hybrid demo mix (commands, packets, events) through the real components and a real in-memory
 * transport of each migration preset, with no sleeps, so its rates can stand beside the figures the seed claimed.
 */
package dev.msgtrans.harness.seed;
