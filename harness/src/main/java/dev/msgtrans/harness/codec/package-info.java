/**
 * Phase 3.2 benchmarks: the msgtrans 1.0 packet codec, encoding and incremental frame decoding at three frame
 * sizes. The codec has no concurrency strategy; it is measured once, as the per-packet floor of the protocol stack.
 */
package dev.msgtrans.harness.codec;
