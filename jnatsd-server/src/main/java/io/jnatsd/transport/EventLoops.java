package io.jnatsd.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.TimeUnit;

/**
 * Chooses the Netty transport once: native epoll where the platform has it, NIO otherwise.
 * One loop per core; every connection lives on one loop for its whole life.
 *
 * <p>Latency hazard: a message between connections on different loops is appended on the
 * reader's loop and its flush handed to the other loop, which must wake up (an eventfd write and
 * a thread wake-up, about 10 us on a 2-core VM). A request/reply round trip between two clients
 * on different loops pays that twice; see docs/PERFORMANCE.md, "Request/reply and interest
 * latency (session 4)". {@code -Djnatsd.eventLoops=N} sets the number of loops for such A/B runs.
 */
public final class EventLoops {
    private static final boolean EPOLL = Epoll.isAvailable() && !Boolean.getBoolean("jnatsd.nio");

    private EventLoops() {
    }

    /** The number of connection loops: {@code jnatsd.eventLoops} when set (at least 1), else one per core. */
    public static int connectionLoopCount() {
        return Math.max(1, Integer.getInteger("jnatsd.eventLoops", Runtime.getRuntime().availableProcessors()));
    }

    /**
     * The loops that carry connections: {@link #connectionLoopCount()} of them, polling for
     * {@code -Djnatsd.loopSpinMicros} after work before they sleep ({@link SpinningSelectStrategy};
     * 0, the default, sleeps at once as Netty does).
     */
    public static EventLoopGroup newConnectionGroup(String name) {
        long spinNanos = TimeUnit.MICROSECONDS.toNanos(Math.max(0, Long.getLong("jnatsd.loopSpinMicros", 0)));
        SelectStrategyFactory strategies = spinNanos == 0
                ? DefaultSelectStrategyFactory.INSTANCE
                : () -> new SpinningSelectStrategy(spinNanos, System::nanoTime);
        IoHandlerFactory factory = EPOLL
                ? EpollIoHandler.newFactory(0, strategies)
                : NioIoHandler.newFactory(SelectorProvider.provider(), strategies);
        return new MultiThreadIoEventLoopGroup(connectionLoopCount(), new DefaultThreadFactory(name, true), factory);
    }

    public static EventLoopGroup newGroup(String name, int threads) {
        IoHandlerFactory factory = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), factory);
    }

    public static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * The set-up every client listener shares (the client port and the websocket port): a deep
     * accept backlog for reconnect storms, no Nagle delay, and a connection's write buffer
     * marked unwritable between 512 KiB and 1 MiB pending.
     */
    public static ServerBootstrap clientListener(EventLoopGroup loops) {
        return new ServerBootstrap()
                .group(loops)
                .channel(serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 1024 * 1024));
    }

    /**
     * Binds a listener that does not accept yet: connections wait in the kernel's backlog until
     * {@link #startAccepting}. A listener's first greeting (an INFO with the bound port, an
     * advertised URL) is only known once the port is bound; a connection accepted in between
     * would find it missing and be closed before its INFO, which a client reconnecting to a
     * restarting server does hit.
     */
    public static Channel bindPaused(ServerBootstrap bootstrap, String host, int port) throws InterruptedException {
        return bootstrap.option(ChannelOption.AUTO_READ, false).bind(host, port).sync().channel();
    }

    /** Starts accepting on a listener from {@link #bindPaused}, the backlog first. */
    public static void startAccepting(Channel listener) {
        listener.config().setAutoRead(true);
    }

    public static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
