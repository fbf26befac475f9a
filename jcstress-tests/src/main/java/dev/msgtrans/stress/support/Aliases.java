package dev.msgtrans.stress.support;

import java.util.List;

/**
 * The variant aliases every property is bound to, one jcstress {@code @State} subclass each. The nested subclass
 * of a property is named after the alias ({@code Mutex}, {@code RwLock}, {@code LockFree}, {@code Cow},
 * {@code Broken}); its lower-cased simple name is the alias, which is how the runner reads the variant back out of
 * a test name.
 */
public final class Aliases {

    public static final String MUTEX = "mutex";
    public static final String RWLOCK = "rwlock";
    public static final String LOCKFREE = "lockfree";
    public static final String COW = "cow";
    /** The deliberately unsynchronized control variant of the testkit: jcstress must report it FAILED. */
    public static final String BROKEN = "broken";

    /** Real variants first, the control last. */
    public static final List<String> ALL = List.of(MUTEX, RWLOCK, LOCKFREE, COW, BROKEN);

    private Aliases() {
    }
}
