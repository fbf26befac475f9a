/**
 * The {@code lockfree} variant: every component with JCTools rings and maps, CAS state words and VarHandles, no
 * lock on any hot path. Actors and dispatch fit together like this:
 *
 * <pre>
 *  I/O threads                 actors (NonBlockingHashMapLong id -&gt; cell)          dispatch (MPMC ring)
 *  tell(7, m) --offer--&gt; [MPSC mailbox 7][state: IDLE-&gt;SCHEDULED by CAS] --execute--&gt; [run 7][run 9] ...
 *  tell(9, m) --offer--&gt; [MPSC mailbox 9][state: already SCHEDULED: no-op]               |   |
 *                                                                                    worker-0 worker-1
 *                                  one run = up to Tuning.ACTOR_BATCH messages, then release + re-check the mailbox
 * </pre>
 */
package dev.msgtrans.variants.lockfree;
