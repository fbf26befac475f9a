package dev.msgtrans.workbench.demo;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.SendResult;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.TransportStats;
import dev.msgtrans.core.spi.Composition;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Starts an echo server, connects a client, sends {@code N} requests and a few one-way packets, and prints the
 * address, the composition, the round trips completed and the statistics of both sides. Not a benchmark: it shows
 * that a composition works end to end, and what the counters say.
 *
 * <pre>
 * ./workbench demo [--variant ALIAS] [--messages N] [--protocol tcp|websocket|quic|memory]
 * java -cp msgtrans-core.jar:msgtrans-mutex.jar:workbench.jar dev.msgtrans.workbench.demo.EchoDemo [--variant ALIAS]
 * </pre>
 */
public final class EchoDemo {

    private static final int ONE_WAY = 10;

    private EchoDemo() {
    }

    public static void main(String[] args) throws Exception {
        String variant = "mutex";
        int messages = 1000;
        Protocol protocol = Protocol.TCP;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--variant" -> variant = value(args, ++i);
                case "--messages" -> messages = Integer.parseInt(value(args, ++i));
                case "--protocol" -> protocol = protocol(value(args, ++i));
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println("unknown argument '" + args[i] + "'");
                    usage();
                    System.exit(2);
                }
            }
        }
        Composition composition = Composition.resolve(variant);
        // maxExtHeader: the builder's default (64 * 1024) is one over what the u16 wire field and TransportConfig allow.
        Transport.Builder serverBuilder = Transport.builder().variant(variant).maxExtHeader(0xFFFF)
                .handler(MessageHandler.echo());
        serverBuilder = switch (protocol) {
            case TCP -> serverBuilder.tcp("127.0.0.1", 0);
            case WEBSOCKET -> serverBuilder.websocket("127.0.0.1", 0);
            case MEMORY -> serverBuilder.memory("echo-demo");
            case QUIC -> serverBuilder.quic("127.0.0.1", 0);
        };

        try (TransportServer server = serverBuilder.startServer();
             TransportClient client = trusting(server, Transport.builder().variant(variant).maxExtHeader(0xFFFF)
                     .connectTo(server.address())).connect()) {
            System.out.println("server   " + server.address() + " (" + protocol.name().toLowerCase() + ")");
            server.certificate().ifPresent(c -> System.out.println("tls      " + c.getSubjectX500Principal()
                    + " (generated at start-up; the client pins it)"));
            System.out.println("variant  " + composition.alias() + "  [" + composition.spec() + "]");

            // Pipelined: every request is in flight before the first answer is awaited.
            List<CompletableFuture<Packet>> replies = new ArrayList<>(messages);
            for (int i = 0; i < messages; i++) {
                byte[] payload = ("request " + i).getBytes(StandardCharsets.UTF_8);
                replies.add(client.request(Packet.request(1, payload), Duration.ofSeconds(10)));
            }
            int ok = 0;
            int failed = 0;
            for (int i = 0; i < messages; i++) {
                try {
                    Packet reply = replies.get(i).join();
                    if (Arrays.equals(reply.payload(), ("request " + i).getBytes(StandardCharsets.UTF_8))) {
                        ok++;
                    } else {
                        failed++;
                    }
                } catch (RuntimeException e) {
                    failed++;
                }
            }
            int queued = 0;
            for (int i = 0; i < ONE_WAY; i++) {
                if (client.send(Packet.oneWay(2, ("note " + i).getBytes(StandardCharsets.UTF_8))) == SendResult.QUEUED) {
                    queued++;
                }
            }
            System.out.println("requests " + ok + " of " + messages + " round trips completed" + (failed > 0 ? ", " + failed + " failed" : ""));
            System.out.println("one-way  " + queued + " of " + ONE_WAY + " queued (the echo handler sends them back)");
            // The one-way echoes are asynchronous; a last request's round trip orders after them on the connection.
            client.request(Packet.request(1, new byte[0]), Duration.ofSeconds(10)).join();
            System.out.println();
            print("server", server.stats());
            print("client", client.stats());
            if (failed > 0) {
                System.exit(1);
            }
        }
    }

    /** QUIC verifies the server: the demo's client pins the certificate its server generated. */
    private static Transport.Builder trusting(TransportServer server, Transport.Builder client) {
        return server.certificate().map(client::quicTrust).orElse(client);
    }

    private static Protocol protocol(String name) {
        try {
            return Protocol.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("--protocol must be one of " + protocols() + ", was '" + name + "'");
            System.exit(2);
            return null;
        }
    }

    private static String protocols() {
        return String.join("|", java.util.Arrays.stream(Protocol.values()).map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    private static void print(String side, TransportStats s) {
        System.out.printf("%s stats%n", side);
        System.out.printf("  sessions   opened %d, closed %d, active %d%n", s.sessionsOpened(), s.sessionsClosed(), s.sessionsActive());
        System.out.printf("  packets    received %d, sent %d (%d / %d bytes)%n", s.packetsReceived(), s.packetsSent(), s.bytesReceived(), s.bytesSent());
        System.out.printf("  requests   completed %d, timed out %d, failed %d, pending %d, unmatched responses %d%n",
                s.requestsCompleted(), s.requestsTimedOut(), s.requestsFailed(), s.requestsPending(), s.unmatchedResponses());
        System.out.printf("  refused    outbound full %d, no session %d, mailbox drops %d, protocol errors %d%n",
                s.sendsRefused(), s.sendsToMissingSession(), s.mailboxDrops(), s.protocolErrors());
        System.out.printf("  events     published %d, dropped %d%n", s.eventsPublished(), s.eventsDropped());
        System.out.printf("  pools      connections %d in use of %d, acquire timeouts %d; buffer misses %d, drops %d%n",
                s.poolInUse(), s.poolTotal(), s.poolAcquireTimeouts(), s.bufferPoolMisses(), s.bufferPoolDrops());
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            System.err.println(args[i - 1] + " needs a value");
            usage();
            System.exit(2);
        }
        return args[i];
    }

    private static void usage() {
        System.err.println("usage: EchoDemo [--variant ALIAS] [--messages N] [--protocol " + protocols() + "]");
        System.err.println("  ALIAS: " + String.join(", ", Composition.knownAliases()) + ", or a spec such as sessions=lockfree,actors=mutex");
    }
}
