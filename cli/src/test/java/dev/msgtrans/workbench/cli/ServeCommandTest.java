package dev.msgtrans.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.msgtrans.workbench.run.RunLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code workbench serve} and {@code workbench load} as separate processes on loopback, as they run on two hosts:
 * the load's result counts answered requests and names both ends, and the server prints its stats after SIGTERM.
 * A behaviour test: about a second of load at a low rate, no figure is checked.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ServeCommandTest {

    private static final Pattern STATS = Pattern.compile("^stats TransportStats\\[.*packetsReceived=(\\d+),");

    private final List<Process> started = new ArrayList<>();
    /** The server JVM, which a failing serve could leave behind as an orphan (not a descendant any more). */
    private final List<Long> serverPids = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        serverPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void loadAgainstAServerInAnotherProcessRecordsBothEndsAndTheServerPrintsItsStatsOnSigterm(@TempDir Path tmp)
            throws Exception {
        Path serverEnvOut = tmp.resolve("serve/env.json");
        Process serve = workbench("serve", "--variant", "lockfree", "--bind", "127.0.0.1:0", "--env-out",
                serverEnvOut.toString());
        List<String> serveOut = new CopyOnWriteArrayList<>();
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = relay(serve, serveOut, address);
        String target = address.get(90, TimeUnit.SECONDS);
        assertTrue(target.matches("127\\.0\\.0\\.1:\\d+") && !target.endsWith(":0"), target);

        Path out = tmp.resolve("load");
        Process load = workbench("load", "--target", target, "--variant", "mutex", "--rate", "200", "--warmup",
                "500ms", "--duration", "1s", "--out", out.toString());
        String loadOut = drain(load);
        assertEquals(0, load.waitFor(), loadOut);

        JsonNode summary = RunLayout.JSON.readTree(out.resolve("load.json").toFile());
        assertTrue(summary.get("answered").asLong() > 0, summary.toString());
        assertEquals(0, summary.get("errors").asLong(), summary.toString());
        assertEquals(0, summary.get("timeouts").asLong(), summary.toString());
        assertTrue(summary.get("latencyMicros").get("p50").asDouble() > 0, summary.toString());

        JsonNode client = RunLayout.JSON.readTree(out.resolve("client-env.json").toFile());
        JsonNode server = RunLayout.JSON.readTree(out.resolve("server-env.json").toFile());
        assertEquals("client", client.get("role").asText());
        assertEquals("server", server.get("role").asText());
        assertEquals(target, server.get("address").asText());
        assertEquals("lockfree", server.get("variant").asText());
        assertTrue(client.get("host").hasNonNull("hostname") && server.get("host").hasNonNull("hostname"));
        assertTrue(client.get("jdk").hasNonNull("runtimeVersion") && server.get("jdk").hasNonNull("runtimeVersion"));
        long serverPid = server.get("pid").asLong();
        serverPids.add(serverPid);
        long clientPid = client.get("pid").asLong();
        assertNotEquals(serverPid, clientPid);
        // the server's pid is the JVM that served (a child of the serve process), the client's the load's runner
        assertTrue(serve.descendants().anyMatch(h -> h.pid() == serverPid), "server pid " + serverPid);
        assertTrue(serverPid != serve.pid() && clientPid != load.pid() && clientPid != ProcessHandle.current().pid());
        // the file the server answered over the wire is the one it wrote for --env-out
        assertEquals(RunLayout.JSON.readTree(serverEnvOut.toFile()), server);

        // SIGTERM; through the handle, since Process.destroy() also closes the pipe the stats come back on
        serve.toHandle().destroy();
        assertTrue(serve.waitFor(90, TimeUnit.SECONDS), "serve did not exit after SIGTERM: " + serveOut);
        reader.join(10_000);
        assertTrue(serveOut.contains("closing (signalled)"), serveOut.toString());
        long received = serveOut.stream().map(STATS::matcher).filter(Matcher::find)
                .mapToLong(m -> Long.parseLong(m.group(1))).findFirst().orElse(-1);
        assertTrue(received > summary.get("answered").asLong(), "stats after SIGTERM: " + serveOut);
        assertTrue(serve.descendants().findAny().isEmpty(), "the server JVM outlived serve");
    }

    @Test
    void loadAgainstAPortWithNoServerFailsWithAClearError(@TempDir Path tmp) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process load = workbench("load", "--target", "127.0.0.1:" + port, "--rate", "100", "--duration", "1s",
                "--out", tmp.toString());
        String out = drain(load);
        assertEquals(1, load.waitFor(), out);
        assertTrue(out.contains("cannot connect to the server at 127.0.0.1:" + port), out);
        assertTrue(Files.notExists(tmp.resolve("load.json")), "no result for a load that did not run");
    }

    /** {@code java -cp <this class path> Workbench ARGS}, the harness classes run from the same class path. */
    private Process workbench(String... args) throws IOException {
        String cp = System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, "-Dworkbench.home=" + System.getProperty("workbench.home", "."),
                "-D" + Workspace.HARNESS_CLASSPATH_PROPERTY + "=" + cp, Workbench.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        started.add(p);
        return p;
    }

    /** Collects the process's lines, completing {@code address} with the one {@code serve} prints when bound. */
    private static Thread relay(Process p, List<String> lines, CompletableFuture<String> address) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                    if (line.startsWith(ServeCommand.LISTENING)) {
                        address.complete(line.substring(ServeCommand.LISTENING.length()).trim());
                    }
                }
            } catch (IOException e) {
                address.completeExceptionally(e);
            }
            address.completeExceptionally(new IllegalStateException("serve ended before listening: " + lines));
        }, "serve-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String drain(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
