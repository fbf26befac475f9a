package dev.msgtrans.harness.latency;

import java.util.concurrent.CompletableFuture;

/**
 * A started echo server and a connected client, as the load generator sees them: one call sends one request frame
 * and returns what completes when its response arrives.
 * <p>
 * Threading contract: {@link #request} is called from the generator's one sender thread; the returned future may
 * complete on any thread (the client's I/O or dispatch threads), which is where latencies are recorded.
 * {@link #close} is called once, after the last response or timeout.
 */
interface EchoTarget extends AutoCloseable {

    /**
     * Sends one request on lane {@code lane} (0 to connections - 1) and never blocks for the response.
     *
     * @return completes normally with the response, or exceptionally on a timeout or a transport error
     */
    CompletableFuture<?> request(int lane);

    /** E.g. {@code msgtrans phase3 TCP 127.0.0.1:40123, 4 connections}. */
    String describe();

    /**
     * The target's own counters of what it refused, dropped or gave up on, for the log (empty if it keeps none):
     * they say whether a timeout was a lost request or a late one.
     */
    default String counters() {
        return "";
    }

    /**
     * Frames the target refused or dropped on purpose (full bounded mailboxes or outbound queues), or -1 when it
     * keeps no such count (Netty's queues are unbounded: it slows down instead of dropping).
     */
    default long drops() {
        return -1;
    }

    @Override
    void close();

    /** Starts the server and connects the client that {@code options} describe. */
    static EchoTarget open(LatencyOptions options) throws Exception {
        return switch (options.target()) {
            case LatencyOptions.TARGET_MSGTRANS -> MsgtransEchoTarget.open(options);
            case LatencyOptions.TARGET_NETTY -> NettyEchoTarget.open(options);
            default -> throw new IllegalArgumentException("unknown target '" + options.target() + "'; known targets: "
                    + LatencyOptions.TARGET_MSGTRANS + ", " + LatencyOptions.TARGET_NETTY);
        };
    }
}
