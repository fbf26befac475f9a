/**
 * The {@code cow} variant: the original's "LockFreeHashMap" (16 shards, each an immutable map behind an atomic
 * reference, every write copying its whole shard and CASing it in, reads lock-free) kept as the session and actor
 * tables, with the {@code lockfree} variant's components everywhere else. We kept the design and its O(shard size)
 * cost per write so it can be measured; we fixed its bug: the original silently dropped a write after 100 failed
 * CAS attempts, ours retries until it succeeds, so no write is lost.
 */
package dev.msgtrans.variants.cow;
