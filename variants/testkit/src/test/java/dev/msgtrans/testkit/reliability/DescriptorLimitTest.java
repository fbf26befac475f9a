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

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "ulimit -n \"$1\" && shift && exec \"$@\"", "bash",
                Integer.toString(FD_LIMIT), java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), alias);
        pb.redirectErrorStream(true);
        Process child = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readLines(child.getInputStream(), lines), "descriptor-limit-child-output");
        reader.setDaemon(true);
        reader.start();
        List<EchoSocket> served = new ArrayList<>();
        try {
            String address = "127.0.0.1:" + awaitLine(lines, "PORT ").substring(5);
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
                        if (count(lines, "EVENT ACCEPT ") >= episode) {
                            waiting = s;
                            break;
                        }
                        if (System.nanoTime() > deadline) {
                            fail("connection " + i + " neither served nor refused by a failing accept; child: "
                                    + head(lines));
                        }
                    }
                }
                assertTrue(waiting != null, "accepting never failed under ulimit -n " + FD_LIMIT + "; child: "
                        + head(lines));
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
                awaitCount(lines, "EVENT ACCEPT_RECOVERED ", episode);
            }
            for (EchoSocket s : served) {
                assertTrue(s.echo(payload, PATIENCE), "every session still echoes");
            }
            child.getOutputStream().close(); // tells the child to close its server and report
            awaitLine(lines, "DONE");
            assertTrue(child.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "child exits");
            List<String> events = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("EVENT ")) {
                    events.add(line.split(" ", 3)[1]);
                }
            }
            System.out.printf("[descriptor-limit] %s: %d sessions served under ulimit -n %d; child: %s%n", alias,
                    served.size(), FD_LIMIT, head(lines));
            // One event as each episode starts and one as it ends, so they alternate. A stray episode beyond ours
            // (a connection from elsewhere to this port, or a descriptor released a moment late under load) is
            // still one event per episode; a report per failed retry would put two ACCEPTs in a row.
            String why = "one event as each episode starts and one as it ends; child: " + head(lines);
            assertTrue(events.size() >= 2 * EPISODES && events.size() <= 2 * EPISODES + 2, why);
            for (int i = 0; i < events.size(); i++) {
                assertEquals(i % 2 == 0 ? "ACCEPT" : "ACCEPT_RECOVERED", events.get(i), why);
            }
        } finally {
            for (EchoSocket s : served) {
                s.close();
            }
            child.destroyForcibly();
            child.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void readLines(InputStream in, List<String> into) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                into.add(line);
            }
        } catch (IOException ignored) {
            // the child is gone
        }
    }

    /** The child's first lines, enough to diagnose without flooding the report when it printed thousands. */
    private static String head(List<String> lines) {
        return lines.size() > 20 ? lines.subList(0, 20) + " ... (" + lines.size() + " lines)" : lines.toString();
    }

    private static long count(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).count();
    }

    private static String awaitLine(List<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos() * 3; // a JVM starting on a busy machine
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the child printed no line starting with '" + prefix + "': " + head(lines));
    }

    private static void awaitCount(List<String> lines, String prefix, int n) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (count(lines, prefix) < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count(lines, prefix) + " of " + n + " lines starting with '" + prefix
                        + "'; child: " + head(lines));
            }
            Thread.sleep(10);
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
