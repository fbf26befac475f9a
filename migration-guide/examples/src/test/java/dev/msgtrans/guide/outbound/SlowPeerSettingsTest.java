package dev.msgtrans.guide.outbound;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.TransportServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A peer that connects over TCP and never reads is disconnected as a slow consumer once its outbound queue fills,
 * and the refusal is counted, at the baseline and after phase 3.3 alike.
 */
class SlowPeerSettingsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"baseline", "phase3"})
    void aPeerThatStopsReadingIsDisconnectedAndCounted(String variant) throws Exception {
        try (TransportServer server = SlowPeerSettings.server(variant, 4, MessageHandler.echo())) {
            CompletableFuture<CloseReason> closed = new CompletableFuture<>();
            server.events().subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(TransportEvent e) {
                    if (e instanceof TransportEvent.ConnectionClosed c) {
                        closed.complete(c.reason());
                    }
                }

                @Override
                public void onError(Throwable t) {
                    closed.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                }
            });
            String[] hostPort = server.address().split(":");
            try (Socket silent = new Socket()) {
                silent.setReceiveBufferSize(4096);
                silent.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (server.sessions().isEmpty()) { // accepted on the server's I/O thread
                    assertTrue(System.nanoTime() - deadline < 0, "the server never accepted the silent peer");
                    Thread.onSpinWait();
                }
                // Fill the kernel's buffers and then the outbound queue: the peer never reads.
                Packet big = Packet.oneWay(1, new byte[64 * 1024]);
                while (!closed.isDone() && server.stats().sendsRefused() == 0) {
                    server.broadcast(big);
                }
                assertEquals(CloseReason.SLOW_CONSUMER, closed.get(10, TimeUnit.SECONDS));
                assertTrue(server.stats().sendsRefused() >= 1);
            }
        }
    }
}
