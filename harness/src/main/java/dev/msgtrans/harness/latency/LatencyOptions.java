package dev.msgtrans.harness.latency;

import dev.msgtrans.core.Protocol;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one latency measurement is: the target, the offered load, and how long to warm up and measure. Parsed
 * from {@link LatencyRunner}'s command line; immutable.
 *
 * @param target      {@code msgtrans} (our transport) or {@code netty} (the reference peer)
 * @param variant     the preset or variant alias for {@code msgtrans}; null for {@code netty}
 * @param protocol    {@code TCP}, {@code WEBSOCKET} or {@code QUIC} (127.0.0.1; WebSocket and QUIC with the msgtrans
 *                    target only), or {@code MEMORY} (in the JVM)
 * @param connections client connections; the generator's lanes (one histogram per lane)
 * @param rate        offered requests per second, over all connections
 * @param payload     request payload bytes (the echo returns as many)
 * @param warmup      schedule run before measuring; its responses are discarded
 * @param duration    the measured part of the schedule
 * @param window      length of one reported window ("iteration"); the per-window mean latencies are the raw data
 * @param timeout     a request unanswered this long counts as a timeout; also how long the generator waits for
 *                    the last responses
 * @param waitMode    how the sender waits for the next send time: {@code park} or {@code yield}
 * @param forks       child JVMs to measure in, one after the other (0: this JVM)
 * @param out         the JMH-format JSON to write; the HdrHistogram log goes beside it
 * @param connect     {@code HOST:PORT} of a server already running elsewhere ({@code ./workbench serve}): the
 *                    client connects to it instead of starting its own server; null to start one in this JVM
 * @param serverEnvOut with {@code connect}: where to write the environment the server sends back on request
 *                    ({@code dev.msgtrans.harness.serve.ServeHandlers#ENV_BIZ_TYPE}); null to not ask
 */
record LatencyOptions(String target, String variant, Protocol protocol, int connections, int rate, int payload,
                      Duration warmup, Duration duration, Duration window, Duration timeout, String waitMode, int forks,
                      Path out, String connect, Path serverEnvOut) {

    static final String TARGET_MSGTRANS = "msgtrans";
    static final String TARGET_NETTY = "netty";
    static final String WAIT_PARK = "park";
    static final String WAIT_YIELD = "yield";

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s)");

    LatencyOptions {
        if (!TARGET_MSGTRANS.equals(target) && !TARGET_NETTY.equals(target)) {
            throw new IllegalArgumentException("--target must be " + TARGET_MSGTRANS + " or " + TARGET_NETTY
                    + ", got '" + target + "'");
        }
        if (TARGET_MSGTRANS.equals(target) && variant == null) {
            throw new IllegalArgumentException("--target msgtrans needs --variant (a preset such as phase3, or a"
                    + " variant alias)");
        }
        if (TARGET_NETTY.equals(target) && variant != null) {
            throw new IllegalArgumentException("--target netty takes no --variant (got '" + variant + "')");
        }
        if (connections < 1 || rate < 1 || payload < 0 || forks < 0) {
            throw new IllegalArgumentException("need --connections >= 1, --rate >= 1, --payload >= 0, --forks >= 0");
        }
        if (duration.isZero() || window.isZero() || timeout.isZero() || window.compareTo(duration) > 0) {
            throw new IllegalArgumentException("need positive --duration, --window and --timeout, and --window <="
                    + " --duration");
        }
        if (!WAIT_PARK.equals(waitMode) && !WAIT_YIELD.equals(waitMode)) {
            throw new IllegalArgumentException("--wait must be " + WAIT_PARK + " or " + WAIT_YIELD + ", got '" + waitMode
                    + "'");
        }
        if (out == null) {
            throw new IllegalArgumentException("--out FILE.json is required");
        }
        if (!TARGET_MSGTRANS.equals(target) && protocol == Protocol.QUIC) {
            throw new IllegalArgumentException("--protocol QUIC needs --target msgtrans: the Netty reference peer"
                    + " speaks TCP and MEMORY only");
        }
        if (connect != null && (!TARGET_MSGTRANS.equals(target) || protocol != Protocol.TCP
                || connect.lastIndexOf(':') <= 0)) {
            throw new IllegalArgumentException("--connect HOST:PORT needs --target msgtrans and --protocol TCP, got"
                    + " '" + connect + "' with " + target + " " + protocol);
        }
        if (protocol == Protocol.WEBSOCKET && !TARGET_MSGTRANS.equals(target)) {
            throw new IllegalArgumentException("--protocol WEBSOCKET needs --target msgtrans: the Netty baseline speaks"
                    + " TCP and memory only");
        }
        if (serverEnvOut != null && connect == null) {
            throw new IllegalArgumentException("--server-env-out needs --connect");
        }
    }

    /** Without a remote server (the form the tests and older callers use). */
    LatencyOptions(String target, String variant, Protocol protocol, int connections, int rate, int payload,
                   Duration warmup, Duration duration, Duration window, Duration timeout, String waitMode, int forks,
                   Path out) {
        this(target, variant, protocol, connections, rate, payload, warmup, duration, window, timeout, waitMode, forks,
                out, null, null);
    }

    /** Measured windows per fork. */
    int windows() {
        return (int) (duration.toNanos() / window.toNanos());
    }

    /** The parameters as a JMH result states them ({@code params}), in a stable order. */
    Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("target", target);
        if (variant != null) {
            p.put("variant", variant);
        }
        p.put("protocol", protocol.name());
        p.put("connections", Integer.toString(connections));
        p.put("rate", Integer.toString(rate));
        p.put("payload", Integer.toString(payload));
        if (connect != null) {
            p.put("connect", connect);
        }
        return p;
    }

    /** The command-line arguments that reproduce these options, with another fork count and output. */
    List<String> toArgs(int forkCount, Path output) {
        List<String> a = new ArrayList<>(List.of("--target", target));
        if (variant != null) {
            a.addAll(List.of("--variant", variant));
        }
        a.addAll(List.of("--protocol", protocol.name(), "--connections", Integer.toString(connections), "--rate",
                Integer.toString(rate), "--payload", Integer.toString(payload), "--warmup", millis(warmup),
                "--duration", millis(duration), "--window", millis(window), "--timeout", millis(timeout), "--wait",
                waitMode, "--forks", Integer.toString(forkCount), "--out", output.toString()));
        if (connect != null) {
            a.addAll(List.of("--connect", connect));
        }
        if (serverEnvOut != null) {
            a.addAll(List.of("--server-env-out", serverEnvOut.toString()));
        }
        return a;
    }

    private static String millis(Duration d) {
        return d.toMillis() + "ms";
    }

    static final String USAGE = """
            usage: java -cp benchmarks.jar dev.msgtrans.harness.latency.LatencyRunner
                     --target msgtrans|netty [--variant PRESET|ALIAS] --protocol TCP|WEBSOCKET|QUIC|MEMORY
                     [--connections 4] --rate REQ_PER_S [--payload 64] [--warmup 2s] --duration 5s
                     [--window 1s (at most duration/5)] [--timeout 2s] [--wait park|yield] [--forks 1] --out FILE.json
                     [--connect HOST:PORT (a running ./workbench serve; no server is started here)]
                     [--server-env-out FILE (with --connect: the server's env.json, asked over the wire)]""";

    /**
     * @throws IllegalArgumentException naming the bad option, with {@link #USAGE}
     */
    static LatencyOptions parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            if (!k.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + k + "'\n" + USAGE);
            }
            m.put(k.substring(2), args[++i]);
        }
        List<String> known = List.of("target", "variant", "protocol", "connections", "rate", "payload", "warmup",
                "duration", "window", "timeout", "wait", "forks", "out", "connect", "server-env-out");
        for (String k : m.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("unknown option --" + k + "\n" + USAGE);
            }
        }
        Duration duration = duration(require(m, "duration"), "--duration");
        // five windows at least, so that a short (smoke) run still has raw data to compute an interval from
        Duration defaultWindow = Duration.ofNanos(Math.min(1_000_000_000L, duration.toNanos() / 5));
        Protocol protocol;
        try {
            protocol = Protocol.valueOf(require(m, "protocol").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--protocol must be TCP, WEBSOCKET, QUIC or MEMORY, got '"
                    + m.get("protocol") + "'");
        }
        return new LatencyOptions(require(m, "target"), m.get("variant"), protocol,
                integer(m.getOrDefault("connections", "4"), "--connections"), integer(require(m, "rate"), "--rate"),
                integer(m.getOrDefault("payload", "64"), "--payload"),
                duration(m.getOrDefault("warmup", "2s"), "--warmup"), duration,
                m.containsKey("window") ? duration(m.get("window"), "--window") : defaultWindow,
                duration(m.getOrDefault("timeout", "2s"), "--timeout"), m.getOrDefault("wait", WAIT_PARK),
                integer(m.getOrDefault("forks", "1"), "--forks"), Path.of(require(m, "out")), m.get("connect"),
                m.containsKey("server-env-out") ? Path.of(m.get("server-env-out")) : null);
    }

    private static String require(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required\n" + USAGE);
        }
        return v;
    }

    private static int integer(String s, String option) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes an integer, got '" + s + "'");
        }
    }

    static Duration duration(String s, String option) {
        Matcher mm = DURATION.matcher(s.trim());
        if (!mm.matches()) {
            throw new IllegalArgumentException(option + " takes a time such as 500ms or 5s, got '" + s + "'");
        }
        long n = Long.parseLong(mm.group(1));
        return "s".equals(mm.group(2)) ? Duration.ofSeconds(n) : Duration.ofMillis(n);
    }
}
