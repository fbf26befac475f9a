package dev.msgtrans.testkit.components;

/**
 * Items of the conservation checks: producer id and sequence number packed in one {@code long}, so a consumer can
 * tell a lost, duplicated or reordered item from the item alone.
 */
final class Sequenced {

    private Sequenced() {
    }

    static long of(int producer, int seq) {
        return ((long) producer << 32) | (seq & 0xFFFF_FFFFL);
    }

    static int producer(long item) {
        return (int) (item >>> 32);
    }

    static int seq(long item) {
        return (int) item;
    }

    /**
     * Consumer side: checks that each producer's items arrive exactly once and in order.
     * Single-threaded: the one consumer owns it (the check's join publishes it to the verifying thread).
     */
    static final class Tracker {
        private final int[] next;
        private long received;

        Tracker(int producers) {
            this.next = new int[producers];
        }

        /** @return {@code null} if {@code item} is the next one of its producer, else what went wrong */
        String accept(long item) {
            int p = producer(item);
            int s = seq(item);
            if (p < 0 || p >= next.length) {
                return "item from unknown producer " + p;
            }
            if (s != next[p]) {
                return "producer " + p + ": expected seq " + next[p] + " but got " + s
                        + (s < next[p] ? " (duplicated or reordered)" : " (lost or reordered)");
            }
            next[p]++;
            received++;
            return null;
        }

        long received() {
            return received;
        }
    }
}
