/**
 * Memory per idle session, measured: each variant's per-session component state built many times, with the bytes
 * the building thread allocated and the heap it retained after a full collection, divided by the sessions. Run by
 * {@code workbench footprint} (and every {@code workbench run}), which writes {@code footprint.json}.
 */
package dev.msgtrans.harness.footprint;
