/**
 * The worked port: a small presence service (who is online, join and leave notices, pings) written against the
 * {@code baseline} preset and migrated one {@link dev.msgtrans.guide.port.MigrationStep} at a time, including the
 * application's own lock-based registry ({@link dev.msgtrans.guide.port.RwLockPresenceRegistry}) moved to a
 * lock-free one ({@link dev.msgtrans.guide.port.LockFreePresenceRegistry}).
 */
package dev.msgtrans.guide.port;
