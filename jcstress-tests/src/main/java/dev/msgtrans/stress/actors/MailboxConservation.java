package dev.msgtrans.stress.actors;

import dev.msgtrans.core.spi.Mailbox;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.stress.support.Aliases;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Property: mailbox conservation under two producers; nothing lost, nothing duplicated, each producer's order kept.
 * <p>
 * Actor 1 offers 1 then 2, actor 2 offers 3 then 4, into an empty mailbox of capacity 8 (so no offer may be
 * refused). The arbiter, as the single consumer, polls until empty: it must get all four exactly once, 1 before 2
 * and 3 before 4, in one of the six interleavings, and leave the mailbox empty.
 * <p>
 * Result: {@code r1} the polled items as decimal digits in poll order (e.g. 1324), -9 if a call threw;
 * {@code r2} {@code size()} after the drain.
 * <p>
 * Run: {@code java -jar jcstress-tests/target/jcstress.jar -t MailboxConservation}
 */
@Description("Mailbox: two producers, the consumer polls everything exactly once, in each producer's order")
@Outcome(id = "1234, 0", expect = ACCEPTABLE, desc = "actor 1's offers, then actor 2's")
@Outcome(id = "1324, 0", expect = ACCEPTABLE, desc = "interleaved, each producer's order kept")
@Outcome(id = "1342, 0", expect = ACCEPTABLE, desc = "interleaved, each producer's order kept")
@Outcome(id = "3124, 0", expect = ACCEPTABLE, desc = "interleaved, each producer's order kept")
@Outcome(id = "3142, 0", expect = ACCEPTABLE, desc = "interleaved, each producer's order kept")
@Outcome(id = "3412, 0", expect = ACCEPTABLE, desc = "actor 2's offers, then actor 1's")
@Outcome(id = "[0-9]{0,3}, .*", expect = FORBIDDEN, desc = "an item was lost (or an offer refused below capacity)")
@Outcome(id = "[0-9]{5,}, .*", expect = FORBIDDEN, desc = "an item was polled twice")
@Outcome(expect = FORBIDDEN, desc = "a producer's order was broken, size is wrong, or a call threw")
public abstract class MailboxConservation {

    static final int CAPACITY = 8;
    static final int THREW = -9;

    private final Mailbox<Integer> mailbox;
    private volatile boolean threw;

    protected MailboxConservation(String alias) {
        mailbox = Variants.get(alias).newMailbox(CAPACITY);
    }

    protected final void produce(int first, int second) {
        try {
            mailbox.offer(first);
            mailbox.offer(second);
        } catch (RuntimeException e) {
            threw = true;
        }
    }

    protected final void drain(II_Result r) {
        try {
            int digits = 0;
            Integer m;
            // bounded: a corrupted mailbox must not hang the harness
            for (int i = 0; i < 2 * CAPACITY && (m = mailbox.poll()) != null; i++) {
                digits = digits * 10 + m;
            }
            r.r1 = threw ? THREW : digits;
            r.r2 = mailbox.size();
        } catch (RuntimeException e) {
            r.r1 = THREW;
        }
    }

    @JCStressTest
    @State
    public static class Mutex extends MailboxConservation {
        public Mutex() { super(Aliases.MUTEX); }
        @Actor public void actor1() { produce(1, 2); }
        @Actor public void actor2() { produce(3, 4); }
        @Arbiter public void arbiter(II_Result r) { drain(r); }
    }

    @JCStressTest
    @State
    public static class RwLock extends MailboxConservation {
        public RwLock() { super(Aliases.RWLOCK); }
        @Actor public void actor1() { produce(1, 2); }
        @Actor public void actor2() { produce(3, 4); }
        @Arbiter public void arbiter(II_Result r) { drain(r); }
    }

    @JCStressTest
    @State
    public static class LockFree extends MailboxConservation {
        public LockFree() { super(Aliases.LOCKFREE); }
        @Actor public void actor1() { produce(1, 2); }
        @Actor public void actor2() { produce(3, 4); }
        @Arbiter public void arbiter(II_Result r) { drain(r); }
    }

    @JCStressTest
    @State
    public static class Cow extends MailboxConservation {
        public Cow() { super(Aliases.COW); }
        @Actor public void actor1() { produce(1, 2); }
        @Actor public void actor2() { produce(3, 4); }
        @Arbiter public void arbiter(II_Result r) { drain(r); }
    }

    /** The unsynchronized control: racing offers overwrite one slot; the harness must report it FAILED. */
    @JCStressTest
    @State
    public static class Broken extends MailboxConservation {
        public Broken() { super(Aliases.BROKEN); }
        @Actor public void actor1() { produce(1, 2); }
        @Actor public void actor2() { produce(3, 4); }
        @Arbiter public void arbiter(II_Result r) { drain(r); }
    }
}
