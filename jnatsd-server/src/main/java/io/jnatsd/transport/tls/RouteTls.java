package io.jnatsd.transport.tls;

import io.jnatsd.config.TlsOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslHandler;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS for route connections (ROUTES.md §2): it starts right after the TCP connect, before any
 * NATS bytes, in both directions: the acceptor is the TLS server, the solicitor the TLS client.
 * The route handler sits behind the TLS handler and writes its CONNECT or INFO at once; the TLS
 * handler holds those bytes until the handshake is done, so nothing leaves in clear.
 *
 * <p>A failed handshake is logged as nats-server logs it ({@code TLS route handshake error:})
 * and closes just that connection; the route layer re-dials explicit routes as after any close.
 */
public final class RouteTls {
    private static final Logger LOG = LoggerFactory.getLogger(RouteTls.class);
    private static final RouteTls PLAIN = new RouteTls(null, null);

    private final TlsContext acceptor;
    private final TlsContext solicitor;

    private RouteTls(TlsContext acceptor, TlsContext solicitor) {
        this.acceptor = acceptor;
        this.solicitor = solicitor;
    }

    /** Route TLS for a {@code cluster { tls {} }} block; plain routes when it is null. */
    public static RouteTls of(TlsOptions tls) {
        if (tls == null) {
            return PLAIN;
        }
        return new RouteTls(TlsContext.server(tls), TlsContext.client(tls));
    }

    public boolean enabled() {
        return acceptor != null;
    }

    /** Puts the TLS server in front of an accepted route connection's pipeline. */
    public void acceptor(Channel channel, long routeId, Consumer<String> close) {
        if (enabled()) {
            SslHandler tls = watched(channel, routeId, acceptor.newServerHandler(channel.alloc(), false), acceptor.pins(),
                    close);
            channel.pipeline().addFirst("tls", tls);
            if (!acceptor.pins().none()) {
                channel.pipeline().addAfter("tls", "tls-pins", new PinGate(tls, acceptor.pins()));
            }
        }
    }

    /**
     * The handler to give the bootstrap that dials {@code host:port}: the route handler itself, or
     * an initializer that puts the TLS client (checking the peer against that host) in front of it.
     */
    public ChannelHandler solicitor(ChannelHandler route, long routeId, String host, int port, Consumer<String> close) {
        if (!enabled()) {
            return route;
        }
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                SslHandler tls = solicitor.newClientHandler(channel.alloc(), host, port);
                channel.pipeline().addLast("tls", watched(channel, routeId, tls, solicitor.pins(), close));
                if (!solicitor.pins().none()) {
                    channel.pipeline().addLast("tls-pins", new PinGate(tls, solicitor.pins()));
                }
                channel.pipeline().addLast("route", route);
            }
        };
    }

    /** Log lines as nats-server's: {@code <peer> - rid:<id> - TLS route handshake error: ...}. */
    private static SslHandler watched(Channel channel, long routeId, SslHandler tls, CertificatePins pins,
                                      Consumer<String> close) {
        tls.handshakeFuture().addListener(done -> {
            if (done.isSuccess() && !pins.matches(tls)) {
                LOG.error("{} - rid:{} - TLS route handshake error: {}", HandshakeErrors.peer(channel), routeId,
                        CertificatePins.NOT_PINNED);
                close.accept("TLS Handshake Failure");
            } else if (done.isSuccess()) {
                LOG.debug("{} - rid:{} - TLS route handshake complete ({}, {})", HandshakeErrors.peer(channel), routeId,
                        tls.engine().getSession().getProtocol(), tls.engine().getSession().getCipherSuite());
            } else {
                LOG.error("{} - rid:{} - TLS route handshake error: {}", HandshakeErrors.peer(channel), routeId,
                        HandshakeErrors.describe(done.cause()));
                close.accept("TLS Handshake Failure");
            }
        });
        return tls;
    }
}
