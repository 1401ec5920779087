package io.jnatsd.testkit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * A TCP listener on 127.0.0.1 in front of one member's client or cluster port. Its port stays
 * the same for the life of the cluster: closed while the member is down (so dialers see
 * "connection refused", as with the member itself) and bound again when it restarts.
 */
final class TcpProxy {
    private final EventLoopGroup loops;
    private final IntSupplier upstreamPort;
    private final Function<String, Link> linkFor;
    private final Identification identification;
    private Channel listener;
    private int port;

    /** How a proxy learns which link a new connection belongs to. */
    enum Identification {
        /** Every connection takes the one link of this proxy (client proxies). */
        NONE,
        /** From the dialer's first line, before anything goes upstream (routes send CONNECT first). */
        FIRST_LINE,
        /**
         * From the dialer's first line, which it sends only after the upstream greeting: a gateway
         * solicitor answers the acceptor's INFO with its CONNECT (GATEWAYS.md §3).
         */
        FIRST_LINE_AFTER_GREETING
    }

    /**
     * @param linkFor the link of a new connection, given the dialer's first line (its CONNECT)
     *                unless {@code identification} is {@link Identification#NONE}, then null
     */
    TcpProxy(EventLoopGroup loops, IntSupplier upstreamPort, Function<String, Link> linkFor,
            Identification identification) {
        this.loops = loops;
        this.upstreamPort = upstreamPort;
        this.linkFor = linkFor;
        this.identification = identification;
    }

    /** Starts listening: on an ephemeral port the first time, on the same port afterwards. */
    synchronized void open() throws InterruptedException {
        if (listener != null) {
            return;
        }
        listener = new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        new ProxiedConnection(channel, TcpProxy.this);
                    }
                })
                .bind("127.0.0.1", port)
                .sync()
                .channel();
        port = ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Stops accepting; connections already through stay. */
    synchronized void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
            listener = null;
        }
    }

    int port() {
        return port;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    int upstreamPort() {
        return upstreamPort.getAsInt();
    }

    Identification identification() {
        return identification;
    }

    Link linkFor(String connectLine) {
        return linkFor.apply(connectLine);
    }
}
