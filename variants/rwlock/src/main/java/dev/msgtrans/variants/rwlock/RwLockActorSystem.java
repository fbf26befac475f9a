package dev.msgtrans.variants.rwlock;

import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.variants.mutex.LockedActorCell;
import dev.msgtrans.variants.mutex.LockedActorSystem;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Phase 2, rwlock strategy: the actor table behind a non-fair {@link ReentrantReadWriteLock} ({@code tell} and
 * {@code size} look up under the read lock, so concurrent tellers do not exclude one another; {@code spawn},
 * {@code stop}, {@code close} and the rebuild of the broadcast snapshot take the write lock). The mailbox stays a
 * locked queue: every mailbox operation writes, so a read-write lock has no natural form there (structure and
 * threading contract: {@link LockedActorSystem} and {@link LockedActorCell}).
 *
 * @param <M> message type
 */
public final class RwLockActorSystem<M> extends LockedActorSystem<M> {

    public RwLockActorSystem(Dispatch dispatch, int mailboxCapacity) {
        this(new ReentrantReadWriteLock(), dispatch, mailboxCapacity);
    }

    private RwLockActorSystem(ReentrantReadWriteLock rw, Dispatch dispatch, int mailboxCapacity) {
        super(rw.readLock(), rw.writeLock(), dispatch, mailboxCapacity);
    }
}
