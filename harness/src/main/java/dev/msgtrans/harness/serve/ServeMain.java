package dev.msgtrans.harness.serve;

import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A standalone transport server: binds, prints {@code variant ALIAS [SPEC]}, then {@code listening on HOST:PORT}
 * (the real port when bound to 0), serves until SIGTERM or SIGINT (or {@code --duration}), then closes gracefully and prints
 * {@code stats TransportStats[...]}. Exit code 0 after a close, 2 on bad usage, 1 when it cannot bind.
 * <p>
 * Threading: the main thread starts and closes the server; a shutdown hook only wakes it and waits until the
 * stats are printed, so a signal and the end of {@code --duration} take the same path.
 * <pre>
 * java -cp harness/target/benchmarks.jar dev.msgtrans.harness.serve.ServeMain --variant phase3 \
 *     --bind 0.0.0.0:7000 [--handler echo|empty] [--duration 60s] [--env-file env.json]
 * </pre>
 */
public final class ServeMain {

    static final String USAGE = """
            usage: java -cp benchmarks.jar dev.msgtrans.harness.serve.ServeMain [--variant PRESET|ALIAS]
                     [--protocol tcp] [--bind HOST:PORT (127.0.0.1:0)] [--handler echo|empty] [--duration 30s]
                     [--env-file FILE (answered to environment requests)]""";

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    private ServeMain() {
    }

    public static void main(String[] args) {
        Map<String, String> o;
        Duration duration;
        String host;
        int port;
        try {
            o = parse(args);
            if (!"tcp".equalsIgnoreCase(o.getOrDefault("protocol", "tcp"))) {
                throw new IllegalArgumentException("--protocol must be tcp (a standalone server is reached over the"
                        + " network), got '" + o.get("protocol") + "'");
            }
            duration = o.containsKey("duration") ? duration(o.get("duration")) : null;
            String bind = o.getOrDefault("bind", "127.0.0.1:0");
            int colon = bind.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--bind takes HOST:PORT, got '" + bind + "'");
            }
            host = bind.substring(0, colon);
            port = Integer.parseInt(bind.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            System.err.println("serve: " + e.getMessage());
            System.exit(2);
            return;
        }
        Transport.Builder b;
        try {
            Path env = o.containsKey("env-file") ? Path.of(o.get("env-file")) : null;
            b = Transport.builder().tcp(host, port).handler(ServeHandlers.named(o.getOrDefault("handler",
                    ServeHandlers.ECHO), env));
            if (o.containsKey("variant")) {
                b.variant(o.get("variant"));
            }
        } catch (IllegalArgumentException e) {
            System.err.println("serve: " + e.getMessage());
            System.exit(2);
            return;
        }
        TransportServer server;
        try {
            server = b.startServer();
        } catch (Exception e) {
            System.err.println("serve: cannot bind " + host + ":" + port + ": " + e);
            System.exit(1);
            return;
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch printed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                // the main thread closes and prints; the JVM must not halt before it has
                printed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "serve-shutdown"));
        // the variant first: ./workbench serve records it in env.json when it sees the address
        System.out.println("variant " + server.variant() + " [" + server.variantSpec() + "]");
        System.out.println("listening on " + server.address());
        System.out.println("handler " + o.getOrDefault("handler", ServeHandlers.ECHO) + ", pid "
                + ProcessHandle.current().pid() + (duration == null ? ", until SIGTERM or SIGINT"
                : ", for " + duration.toMillis() + " ms or until SIGTERM or SIGINT"));
        System.out.flush();
        boolean signalled;
        try {
            signalled = duration == null ? awaitForever(stop) : stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            signalled = true;
        }
        System.out.println("closing (" + (signalled ? "signalled" : "duration over") + ")");
        long t0 = System.nanoTime();
        server.close();
        System.out.printf("closed gracefully in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        System.out.println("stats " + server.stats());
        System.out.flush();
        printed.countDown();
        if (!signalled) {
            System.exit(0);
        }
    }

    private static boolean awaitForever(CountDownLatch stop) throws InterruptedException {
        stop.await();
        return true;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'\n" + USAGE);
            }
            m.put(args[i].substring(2), args[++i]);
        }
        for (String k : m.keySet()) {
            if (!List.of("variant", "protocol", "bind", "handler", "duration", "env-file").contains(k)) {
                throw new IllegalArgumentException("unknown option --" + k + "\n" + USAGE);
            }
        }
        return m;
    }

    static Duration duration(String s) {
        Matcher mm = DURATION.matcher(s.trim());
        if (!mm.matches()) {
            throw new IllegalArgumentException("--duration takes a time such as 500ms, 30s or 5m, got '" + s + "'");
        }
        long n = Long.parseLong(mm.group(1));
        return switch (mm.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
