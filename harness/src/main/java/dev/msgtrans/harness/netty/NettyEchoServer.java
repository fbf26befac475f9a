package dev.msgtrans.harness.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Netty echo server for msgtrans frames: every request frame is answered with the same bytes, its packet type
 * turned into response; one-way frames are echoed unchanged (what {@code MessageHandler.echo()} does). Writes are
 * flushed once per read batch ({@code channelReadComplete}), Netty's idiomatic batching, the counterpart of the
 * msgtrans engine's gathering writes.
 * <p>
 * {@code memory = true} uses Netty's in-JVM {@code LocalChannel} on a {@code DefaultEventLoopGroup}, the
 * counterpart of msgtrans's in-memory protocol; otherwise NIO (not epoll, so that both sides use the same kernel
 * interface) on 127.0.0.1 with an ephemeral port and {@code TCP_NODELAY}.
 */
public final class NettyEchoServer implements AutoCloseable {

    private static final byte TYPE_REQUEST = 1;
    private static final byte TYPE_RESPONSE = 2;
    private static final ChannelHandler ECHO = new EchoHandler();

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    public NettyEchoServer(boolean memory, String memoryName, int ioThreads) throws InterruptedException {
        boss = memory ? new DefaultEventLoopGroup(1) : new NioEventLoopGroup(1);
        workers = memory ? new DefaultEventLoopGroup(ioThreads) : new NioEventLoopGroup(ioThreads);
        ServerBootstrap b = new ServerBootstrap().group(boss, workers)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new MsgtransFrameDecoder(), ECHO);
                    }
                });
        if (memory) {
            b.channel(LocalServerChannel.class);
            channel = b.bind(new LocalAddress(memoryName)).sync().channel();
        } else {
            b.channel(NioServerSocketChannel.class).childOption(ChannelOption.TCP_NODELAY, true);
            channel = b.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        }
    }

    public SocketAddress address() {
        return channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Stateless, so one instance serves every channel. */
    @ChannelHandler.Sharable
    private static final class EchoHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            int start = frame.readerIndex();
            if (frame.getByte(start + 2) == TYPE_REQUEST) {
                frame.setByte(start + 2, TYPE_RESPONSE);
            }
            ctx.write(frame, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
