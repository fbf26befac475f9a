package dev.msgtrans.harness.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Netty client for msgtrans request frames over {@code connections} channels, matching responses to requests by
 * message id (a {@code ConcurrentHashMap} of pending futures, the same job as msgtrans's request tracker).
 * <p>
 * Threading contract: {@link #request} from any thread; responses complete their futures on the channel's event
 * loop. Each request is a fresh pooled buffer (header + payload) written with {@code writeAndFlush}, the ordinary
 * way to use Netty from application threads.
 * <p>
 * Flushes are consolidated, as a Netty user who pipelines requests from several threads would configure it: a
 * {@link FlushConsolidationHandler} first in the pipeline, with {@code consolidateWhenNoReadInProgress}, turns the
 * flush of each request into one flush task per pass of the event loop, so every request written before that task
 * runs leaves in one write (and after a read batch, one flush at {@code channelReadComplete}). That is what the
 * msgtrans engine does with its outbound queue (one gathering write per drain of the frames queued meanwhile), so
 * the reference batches its writes as msgtrans does, no more and no less: without it, every request would be its
 * own write system call. After {@value #FLUSH_AFTER} consolidated flushes it flushes at once, as Netty's
 * default does.
 */
public final class NettyEchoClient implements AutoCloseable {

    /** Flushes pending after which the handler flushes at once (Netty's default). */
    static final int FLUSH_AFTER = FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES;

    private final EventLoopGroup group;
    private final Channel[] channels;
    private final ConcurrentHashMap<Integer, CompletableFuture<Integer>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public NettyEchoClient(boolean memory, SocketAddress server, int connections, int ioThreads)
            throws InterruptedException {
        group = memory ? new DefaultEventLoopGroup(ioThreads) : new NioEventLoopGroup(ioThreads);
        Bootstrap b = new Bootstrap().group(group).handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                // first, so that it sees the read batches as well as every flush (one instance per channel: it has state)
                ch.pipeline().addLast(new FlushConsolidationHandler(FLUSH_AFTER, true),
                        new MsgtransFrameDecoder(), new ResponseHandler());
            }
        });
        if (memory) {
            b.channel(LocalChannel.class);
        } else {
            b.channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true);
        }
        channels = new Channel[connections];
        for (int i = 0; i < connections; i++) {
            channels[i] = b.connect(server).sync().channel();
        }
    }

    public int connections() {
        return channels.length;
    }

    /**
     * Sends one request frame (biz type 1) with {@code payload} on channel {@code connection}.
     *
     * @return completes with the echoed payload's length
     */
    public CompletableFuture<Integer> request(int connection, byte[] payload) {
        int id = ids.incrementAndGet();
        if (id == 0) {
            id = ids.incrementAndGet(); // 0 means "no id" on the wire, as in the msgtrans tracker
        }
        CompletableFuture<Integer> f = new CompletableFuture<>();
        pending.put(id, f);
        Channel ch = channels[connection];
        ByteBuf buf = ch.alloc().buffer(MsgtransFrameDecoder.HEADER_BYTES + payload.length);
        buf.writeByte(1)            // version
                .writeByte(0)       // compression: none
                .writeByte(1)       // packet type: request
                .writeByte(1)       // biz type
                .writeInt(id)       // message id
                .writeShort(0)      // ext header length
                .writeInt(payload.length)
                .writeShort(0)      // flags
                .writeBytes(payload);
        ch.writeAndFlush(buf, ch.voidPromise()); // the flush is consolidated per event-loop pass (see the class)
        return f;
    }

    @Override
    public void close() {
        for (Channel ch : channels) {
            ch.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        IOException closed = new IOException("client closed");
        pending.values().forEach(f -> f.completeExceptionally(closed));
    }

    /** Completes the pending future named by the response's message id. */
    private final class ResponseHandler extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            int start = frame.readerIndex();
            int id = frame.getInt(start + 4);
            int payloadLength = (int) frame.getUnsignedInt(start + 10);
            CompletableFuture<Integer> f = pending.remove(id);
            if (f != null) {
                f.complete(payloadLength);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            pending.values().forEach(f -> f.completeExceptionally(cause));
            ctx.close();
        }
    }
}
