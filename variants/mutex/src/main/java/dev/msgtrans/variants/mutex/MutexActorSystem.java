package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.Dispatch;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Phase 2, mutex strategy: the actor table behind one non-fair {@link ReentrantLock} shared by lookups and changes,
 * and per actor a {@link MutexMailbox} with its scheduling flag under the mailbox lock (structure and threading
 * contract: {@link LockedActorSystem} and {@link LockedActorCell}).
 *
 * @param <M> message type
 */
public final class MutexActorSystem<M> extends LockedActorSystem<M> {

    public MutexActorSystem(Dispatch dispatch, int mailboxCapacity) {
        this(new ReentrantLock(), dispatch, mailboxCapacity);
    }

    private MutexActorSystem(ReentrantLock lock, Dispatch dispatch, int mailboxCapacity) {
        super(lock, lock, dispatch, mailboxCapacity);
    }
}
