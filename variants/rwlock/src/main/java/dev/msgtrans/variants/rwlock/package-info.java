/**
 * The rwlock variant: the read-mostly tables (sessions, actors, event subscribers, pending requests) behind a
 * {@code ReentrantReadWriteLock}, built from the mutex module's {@code Locked*} blocks so that only the lock differs.
 * Mailbox, connection pool, buffer pool, dispatch and outbound queue are queues and pools whose every operation
 * writes: a read-write lock has no natural form there, so this variant returns the mutex implementations.
 */
package dev.msgtrans.variants.rwlock;
