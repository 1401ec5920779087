package io.jnatsd.monitor;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.transport.tls.TlsContext;
import io.jnatsd.transport.ServerStartException;
import io.jnatsd.transport.EventLoops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP monitoring listener ({@code -m} / {@code http_port}): nats-server's endpoints and
 * JSON. Runs on its own small event loop so a slow HTTP client never delays message traffic.
 */
public final class MonitorServer {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorServer.class);

    private final NatsServer server;
    private final MonitorDocuments documents;
    private final MonitorRoutes routes;
    private EventLoopGroup loop;
    private Channel listener;

    public MonitorServer(NatsServer server) {
        this.server = server;
        this.documents = new MonitorDocuments(server, this::port);
        this.routes = new MonitorRoutes(documents);
    }

    /** The documents this listener serves, for the system account's requests. */
    public MonitorDocuments documents() {
        return documents;
    }

    /**
     * Binds {@code http_port}, or {@code https_port} with the client {@code tls {}} block's
     * certificate (no client certificate asked for, as nats-server does). The server checked
     * the two at its start ({@link io.jnatsd.config.MonitorChecks}).
     */
    public void start() {
        ServerOptions options = server.options();
        boolean https = options.httpsPort() != 0;
        TlsContext tls = https ? TlsContext.server(options.tls().withoutClientCertificates()) : null;
        String host = options.httpHost() != null ? options.httpHost() : options.host();
        int port = Math.max(0, https ? options.httpsPort() : options.httpPort());
        loop = EventLoops.newGroup("jnatsd-monitor", 1);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loop)
                .channel(EventLoops.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast(new HttpsOnly(tls));
                        }
                        channel.pipeline().addLast(new MonitorRequestDecoder(), new MonitorHandler(routes));
                    }
                });
        try {
            listener = bootstrap.bind(host, port).sync().channel();
        } catch (Exception e) {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new ServerStartException("Can't listen to the Monitor Port: " + host + ":" + port
                    + ", \"" + e.getMessage() + "\"", e);
        }
        LOG.info("Starting {} monitor on {}:{}", https ? "https" : "http", host, port());
    }

    /** Whether this listener speaks HTTPS ({@code https_port}). */
    public boolean https() {
        return server.options().httpsPort() != 0;
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public void stop() {
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        if (loop != null) {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }
}
