/**
 * The reference peer: a Netty 4.1 echo server and client carrying the same msgtrans 1.0 frames, measured at the
 * same load as {@link dev.msgtrans.harness.e2e.EchoThroughputBenchmark} so that reports can state our/Netty ratios.
 */
package dev.msgtrans.harness.netty;
