package dev.msgtrans.stress.support;

/**
 * A session value with a plain (non-final, non-volatile) field: a reader that obtains the object through a
 * registry but sees {@link #UNSET} in {@link #payload} has observed the object without the writes of its
 * constructor, i.e. the registry did not make the put happen-before the get.
 */
public final class Session {

    /** What {@link #payload} holds before the constructor's write is visible. */
    public static final int UNSET = 0;

    public int payload;

    public Session(int payload) {
        this.payload = payload;
    }

    /**
     * Encodes what a reader saw: {@code -1} for no mapping, the payload otherwise ({@link #UNSET} for a torn
     * publication).
     */
    public static int view(Session s) {
        return s == null ? -1 : s.payload;
    }
}
