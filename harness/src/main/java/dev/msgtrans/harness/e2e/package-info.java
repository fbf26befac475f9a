/**
 * End-to-end benchmarks: a whole server and client built with {@link dev.msgtrans.core.Transport#builder()} per
 * preset, echoing pipelined requests in memory and over TCP loopback. The Netty reference peer runs the same load
 * in {@link dev.msgtrans.harness.netty}.
 */
package dev.msgtrans.harness.e2e;
