/**
 * The mutex variant: every component as a plain JDK collection behind a non-fair {@code ReentrantLock}, written as
 * a careful engineer would (short critical sections; no lock held across callbacks, I/O or blocking calls).
 * The {@code Locked*} classes are the lock-parameterised building blocks that the rwlock variant reuses with the
 * halves of a {@code ReentrantReadWriteLock}, so the two variants differ only in the lock.
 */
package dev.msgtrans.variants.mutex;
