/**
 * Phase 1 properties of {@link dev.msgtrans.core.spi.SessionRegistry}: visibility of a put, one winner among
 * racing {@code putIfAbsent}s, remove racing get, and no lost write between two writers of one copy-on-write shard;
 * each written once and bound to every variant by a nested {@code @State} subclass.
 */
package dev.msgtrans.stress.sessions;
