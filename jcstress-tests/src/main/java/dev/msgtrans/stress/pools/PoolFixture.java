package dev.msgtrans.stress.pools;

import dev.msgtrans.core.spi.ConnectionPool;

import java.util.concurrent.atomic.AtomicInteger;

/** Connections for the pool properties: numbered 1, 2, ... in creation order, so an outcome names the connection. */
final class PoolFixture {

    /** Encodes "acquire timed out" in a result slot. */
    static final int TIMED_OUT = 0;
    /** Encodes "the call threw something the contract does not allow". */
    static final int THREW = -9;

    private PoolFixture() {
    }

    /** A pooled connection; only its number matters. */
    static final class Conn {
        final int id;

        Conn(int id) {
            this.id = id;
        }
    }

    /** Numbers connections; called by the pool without its lock, so the counter is atomic. */
    static final class NumberingFactory implements ConnectionPool.Factory<Conn> {
        private final AtomicInteger created = new AtomicInteger();

        @Override
        public Conn create() {
            return new Conn(created.incrementAndGet());
        }

        @Override
        public void destroy(Conn connection) {
        }
    }
}
