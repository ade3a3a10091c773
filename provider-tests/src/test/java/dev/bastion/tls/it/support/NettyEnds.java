package dev.bastion.tls.it.support;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLEngine;

/**
 * Netty NIO servers and clients on 127.0.0.1 (ephemeral ports) whose pipelines start with the
 * {@code SslHandler} of a given {@code SslContext}; each connection end is seen through an
 * {@link End}. Closing shuts the event loops down (and with them every channel).
 */
public final class NettyEnds implements AutoCloseable {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final BlockingQueue<End> accepted = new LinkedBlockingQueue<>();

    /**
     * Starts a server whose connections run {@code ctx}'s handler (delegated tasks on
     * {@code tasks}, or Netty's default when null) and, when {@code echo}, send back what they
     * read; the port it listens on.
     */
    public int serve(SslContext ctx, Executor tasks, boolean echo) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = tasks == null ? ctx.newHandler(ch.alloc()) : ctx.newHandler(ch.alloc(), tasks);
                        End end = new End(ssl, echo, true);
                        ch.pipeline().addLast(ssl, end);
                        accepted.add(end);
                    }
                });
        Channel server = b.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The next connection the server accepted (its TLS handshake may still be running). */
    public End accepted() throws InterruptedException, TimeoutException {
        End e = accepted.poll(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new TimeoutException("no connection accepted within " + LIMIT);
        }
        return e;
    }

    /**
     * Connects to 127.0.0.1:{@code port} with {@code ctx}'s client handler for peer
     * "localhost":{@code port} (the session cache key, and the name the server certificate is
     * checked against); delegated tasks on {@code tasks}, or Netty's default when null.
     */
    public End connect(SslContext ctx, int port, Executor tasks) throws InterruptedException {
        End[] end = new End[1];
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                SslHandler ssl = tasks == null ? ctx.newHandler(ch.alloc(), "localhost", port)
                        : ctx.newHandler(ch.alloc(), "localhost", port, tasks);
                end[0] = new End(ssl, false, false);
                ch.pipeline().addLast(ssl, end[0]);
            }
        });
        if (!b.connect(new InetSocketAddress("127.0.0.1", port)).await(LIMIT.toMillis())) {
            throw new IllegalStateException("connect timed out");
        }
        return end[0];
    }

    @Override
    public void close() {
        // awaitUninterruptibly: a close() that throws InterruptedException is a trap for try-with-resources
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /**
     * The SSLEngine Netty drives, without Netty's wrapper (the ALPN negotiator wraps the
     * provider's engine in a {@code JdkSslEngine} whose {@code getWrappedEngine} gives it back).
     */
    public static SSLEngine providerEngine(SslHandler ssl) throws ReflectiveOperationException {
        SSLEngine e = ssl.engine();
        while (e.getClass().getName().startsWith("io.netty.")) {
            Method m = e.getClass().getMethod("getWrappedEngine");
            m.setAccessible(true);
            e = (SSLEngine) m.invoke(e);
        }
        return e;
    }

    /** One end of a connection: its TLS handler, what it read, its events, exceptions and close. */
    public static final class End extends ChannelInboundHandlerAdapter {
        public final SslHandler ssl;
        /** User events that reached the application, in order (handshake and close completion). */
        public final List<Object> events = new CopyOnWriteArrayList<>();
        /** The first exception the pipeline reported to the application. */
        public final CompletableFuture<Throwable> exception = new CompletableFuture<>();
        /** Completed when the channel went inactive. */
        public final CompletableFuture<Void> inactive = new CompletableFuture<>();
        private final boolean echo;
        private final boolean closeOnCloseNotify;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private volatile Channel channel;

        End(SslHandler ssl, boolean echo, boolean closeOnCloseNotify) {
            this.ssl = ssl;
            this.echo = echo;
            this.closeOnCloseNotify = closeOnCloseNotify;
        }

        public Channel channel() {
            return channel;
        }

        /** The handshake's outcome (null when it succeeded), waiting for it at most 20 s. */
        public Throwable handshake() throws InterruptedException, TimeoutException {
            if (!ssl.handshakeFuture().await(LIMIT.toMillis())) {
                throw new TimeoutException("handshake not done within " + LIMIT);
            }
            return ssl.handshakeFuture().cause();
        }

        /** Waits (20 s at most) until {@code n} bytes arrived; all bytes read so far. */
        public byte[] awaitBytes(int n) throws InterruptedException, TimeoutException {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (true) {
                synchronized (received) {
                    if (received.size() >= n) {
                        return received.toByteArray();
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new TimeoutException(received.size() + " of " + n + " bytes arrived within " + LIMIT);
                    }
                    received.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            channel = ctx.channel();
            super.channelActive(ctx);
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            synchronized (received) {
                byte[] bytes = new byte[buf.readableBytes()];
                buf.getBytes(buf.readerIndex(), bytes);
                received.write(bytes, 0, bytes.length);
                received.notifyAll();
            }
            if (echo) {
                ctx.writeAndFlush(buf);
            } else {
                buf.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
            if (closeOnCloseNotify && evt instanceof SslCloseCompletionEvent) {
                ctx.close(); // answers the peer's close_notify with ours
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            exception.complete(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            inactive.complete(null);
        }
    }
}
