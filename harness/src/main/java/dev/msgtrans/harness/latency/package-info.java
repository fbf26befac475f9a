/**
 * End-to-end latency at a fixed offered rate: an open-loop load generator ({@link
 * dev.msgtrans.harness.latency.OpenLoopLoadGenerator}) that sends on a fixed schedule and measures every response
 * from its request's intended send time, so that a stalled server cannot hide its stall (coordinated omission), with
 * HdrHistogram recording. {@link dev.msgtrans.harness.latency.LatencyRunner} is the command line the workbench runs;
 * it writes a JMH-format JSON result and the HdrHistogram log beside it.
 */
package dev.msgtrans.harness.latency;
