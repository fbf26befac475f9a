package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;
import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.SendResult;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.TransportStats;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded soak over loopback (TCP on 127.0.0.1, or in memory): {@code clients} clients, each with its own
 * connection, send numbered one-way packets at {@code rate} per second for {@code duration}; the server echoes every
 * one; both ends check every stream's numbers: nothing lost, nothing duplicated, every session in order. It prints
 * the figures and, run as a program, exits 0 when clean, 1 on any loss, duplicate, reordering or corruption, 3 when
 * the offered load could not be sent in time (the figures say how much was), 2 on a usage error.
 *
 * <pre>
 *   java -cp ... dev.msgtrans.testkit.reliability.SoakRunner --clients 500 --duration 10s --rate 100 \
 *        [--variant phase3] [--protocol tcp|websocket|memory] [--preset original-500x10s|original-200x30s|ci]
 * </pre>
 *
 * Pacing is by schedule, not by sleeping after each send: message {@code k} of client {@code c} is due at
 * {@code start + offset(c) + k / rate}, the offsets spread the clients evenly over one period, and a few pacer threads
 * wake at most once per {@link #TICK_NANOS} to send everything due by then (catching up if they were late, never
 * drifting). Each wake reads the clock once; nothing is timed per message. Every loop is bounded in count (each
 * client sends exactly {@code rate * duration} messages) and in time (the send phase gives up at
 * {@code 3 * duration + 10 s}, the drain after a further {@code duration + 10 s}), so a run always ends by itself.
 * <p>
 * Threading contract: one run at a time per instance of the program; {@link #run} may be called from any thread and
 * blocks until the run ends.
 */
public final class SoakRunner {

    /** The pacers' clock granularity: sends due within one tick go out together. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Payload: client id, sequence number, and the client id inverted as a cheap integrity check. */
    static final int PAYLOAD = 16;
    private static final int BIZ_TYPE = 0x50;

    private SoakRunner() {
    }

    /** The original's stress shapes, and the short one CI runs. */
    public enum Preset {
        /** 500 clients for 10 s at 10 ms pacing (100 messages per second each), as the original's stress test. */
        ORIGINAL_500X10S("original-500x10s", 500, Duration.ofSeconds(10), 100),
        /** 200 clients for 30 s at 10 ms pacing. */
        ORIGINAL_200X30S("original-200x30s", 200, Duration.ofSeconds(30), 100),
        /** 20 clients for 2 s at 10 ms pacing: seconds, for every CI run. */
        CI("ci", 20, Duration.ofSeconds(2), 100);

        public final String id;
        public final int clients;
        public final Duration duration;
        public final int rate;

        Preset(String id, int clients, Duration duration, int rate) {
            this.id = id;
            this.clients = clients;
            this.duration = duration;
            this.rate = rate;
        }

        public static Preset of(String id) {
            for (Preset p : values()) {
                if (p.id.equals(id)) {
                    return p;
                }
            }
            List<String> ids = new ArrayList<>();
            for (Preset p : values()) {
                ids.add(p.id);
            }
            throw new IllegalArgumentException("unknown preset '" + id + "'; known presets: " + String.join(", ", ids));
        }
    }

    /**
     * What to run.
     *
     * @param clients  clients, one connection each
     * @param duration how long each client sends
     * @param rate     messages per second per client
     * @param variant  composition alias (variant or preset of DESIGN.md)
     * @param protocol TCP or WebSocket over 127.0.0.1, or in memory
     */
    public record Settings(int clients, Duration duration, int rate, String variant, Protocol protocol) {
        public Settings {
            if (clients < 1 || clients > 10_000) {
                throw new IllegalArgumentException("clients must be 1-10000, was " + clients);
            }
            if (rate < 1 || rate > 100_000) {
                throw new IllegalArgumentException("rate must be 1-100000 messages/s per client, was " + rate);
            }
            if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("duration must be above 0 and at most 1 h, was " + duration);
            }
            if (perClient(duration, rate) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("rate * duration is too many messages per client");
            }
        }

        /** Messages each client sends. */
        public long messagesPerClient() {
            return perClient(duration, rate);
        }

        private static long perClient(Duration d, int rate) {
            return Math.max(1, d.toNanos() * rate / 1_000_000_000L);
        }

        public static Settings of(Preset p, String variant, Protocol protocol) {
            return new Settings(p.clients, p.duration, p.rate, variant, protocol);
        }
    }

    /**
     * The figures of one run. "Lost" is messages the sender had queued whose number never came back; the server's
     * figures say on which leg it went.
     */
    public record Report(Settings settings, long sent, long received, long lost, long duplicated, long outOfOrder,
                         long corrupt, long refusedAndRetried, long unsent, long serverReceived, long serverLost,
                         long serverDuplicated, long serverOutOfOrder, double sendSeconds, double drainSeconds,
                         TransportStats serverStats) {

        /** No loss, duplicate, reordering or corruption on either leg. */
        public boolean intact() {
            return lost == 0 && duplicated == 0 && outOfOrder == 0 && corrupt == 0
                    && serverLost == 0 && serverDuplicated == 0 && serverOutOfOrder == 0;
        }

        /** Intact, and every message of the offered load was sent. */
        public boolean clean() {
            return intact() && unsent == 0;
        }

        /** 0 clean, 1 integrity failure, 3 load not delivered. */
        public int exitCode() {
            return !intact() ? 1 : unsent > 0 ? 3 : 0;
        }

        public double achievedRate() {
            return sendSeconds > 0 ? sent / sendSeconds : 0;
        }

        public String format() {
            Settings s = settings;
            long offered = (long) s.clients() * s.rate();
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "soak variant=%s protocol=%s clients=%d duration=%.1fs rate=%d/s per client"
                            + " (offered %d msg/s, %d messages)%n", s.variant(), s.protocol().name().toLowerCase(Locale.ROOT),
                    s.clients(), s.duration().toNanos() / 1e9, s.rate(), offered, s.messagesPerClient() * s.clients()));
            b.append(String.format(Locale.ROOT, "  client side: sent=%d received=%d lost=%d duplicated=%d out-of-order=%d"
                    + " corrupt=%d refused-and-retried=%d unsent=%d%n", sent, received, lost, duplicated, outOfOrder,
                    corrupt, refusedAndRetried, unsent));
            b.append(String.format(Locale.ROOT, "  server side: received=%d lost=%d duplicated=%d out-of-order=%d%n",
                    serverReceived, serverLost, serverDuplicated, serverOutOfOrder));
            b.append(String.format(Locale.ROOT, "  send phase %.2f s, achieved %.0f msg/s (offered %d msg/s); drain %.2f s%n",
                    sendSeconds, achievedRate(), offered, drainSeconds));
            TransportStats st = serverStats;
            b.append(String.format(Locale.ROOT, "  server stats: sessions opened=%d closed=%d, packets in=%d out=%d,"
                            + " sends refused=%d, mailbox drops=%d, events dropped=%d, protocol errors=%d%n",
                    st.sessionsOpened(), st.sessionsClosed(), st.packetsReceived(), st.packetsSent(), st.sendsRefused(),
                    st.mailboxDrops(), st.eventsDropped(), st.protocolErrors()));
            b.append("  result: ").append(clean() ? "PASS" : !intact() ? "FAIL (loss, duplicate, reordering or corruption)"
                    : "INCOMPLETE (the offered load could not be sent in time on this machine)").append('\n');
            return b.toString();
        }
    }

    /** Runs one soak and returns its figures; does not print. */
    public static Report run(Settings s) throws IOException, InterruptedException {
        long perClient = s.messagesPerClient();
        Map<Integer, SequenceLedger> serverLedgers = new ConcurrentHashMap<>();
        AtomicLong serverCorrupt = new AtomicLong();
        MessageHandler checkAndEcho = (ctx, p) -> {
            if (p.type() == PacketType.ONE_WAY) {
                int client = clientOf(p);
                if (client < 0) {
                    serverCorrupt.incrementAndGet();
                } else {
                    serverLedgers.computeIfAbsent(client, k -> new SequenceLedger(perClient)).record(seqOf(p));
                }
                ctx.send(p);
            }
        };
        int cores = Runtime.getRuntime().availableProcessors();
        String memoryName = "soak-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
        Transport.Builder serverBuilder = Transport.builder().variant(s.variant()).handler(checkAndEcho)
                .maxSessions(s.clients() + 16).ioThreads(cores).dispatchWorkers(cores);
        serverBuilder = switch (s.protocol()) {
            case TCP -> serverBuilder.tcp("127.0.0.1", 0);
            case WEBSOCKET -> serverBuilder.websocket("127.0.0.1", 0);
            case QUIC -> serverBuilder.quic("127.0.0.1", 0);
            case MEMORY -> serverBuilder.memory(memoryName);
        };
        try (TransportServer server = serverBuilder.startServer()) {
            SequenceLedger[] ledgers = new SequenceLedger[s.clients()];
            TransportClient[] clients = new TransportClient[s.clients()];
            try {
                for (int c = 0; c < s.clients(); c++) {
                    SequenceLedger ledger = new SequenceLedger(perClient);
                    ledgers[c] = ledger;
                    int id = c;
                    // One connection, one loop, one worker per client: a client is one peer of the original's test.
                    Transport.Builder clientBuilder = Transport.builder().variant(s.variant())
                            .connectTo(server.address());
                    if (s.protocol() == Protocol.QUIC) {
                        clientBuilder.quicTrust(server.certificate().orElseThrow()); // the generated one, pinned
                    }
                    clients[c] = clientBuilder
                            .connections(1).ioThreads(1).dispatchWorkers(1).maxSessions(4)
                            .handler((ctx, p) -> {
                                if (clientOf(p) == id) {
                                    ledger.record(seqOf(p));
                                } else {
                                    ledger.recordCorrupt();
                                }
                            }).connect();
                }
                Pacers pacers = new Pacers(s, clients);
                long t0 = System.nanoTime();
                pacers.runToCompletion();
                long t1 = System.nanoTime();
                long drainDeadline = t1 + s.duration().toNanos() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < drainDeadline && !allBack(ledgers, pacers.sent)) {
                    Thread.sleep(10); // waiting for echoes still in flight: progress of other threads, bounded
                }
                long t2 = System.nanoTime();
                long sent = 0;
                long received = 0;
                long lost = 0;
                long dup = 0;
                long ooo = 0;
                long corrupt = serverCorrupt.get();
                long sReceived = 0;
                long sLost = 0;
                long sDup = 0;
                long sOoo = 0;
                for (int c = 0; c < s.clients(); c++) {
                    long n = pacers.sent[c].get();
                    SequenceLedger l = ledgers[c];
                    sent += n;
                    received += l.received();
                    lost += l.missing(n);
                    dup += l.duplicated();
                    ooo += l.outOfOrder();
                    corrupt += l.invalid();
                    SequenceLedger sl = serverLedgers.get(c);
                    if (sl == null) {
                        sLost += n;
                    } else {
                        sReceived += sl.received();
                        sLost += sl.missing(n);
                        sDup += sl.duplicated();
                        sOoo += sl.outOfOrder();
                        corrupt += sl.invalid();
                    }
                }
                long unsent = perClient * s.clients() - sent;
                return new Report(s, sent, received, lost, dup, ooo, corrupt, pacers.refused.get(), unsent, sReceived,
                        sLost, sDup, sOoo, (t1 - t0) / 1e9, (t2 - t1) / 1e9, server.stats());
            } finally {
                for (TransportClient c : clients) {
                    if (c != null) {
                        c.close();
                    }
                }
            }
        }
    }

    private static final AtomicInteger RUNS = new AtomicInteger();

    private static boolean allBack(SequenceLedger[] ledgers, AtomicLong[] sent) {
        for (int c = 0; c < ledgers.length; c++) {
            if (ledgers[c].received() < sent[c].get()) {
                return false;
            }
        }
        return true;
    }

    static byte[] payload(int client, long seq) {
        return ByteBuffer.allocate(PAYLOAD).putInt(client).putLong(seq).putInt(~client).array();
    }

    /** The client id, or -1 if the payload is not one of ours intact. */
    static int clientOf(Packet p) {
        byte[] b = p.payload();
        if (b.length != PAYLOAD || p.bizType() != BIZ_TYPE) {
            return -1;
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        int client = buf.getInt(0);
        return buf.getInt(12) == ~client && client >= 0 ? client : -1;
    }

    static long seqOf(Packet p) {
        return ByteBuffer.wrap(p.payload()).getLong(4);
    }

    /**
     * The senders: a few threads, each owning every k-th client, sending on schedule. A refused send
     * ({@code OUTBOUND_FULL}) is retried on the next wake with the same number, so refusals never become gaps.
     */
    private static final class Pacers {
        private final Settings s;
        private final TransportClient[] clients;
        final AtomicLong[] sent;
        final AtomicLong refused = new AtomicLong();
        private final long period;
        private final long perClient;

        Pacers(Settings s, TransportClient[] clients) {
            this.s = s;
            this.clients = clients;
            this.sent = new AtomicLong[clients.length];
            for (int i = 0; i < sent.length; i++) {
                sent[i] = new AtomicLong();
            }
            this.period = 1_000_000_000L / s.rate();
            this.perClient = s.messagesPerClient();
        }

        void runToCompletion() throws InterruptedException {
            int threads = Math.min(clients.length, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            long giveUp = start + 3 * s.duration().toNanos() + TimeUnit.SECONDS.toNanos(10);
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                Thread th = new Thread(() -> pace(first, threads, start, giveUp), "soak-pacer-" + t);
                th.setDaemon(true);
                ts.add(th);
                th.start();
            }
            for (Thread th : ts) {
                th.join();
            }
        }

        private void pace(int first, int stride, long start, long giveUp) {
            int n = clients.length;
            while (true) {
                long now = System.nanoTime(); // once per wake
                if (now > giveUp) {
                    return;
                }
                long earliest = Long.MAX_VALUE;
                for (int c = first; c < n; c += stride) {
                    long offset = period * c / n;
                    long elapsed = now - start - offset;
                    long due = elapsed < 0 ? 0 : Math.min(perClient, elapsed / period + 1);
                    long next = sent[c].get();
                    while (next < due) {
                        SendResult r = clients[c].send(new Packet(PacketType.ONE_WAY, dev.msgtrans.core.Compression.NONE,
                                BIZ_TYPE, 0, 0, null, payload(c, next)));
                        if (r != SendResult.QUEUED) {
                            refused.incrementAndGet(); // back-pressure: the same number goes again next wake
                            break;
                        }
                        sent[c].set(++next);
                    }
                    if (next < perClient) {
                        earliest = Math.min(earliest, start + offset + next * period);
                    }
                }
                if (earliest == Long.MAX_VALUE) {
                    return; // every client of this pacer sent its count
                }
                LockSupport.parkNanos(Math.max(TICK_NANOS, earliest - now));
            }
        }
    }

    // ---- command line ------------------------------------------------------------------------------------------

    /** Parses the command line (see the class comment); explicit flags override a preset's values. */
    public static Settings parse(String[] args) {
        Integer clients = null;
        Duration duration = null;
        Integer rate = null;
        String variant = "phase3";
        Protocol protocol = Protocol.TCP;
        Preset preset = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--clients" -> clients = Integer.parseInt(v);
                case "--duration" -> duration = parseDuration(v);
                case "--rate" -> rate = Integer.parseInt(v);
                case "--variant" -> variant = v;
                case "--protocol" -> protocol = switch (v.toLowerCase(Locale.ROOT)) {
                    case "tcp" -> Protocol.TCP;
                    case "websocket", "ws" -> Protocol.WEBSOCKET;
                    case "memory", "mem" -> Protocol.MEMORY;
                    default -> throw new IllegalArgumentException("protocol must be tcp, websocket or memory, was '" + v
                            + "'");
                };
                case "--preset" -> preset = Preset.of(v);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        dev.msgtrans.core.spi.Composition.resolve(variant); // an unknown alias fails here, naming the known ones
        if (preset == null && (clients == null || duration == null || rate == null)) {
            throw new IllegalArgumentException("give --clients, --duration and --rate, or a --preset");
        }
        return new Settings(clients != null ? clients : preset.clients, duration != null ? duration : preset.duration,
                rate != null ? rate : preset.rate, variant, protocol);
    }

    /** "10s", "500ms", "2m", or a plain number of seconds. */
    static Duration parseDuration(String v) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
    }

    static final String USAGE = "usage: SoakRunner --clients N --duration D (e.g. 10s) --rate R (messages/s per client)"
            + " [--variant ALIAS] [--protocol tcp|websocket|memory] [--preset original-500x10s|original-200x30s|ci]";

    public static void main(String[] args) throws Exception {
        System.exit(runMain(args, System.out, System.err));
    }

    /** {@link #main} without the exit, for tests and for a launcher that runs it in process. */
    public static int runMain(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        Settings s;
        try {
            s = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Report r = run(s);
        out.print(r.format());
        out.flush();
        return r.exitCode();
    }
}
