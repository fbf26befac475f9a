package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.testkit.e2e.EventRecorder;
import dev.msgtrans.testkit.e2e.RawFrames;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Accepting survives running out of file descriptors, per real variant: a server in a child JVM under a low
 * {@code ulimit -n} is given connections until {@code accept()} fails (EMFILE); it keeps serving the sessions it
 * has, accepts again (the waiting connection first) once some of them close, and reports each episode with one
 * {@code ACCEPT} error and one {@code ACCEPT_RECOVERED}, however many times it retried in between. Two episodes
 * per variant. Linux only ({@code ulimit} in bash, {@code /proc}).
 * <p>
 * The child ({@link Child}) prints its port, then one line per accept event; the parent drives the connections.
 * Waits are liveness bounds.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DescriptorLimitTest {

    /** The child's descriptor limit: the JVM's own files plus some dozens of connections. */
    static final int FD_LIMIT = 128;
    static final int EPISODES = 2;
    /** Connections the parent closes to end an episode. */
    static final int FREED = 3;
    private static final Duration PATIENCE = EventRecorder.PATIENCE;
    private static final Duration POLL = Duration.ofMillis(20);

    static Stream<String> realAliases() {
        return Variants.realAliases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realAliases")
    void acceptSurvivesADescriptorLimitAndReportsEachEpisodeOnce(String alias) throws Exception {
        ChildJvm child = ChildJvm.start(FD_LIMIT, List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                Child.class, alias);
        List<EchoSocket> served = new ArrayList<>();
        try {
            String address = "127.0.0.1:" + child.awaitLine("PORT ").substring(5);
            byte[] payload = {1, 2, 3};
            for (int episode = 1; episode <= EPISODES; episode++) {
                // Connect until one is not served because accepting fails: the kernel completes the handshake,
                // and the connection waits in the backlog.
                EchoSocket waiting = null;
                for (int i = 0; waiting == null && i < FD_LIMIT; i++) {
                    EchoSocket s = EchoSocket.connect(address);
                    s.send(payload);
                    long deadline = System.nanoTime() + PATIENCE.toNanos();
                    while (true) {
                        if (s.awaitEcho(payload, POLL)) {
                            served.add(s);
                            break;
                        }
                        if (child.count("EVENT ACCEPT ") >= episode) {
                            waiting = s;
                            break;
                        }
                        if (System.nanoTime() > deadline) {
                            fail("connection " + i + " neither served nor refused by a failing accept; child: "
                                    + child.head());
                        }
                    }
                }
                assertTrue(waiting != null, "accepting never failed under ulimit -n " + FD_LIMIT + "; child: "
                        + child.head());
                // While accepting fails the sessions already open are served.
                assertTrue(served.get(0).echo(payload, PATIENCE), "an old session echoes during the episode");
                assertTrue(served.get(served.size() - 1).echo(payload, PATIENCE), "the newest session echoes");
                // Let the failure last long enough for several retries (a liveness pause, not a timing assertion).
                Thread.sleep(300);
                for (int i = 0; i < FREED; i++) {
                    served.remove(0).close();
                }
                assertTrue(waiting.awaitEcho(payload, PATIENCE), "the waiting connection is accepted and served");
                served.add(waiting);
                EchoSocket fresh = EchoSocket.connect(address);
                served.add(fresh);
                assertTrue(fresh.echo(payload, PATIENCE), "a new connection is accepted and served");
                child.awaitCount("EVENT ACCEPT_RECOVERED ", episode);
            }
            for (EchoSocket s : served) {
                assertTrue(s.echo(payload, PATIENCE), "every session still echoes");
            }
            child.endInput(); // tells the child to close its server and report
            child.awaitLine("DONE");
            assertTrue(child.waitFor(PATIENCE), "child exits");
            List<String> events = new ArrayList<>();
            for (String line : child.lines()) {
                if (line.startsWith("EVENT ")) {
                    events.add(line.split(" ", 3)[1]);
                }
            }
            System.out.printf("[descriptor-limit] %s: %d sessions served under ulimit -n %d; child: %s%n", alias,
                    served.size(), FD_LIMIT, child.head());
            // One event as each episode starts and one as it ends, so they alternate. A stray episode beyond ours
            // (a connection from elsewhere to this port, or a descriptor released a moment late under load) is
            // still one event per episode; a report per failed retry would put two ACCEPTs in a row.
            String why = "one event as each episode starts and one as it ends; child: " + child.head();
            assertTrue(events.size() >= 2 * EPISODES && events.size() <= 2 * EPISODES + 2, why);
            for (int i = 0; i < events.size(); i++) {
                assertEquals(i % 2 == 0 ? "ACCEPT" : "ACCEPT_RECOVERED", events.get(i), why);
            }
        } finally {
            for (EchoSocket s : served) {
                s.close();
            }
            child.close();
        }
    }

    /**
     * The child JVM: an echo server on an ephemeral port that prints {@code PORT <n>}, then
     * {@code EVENT <cause> <message>} for every accept error or recovery it publishes, and {@code DONE} after its
     * standard input ends and it has closed.
     */
    static final class Child {
        public static void main(String[] args) throws Exception {
            // A short linger: the parent's connections stay open, unread, until DONE, so the graceful close ends
            // their streams and then waits the linger for theirs.
            try (TransportServer server = Transport.builder().variant(args[0]).tcp("127.0.0.1", 0).ioThreads(2)
                    .dispatchWorkers(1).closeLingerMillis(200).handler(MessageHandler.echo()).startServer()) {
                server.events().subscribe(new Flow.Subscriber<>() {
                    @Override
                    public void onSubscribe(Flow.Subscription s) {
                        s.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(TransportEvent e) {
                        if (e instanceof TransportEvent.TransportError err && err.cause().startsWith("ACCEPT")) {
                            System.out.println("EVENT " + err.cause() + " " + err.message());
                            System.out.flush();
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onComplete() {
                    }
                });
                String address = server.address();
                int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
                // One round trip of our own first: every class of the serving path is loaded while there are
                // descriptors to open class files with.
                try (Socket s = new Socket("127.0.0.1", port)) {
                    byte[] frame = RawFrames.oneWay(1, new byte[]{9});
                    OutputStream out = s.getOutputStream();
                    out.write(frame);
                    out.flush();
                    s.getInputStream().readNBytes(frame.length);
                }
                System.out.println("PORT " + port);
                System.out.flush();
                while (System.in.read() >= 0) {
                    // until the parent closes our standard input
                }
                System.out.println("CLOSING");
                System.out.flush();
            }
            System.out.println("DONE");
            System.out.flush();
        }
    }
}
