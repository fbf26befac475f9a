package dev.msgtrans.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msgtrans.core.Transport;
import dev.msgtrans.workbench.env.EndpointEnvironment;
import dev.msgtrans.workbench.run.RunLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code workbench load}: the open-loop latency runner (HdrHistogram, corrected for coordinated omission) against
 * a server already running elsewhere ({@code workbench serve}), in a JVM of the harness jar. Writes into
 * {@code --out DIR}:
 * <pre>
 * latency.json      the runner's result in JMH's format (percentiles, achievedRate, requests, errors, timeouts)
 * latency.hlog      its HdrHistogram interval log
 * client-env.json   this end: host, JDK, sources, the load generator's pid, the target
 * server-env.json   the other end, as the server answered it over the wire (or --server-env FILE)
 * load.json         the summary: requests answered, errors, achieved rate, latency percentiles, both hosts
 * </pre>
 * Exit code 0 when the load ran, 1 when it could not (server unreachable, no server environment), 2 on bad usage.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Load a running 'workbench serve' at HOST:PORT with the open-loop latency runner (fixed offered"
                + " rate, HdrHistogram, corrected for coordinated omission) and record both ends' env.json.",
                "Example: ./workbench load --target 10.0.0.2:7000 --rate 20000 --duration 30s --out results/two-host"})
final class LoadCommand implements Callable<Integer> {

    static final String MAIN = "dev.msgtrans.harness.latency.LatencyRunner";

    @Option(names = "--target", required = true, paramLabel = "HOST:PORT",
            description = "The server's address, as its 'listening on' line printed it (with the host's real name or"
                    + " IP when it bound 0.0.0.0).")
    String target;

    @Option(names = "--variant", paramLabel = "ALIAS", defaultValue = Transport.DEFAULT_VARIANT,
            description = "The client's preset or variant alias. Default: ${DEFAULT-VALUE}")
    String variant;

    @Option(names = "--rate", required = true, paramLabel = "REQ_PER_S", description = "Offered requests per second.")
    int rate;

    @Option(names = "--duration", defaultValue = "10s", description = "Measured time. Default: ${DEFAULT-VALUE}")
    String duration;

    @Option(names = "--warmup", defaultValue = "2s", description = "Discarded warm-up. Default: ${DEFAULT-VALUE}")
    String warmup;

    @Option(names = "--connections", defaultValue = "4", description = "Client connections. Default: ${DEFAULT-VALUE}")
    int connections;

    @Option(names = "--payload", defaultValue = "64", description = "Request bytes. Default: ${DEFAULT-VALUE}")
    int payload;

    @Option(names = "--timeout", defaultValue = "2s", description = "Per request. Default: ${DEFAULT-VALUE}")
    String timeout;

    @Option(names = "--window", description = "Reporting window. Default: the runner's (1s, at most duration/5).")
    String window;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the result files.")
    Path out;

    @Option(names = "--server-env", paramLabel = "FILE",
            description = "The server's env.json (serve --env-out), instead of asking the server for it.")
    Path serverEnv;

    @Option(names = "--benchmarks-jar", paramLabel = "JAR",
            description = "The harness jar to load from. Default: harness/target/benchmarks.jar")
    Path benchmarksJar;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (target.lastIndexOf(':') <= 0) {
            throw new IllegalArgumentException("--target takes HOST:PORT, got '" + target + "'");
        }
        Workspace ws = Workspace.locate(benchmarksJar);
        String classPath = ws.harnessClassPath();
        Path dir = out.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Path latency = dir.resolve("latency.json");
        Path serverEnvFile = dir.resolve("server-env.json");
        Path clientEnvFile = dir.resolve("client-env.json");
        for (Path stale : List.of(latency, serverEnvFile, clientEnvFile, dir.resolve("load.json"))) {
            Files.deleteIfExists(stale);
        }
        if (serverEnv != null && !Files.isRegularFile(serverEnv)) {
            throw new IllegalArgumentException("--server-env " + serverEnv + " does not exist");
        }
        Endpoints.Probe probe = Endpoints.probe(ws, dir);
        String command = "workbench " + String.join(" ", spec.commandLine().getParseResult().originalArgs());

        List<String> cmd = new ArrayList<>(List.of(Endpoints.java(), "-cp", classPath, MAIN, "--target", "msgtrans",
                "--variant", variant, "--protocol", "TCP", "--connect", target, "--connections",
                Integer.toString(connections), "--rate", Integer.toString(rate), "--payload", Integer.toString(payload),
                "--warmup", warmup, "--duration", duration, "--timeout", timeout, "--forks", "0", "--out",
                latency.toString()));
        if (window != null) {
            cmd.addAll(List.of("--window", window));
        }
        if (serverEnv == null) {
            cmd.addAll(List.of("--server-env-out", serverEnvFile.toString()));
        }
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        Endpoints.write(clientEnvFile, probe.of(EndpointEnvironment.CLIENT, p.pid(), target, variant, null, command,
                List.of()));
        int exit;
        try {
            exit = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            return 1;
        }
        PrintWriter err = spec.commandLine().getErr();
        if (exit != 0 || !Files.isRegularFile(latency)) {
            err.println("workbench load: the load against " + target + " failed (exit " + exit + "); see above");
            err.flush();
            return 1;
        }
        if (serverEnv != null) {
            Files.copy(serverEnv, serverEnvFile, StandardCopyOption.REPLACE_EXISTING);
        }
        EndpointEnvironment server = Endpoints.read(serverEnvFile);
        EndpointEnvironment client = Endpoints.read(clientEnvFile);
        ObjectNode summary = summary(RunLayout.JSON.readTree(latency.toFile()), client, server);
        RunLayout.JSON.writeValue(dir.resolve("load.json").toFile(), summary);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "load: %d requests answered of %d, %d errors, %d timeouts, achieved %.0f resp/s;"
                        + " client %s pid %d -> server %s pid %d (%s); written to %s%n",
                summary.get("answered").asLong(), summary.get("requests").asLong(), summary.get("errors").asLong(),
                summary.get("timeouts").asLong(), summary.get("achievedRate").asDouble(), client.host().hostname(),
                client.pid(), server.host().hostname(), server.pid(), server.variant(), dir);
        o.flush();
        return 0;
    }

    /** The figures a reader wants first, from the runner's JMH-format result, with both ends named. */
    static ObjectNode summary(JsonNode result, EndpointEnvironment client, EndpointEnvironment server) {
        JsonNode r = result.get(0);
        JsonNode sec = r.get("secondaryMetrics");
        long requests = sec.get("requests").get("score").asLong();
        long errors = sec.get("errors").get("score").asLong();
        long timeouts = sec.get("timeouts").get("score").asLong();
        ObjectNode s = RunLayout.JSON.createObjectNode();
        s.put("target", server.address());
        s.put("requests", requests);
        s.put("answered", requests - errors - timeouts);
        s.put("errors", errors);
        s.put("timeouts", timeouts);
        s.put("offeredRate", sec.get("offeredRate").get("score").asDouble());
        s.put("achievedRate", sec.get("achievedRate").get("score").asDouble());
        ObjectNode pct = s.putObject("latencyMicros");
        JsonNode p = r.get("primaryMetric").get("scorePercentiles");
        String[][] names = {{"p50", "50.0"}, {"p90", "90.0"}, {"p99", "99.0"}, {"p99.9", "99.9"}, {"p99.99", "99.99"},
                {"max", "100.0"}};
        for (String[] n : names) {
            pct.set(n[0], p.get(n[1]));
        }
        s.set("client", endpoint(client));
        s.set("server", endpoint(server));
        return s;
    }

    private static ObjectNode endpoint(EndpointEnvironment e) {
        ObjectNode n = RunLayout.JSON.createObjectNode();
        n.put("host", e.host().hostname());
        n.put("pid", e.pid());
        n.put("variant", e.variant());
        n.put("jdk", e.jdk().runtimeVersion());
        n.put("git", e.git().revision());
        return n;
    }
}
