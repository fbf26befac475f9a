package dev.msgtrans.lincheck;

import dev.msgtrans.core.spi.Mailbox;
import dev.msgtrans.core.spi.Variants;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;

import java.util.ArrayDeque;

/**
 * {@link Mailbox} under lincheck: {@code offer} from any thread, {@code poll} only from one consumer thread (a
 * lincheck non-parallel group, as the SPI allows one consumer), against a bounded FIFO ({@link Model}). A capacity
 * of {@value #CAPACITY} makes "full" part of most scenarios.
 */
@Param(name = "message", gen = IntGen.class, conf = "1:4")
public abstract class MailboxSubject {

    static final int CAPACITY = 2;

    private final Mailbox<Integer> mailbox;

    protected MailboxSubject(String alias) {
        mailbox = Variants.get(alias).newMailbox(CAPACITY);
    }

    /** The component under test, so that bindings sharing one implementation are checked once. */
    public final Object component() {
        return mailbox;
    }

    @Operation
    public boolean offer(@Param(name = "message") int message) {
        return mailbox.offer(message);
    }

    @Operation(nonParallelGroup = "consumer")
    public Integer poll() {
        return mailbox.poll();
    }

    /** The sequential specification: a FIFO refusing offers at capacity. */
    public static final class Model {
        private final ArrayDeque<Integer> queue = new ArrayDeque<>();

        public boolean offer(int message) {
            return queue.size() < CAPACITY && queue.add(message);
        }

        public Integer poll() {
            return queue.poll();
        }
    }

    public static class Mutex extends MailboxSubject {
        public Mutex() { super("mutex"); }
    }

    public static class RwLock extends MailboxSubject {
        public RwLock() { super("rwlock"); }
    }

    public static class LockFree extends MailboxSubject {
        public LockFree() { super("lockfree"); }
    }

    public static class Cow extends MailboxSubject {
        public Cow() { super("cow"); }
    }

    /** The unsynchronized control: lincheck must find a non-linearizable execution. */
    public static class Broken extends MailboxSubject {
        public Broken() { super("broken"); }
    }
}
