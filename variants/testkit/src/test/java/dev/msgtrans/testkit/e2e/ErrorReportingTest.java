package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.SendResult;
import dev.msgtrans.core.SystemLoggerErrorSink;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.TransportEvent.ServerStarted;
import dev.msgtrans.core.TransportServer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Errors never vanish: with nobody subscribed, a handler's failure (an {@code Error} included) and a failed timer
 * tick reach the default error sink, a {@link System.Logger} ({@code java.util.logging} here), and the transport
 * carries on; and {@code ServerStarted}, published inside {@code start()}, still reaches a subscriber that
 * subscribes after {@code start()} returned. Every case against every {@link E2eTargets#all() target}, the timer's
 * against both protocols. Waits are liveness bounds, not speed assertions.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ErrorReportingTest {

    private static final Duration WAIT = EventRecorder.PATIENCE;
    private static final int THROW_ERROR = 66;
    private static final int THROW_RUNTIME = 67;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Echoes, except that bizType 66 throws an {@code Error} and 67 a {@code RuntimeException}, naming the payload. */
    private static MessageHandler throwingEcho() {
        MessageHandler echo = MessageHandler.echo();
        return (ctx, p) -> {
            String token = new String(p.payload(), StandardCharsets.UTF_8);
            if (p.bizType() == THROW_ERROR) {
                throw new AssertionError("handler error " + token);
            }
            if (p.bizType() == THROW_RUNTIME) {
                throw new IllegalStateException("handler exception " + token);
            }
            echo.onMessage(ctx, p);
        };
    }

    private static LogRecord awaitWarning(LogCapture log, String token, Class<? extends Throwable> thrown)
            throws InterruptedException {
        return log.await(r -> r.getLevel() == Level.WARNING && r.getMessage().contains(token)
                && thrown.isInstance(r.getThrown()), WAIT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void aThrowingHandlerWithNoSubscriberIsLoggedAndTheSessionCarriesOn(E2eTarget t) throws Exception {
        String errorToken = UUID.randomUUID().toString();
        String runtimeToken = UUID.randomUUID().toString();
        try (LogCapture log = new LogCapture(SystemLoggerErrorSink.LOGGER_NAME);
             TransportServer server = t.server().handler(throwingEcho()).startServer();
             TransportClient client = t.client(server.address()).connect()) {
            assertEquals(SendResult.QUEUED, client.send(Packet.oneWay(THROW_ERROR, utf8(errorToken))));
            assertEquals(SendResult.QUEUED, client.send(Packet.oneWay(THROW_RUNTIME, utf8(runtimeToken))));

            LogRecord error = awaitWarning(log, errorToken, AssertionError.class);
            assertInstanceOf(AssertionError.class, error.getThrown());
            LogRecord runtime = awaitWarning(log, runtimeToken, IllegalStateException.class);
            assertEquals("handler exception " + runtimeToken, runtime.getThrown().getMessage());

            Packet reply = client.request(Packet.request(3, utf8("still there")), WAIT)
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertArrayEquals(utf8("still there"), reply.payload(), "the session outlives its handler's failures");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void aSubscriberAfterStartSeesServerStartedFirst(E2eTarget t) throws Exception {
        try (TransportServer server = t.server().handler(MessageHandler.echo()).startServer()) {
            EventRecorder late = EventRecorder.subscribe(server.events());
            ServerStarted started = late.await(ServerStarted.class, e -> true);
            assertEquals(server.address(), started.address());
            try (TransportClient client = t.client(server.address()).connect()) {
                late.await(TransportEvent.ConnectionEstablished.class, e -> true);
                EventRecorder later = EventRecorder.subscribe(server.events());
                later.await(ServerStarted.class, e -> true);
                assertEquals(SendResult.QUEUED, client.send(Packet.oneWay(5, utf8("x"))));
                later.await(TransportEvent.MessageReceived.class, e -> true);
                List<TransportEvent> seen = later.snapshot();
                assertInstanceOf(ServerStarted.class, seen.get(0), "the replayed event comes first: " + seen);
                assertEquals(1, later.matching(ServerStarted.class, e -> true).size(), "replayed once: " + seen);
            }
            assertInstanceOf(ServerStarted.class, late.snapshot().get(0), "first: " + late.snapshot());
        }
    }

    /**
     * A tick whose request tracker throws an {@code Error} ({@link TickFaultVariant}, on the client): the error is
     * logged, and the schedule lives on, so the request it was checking, and a later one, still time out. The tick
     * checks only sessions with pending requests, so the first request is what brings the fault.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Protocol.class)
    void aTickThatThrowsAnErrorIsLoggedAndTheTimerLivesOn(Protocol protocol) throws Exception {
        E2eTarget t = new E2eTarget("mutex", protocol);
        try (LogCapture log = new LogCapture(SystemLoggerErrorSink.LOGGER_NAME);
             TransportServer server = t.server().handler((ctx, p) -> { }).startServer(); // never replies
             TransportClient client = t.client(server.address()).variant("requests=" + TickFaultVariant.ALIAS)
                     .allowControlVariants().connect()) {
            CompletableFuture<Packet> first = client.request(Packet.request(1, utf8("?")), Duration.ofMillis(50));
            LogRecord tick = log.await(r -> r.getLevel() == Level.WARNING && r.getThrown() == TickFaultVariant.FAULT,
                    WAIT);
            assertSame(TickFaultVariant.FAULT, tick.getThrown());
            assertTimesOut(first, "the request pending at the failed tick must still time out");

            CompletableFuture<Packet> later = client.request(Packet.request(1, utf8("?")), Duration.ofMillis(50));
            assertTimesOut(later, "a request after the failed tick must still time out");
        }
    }

    private static void assertTimesOut(CompletableFuture<Packet> request, String why) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> request.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), why);
        assertInstanceOf(TimeoutException.class, e.getCause());
    }
}
