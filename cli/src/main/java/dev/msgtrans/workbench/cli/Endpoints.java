package dev.msgtrans.workbench.cli;

import dev.msgtrans.workbench.env.EndpointEnvironment;
import dev.msgtrans.workbench.env.GitInfo;
import dev.msgtrans.workbench.env.HostInfo;
import dev.msgtrans.workbench.env.JdkInfo;
import dev.msgtrans.workbench.run.RunLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * What {@code serve} and {@code load} share: probing this machine before the harness JVM starts (so the probes do
 * not run beside the load), and writing an {@link EndpointEnvironment} atomically (a server answers it over the
 * wire, and must never send half a file).
 */
final class Endpoints {

    /** Host, JDK and sources, probed once; completed with the harness JVM's pid and address by {@link #of}. */
    record Probe(HostInfo host, JdkInfo jdk, GitInfo git, String startedAt) {

        EndpointEnvironment of(String role, long pid, String address, String variant, String handler,
                               String command, List<String> warnings) {
            return new EndpointEnvironment(role, pid, address, variant, handler, command, startedAt, host, jdk, git,
                    warnings);
        }
    }

    private Endpoints() {
    }

    /** Probes the machine, the JDK the harness JVM will run on (this one's) and the workspace's sources. */
    static Probe probe(Workspace ws, Path... outputs) {
        JdkInfo jdk = JdkInfo.probe(Path.of(System.getProperty("java.home")), List.of());
        return new Probe(HostInfo.probe(), jdk, GitInfo.probe(ws.home(), outputs),
                Instant.now().toString());
    }

    /** The harness JVM's {@code bin/java}: the JDK {@link #probe} recorded. */
    static String java() {
        return JdkInfo.javaExecutable(Path.of(System.getProperty("java.home"))).toString();
    }

    static void write(Path file, EndpointEnvironment env) {
        try {
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
            RunLayout.JSON.writeValue(tmp.toFile(), env);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static EndpointEnvironment read(Path file) {
        try {
            return RunLayout.JSON.readValue(file.toFile(), EndpointEnvironment.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " as an endpoint env.json: " + e.getMessage(), e);
        }
    }
}
