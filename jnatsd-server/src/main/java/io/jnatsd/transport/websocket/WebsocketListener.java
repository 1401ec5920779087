package io.jnatsd.transport.websocket;

import io.jnatsd.config.WebsocketOptions;
import io.jnatsd.transport.EventLoops;
import io.jnatsd.transport.ServerStartException;
import io.jnatsd.transport.tls.CertificatePins;
import io.jnatsd.transport.tls.TlsContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The websocket client listener of a {@code websocket {}} block, on the server's event loops. Each
 * accepted connection starts as HTTP (after TLS with {@code wss}) and is handed to the
 * {@link UpgradeTarget} once its upgrade succeeds. Loaded only when the block opens a listener, so
 * servers without one pay nothing for it at start-up.
 */
public final class WebsocketListener {
    private static final Logger LOG = LoggerFactory.getLogger(WebsocketListener.class);
    /** Go's default limit on request headers is far above this; JWT cookies fit with room to spare. */
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final WebsocketOptions options;
    private final OriginCheck origins;
    private final TlsContext tls;
    private final UpgradeTarget target;
    private final int maxMessageBytes;
    private Channel channel;

    private WebsocketListener(WebsocketOptions options, UpgradeTarget target, int maxMessageBytes) {
        this.options = options;
        this.origins = new OriginCheck(options.sameOrigin(), options.allowedOrigins());
        this.tls = options.tls() == null ? null : TlsContext.server(options.tls());
        this.target = target;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Binds the listener and logs it as nats-server does. {@code maxMessageBytes} bounds one
     * inflated (compressed) message. Throws {@link ServerStartException} when the port cannot be bound.
     */
    public static WebsocketListener start(EventLoopGroup loops, WebsocketOptions options, UpgradeTarget target,
                                          int maxMessageBytes) {
        WebsocketListener listener = new WebsocketListener(options, target, maxMessageBytes);
        listener.bind(loops);
        return listener;
    }

    private void bind(EventLoopGroup loops) {
        int port = options.port() < 0 ? 0 : options.port();
        ServerBootstrap bootstrap = EventLoops.clientListener(loops)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast("tls", pinned(tls.newServerHandler(ch.alloc(), false), ch));
                        }
                        ch.pipeline().addLast(UpgradeHandler.DECODER, new RequestDecoder());
                        ch.pipeline().addLast("ws-upgrade", new UpgradeHandler(WebsocketListener.this));
                    }
                });
        try {
            channel = EventLoops.bindPaused(bootstrap, options.host(), port);
        } catch (Exception e) {
            throw new ServerStartException("Unable to listen for websocket connections: " + e.getMessage(), e);
        }
        // The first upgrade would otherwise also pay for loading the digest and the HTTP decoder (~1 s cold).
        loops.execute(WebsocketListener::prepare);
        String scheme = tls != null ? "wss" : "ws";
        LOG.info("Listening for websocket clients on {}://{}:{}", scheme, options.host(), port());
        if (tls == null) {
            LOG.warn("Websocket not configured with TLS. DO NOT USE IN PRODUCTION!");
        }
    }

    /**
     * {@code pinned_certs} of the block, checked when the handshake is done. nats-server 2.10.27
     * checks them for websocket clients only when a reload changes them; jnatsd refuses an
     * unpinned certificate at once rather than run more open than the configuration says.
     */
    private SslHandler pinned(SslHandler handler, SocketChannel channel) {
        handler.handshakeFuture().addListener(done -> {
            if (done.isSuccess() && !tls.pins().matches(handler)) {
                InetSocketAddress peer = channel.remoteAddress();
                LOG.error("websocket: TLS handshake error from {}:{}: {}", peer.getAddress().getHostAddress(),
                        peer.getPort(), CertificatePins.NOT_PINNED);
                channel.close();
            }
        });
        return handler;
    }

    private static void prepare() {
        HandshakeResponses.acceptKey("");
        new RequestDecoder();
    }

    /** Starts accepting the connections that wait since the bind (the server's INFO is ready now). */
    public void startAccepting() {
        EventLoops.startAccepting(channel);
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Whether clients connect with TLS ({@code wss}). */
    public boolean tls() {
        return tls != null;
    }

    /** Stops accepting (lame duck, shutdown); connected clients stay until closed. */
    public void close() {
        channel.close().awaitUninterruptibly();
    }

    WebsocketOptions options() {
        return options;
    }

    OriginCheck origins() {
        return origins;
    }

    UpgradeTarget target() {
        return target;
    }

    int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** Netty's request decoder, saying what it holds beyond the request (bytes sent before the 101). */
    private static final class RequestDecoder extends HttpRequestDecoder implements UpgradeHandler.BufferedBytes {
        RequestDecoder() {
            super(4096, MAX_HEADER_BYTES, 8192);
        }

        @Override
        public int buffered() {
            return actualReadableBytes();
        }
    }
}
