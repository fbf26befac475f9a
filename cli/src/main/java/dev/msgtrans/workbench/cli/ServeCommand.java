package dev.msgtrans.workbench.cli;

import dev.msgtrans.workbench.env.EndpointEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code workbench serve}: a standalone server (the harness's {@code ServeMain}, in a JVM of the harness jar) that
 * another process or machine loads with {@code workbench load}. This JVM probes the machine, relays the server's
 * output, and writes the server's {@code env.json} (its pid, address, variant, host, JDK, sources) as soon as the
 * server is bound, before it relays the {@code listening on} line; the server answers that file to whoever asks
 * over the wire, so the load side records both ends without copying files between hosts.
 * <p>
 * SIGTERM or SIGINT to this JVM is passed on as SIGTERM: the server closes gracefully and prints its stats, and
 * this JVM exits once it has relayed them.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run a standalone transport server until SIGTERM/SIGINT (or --duration); on exit it closes"
                + " gracefully and prints its TransportStats. Prints 'listening on HOST:PORT' once bound. Its env.json"
                + " is written to --env-out (if given) and answered over the wire to 'workbench load'.",
                "Example: ./workbench serve --variant phase3 --bind 0.0.0.0:7000 --env-out server-env.json"})
final class ServeCommand implements Callable<Integer> {

    static final String MAIN = "dev.msgtrans.harness.serve.ServeMain";
    static final String LISTENING = "listening on ";

    @Option(names = "--variant", paramLabel = "ALIAS",
            description = "Preset or variant alias (baseline, phase1..3, mutex, lockfree, ...). Default: the"
                    + " configuration's (MSGTRANS_VARIANT, else mutex).")
    String variant;

    @Option(names = "--protocol", defaultValue = "tcp", description = "Only tcp. Default: ${DEFAULT-VALUE}")
    String protocol;

    @Option(names = "--bind", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
            description = "Address to bind; port 0 picks a free one. Use 0.0.0.0:PORT for another host's load."
                    + " Default: ${DEFAULT-VALUE}")
    String bind;

    @Option(names = "--handler", defaultValue = "echo",
            description = "echo (requests answered with their payload, one-way packets sent back) or empty"
                    + " (requests answered with an empty payload). Default: ${DEFAULT-VALUE}")
    String handler;

    @Option(names = "--duration", paramLabel = "TIME", description = "Stop after this long (500ms, 30s, 5m)."
            + " Default: until SIGTERM or SIGINT.")
    String duration;

    @Option(names = "--env-out", paramLabel = "FILE", description = "Also write the server's env.json here.")
    Path envOut;

    @Option(names = "--benchmarks-jar", paramLabel = "JAR",
            description = "The harness jar to serve from. Default: harness/target/benchmarks.jar")
    Path benchmarksJar;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Workspace ws = Workspace.locate(benchmarksJar);
        String classPath = ws.harnessClassPath();
        Path envFile = envOut != null ? envOut.toAbsolutePath() : Files.createTempFile("workbench-serve-", ".env.json");
        if (envOut == null) {
            envFile.toFile().deleteOnExit();
        }
        // a stale file must not be answered for this server
        Files.deleteIfExists(envFile);
        Endpoints.Probe probe = Endpoints.probe(ws);
        String command = "workbench " + String.join(" ", spec.commandLine().getParseResult().originalArgs());

        List<String> cmd = new ArrayList<>(List.of(Endpoints.java(), "-cp", classPath, MAIN, "--protocol", protocol,
                "--bind", bind, "--handler", handler, "--env-file", envFile.toString()));
        if (variant != null) {
            cmd.addAll(List.of("--variant", variant));
        }
        if (duration != null) {
            cmd.addAll(List.of("--duration", duration));
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        CountDownLatch relayed = new CountDownLatch(1);
        Thread hook = new Thread(() -> stop(p, relayed), "serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);

        PrintWriter out = spec.commandLine().getOut();
        String served = variant;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("variant ")) {
                    served = line.substring("variant ".length()).split(" ", 2)[0];
                } else if (line.startsWith(LISTENING)) {
                    String address = line.substring(LISTENING.length()).trim();
                    Endpoints.write(envFile, probe.of(EndpointEnvironment.SERVER, p.pid(), address, served, handler,
                            command, warnings(address)));
                    out.println(line);
                    out.println("env.json written to " + envFile + (envOut == null ? " (temporary)" : "")
                            + "; workbench load asks for it over the wire");
                    out.flush();
                    continue;
                }
                out.println(line);
                out.flush();
            }
        } finally {
            relayed.countDown();
        }
        try {
            int exit = p.waitFor();
            Runtime.getRuntime().removeShutdownHook(hook);
            return exit;
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it waits for the server; its exit status is the signal's
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            return 1;
        }
    }

    /** Shutdown hook: SIGTERM to the server, then wait until it has closed and its stats were relayed. */
    private static void stop(Process p, CountDownLatch relayed) {
        if (p.isAlive()) {
            // SIGTERM through the handle: Process.destroy() would also close the pipe the stats come back on
            p.toHandle().destroy();
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            relayed.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> warnings(String address) {
        String host = address.substring(0, Math.max(0, address.lastIndexOf(':')));
        if (host.startsWith("127.") || host.equals("localhost") || host.equals("::1")) {
            return List.of("bound to loopback: only this machine can connect (--bind 0.0.0.0:PORT for another host)");
        }
        return List.of();
    }
}
