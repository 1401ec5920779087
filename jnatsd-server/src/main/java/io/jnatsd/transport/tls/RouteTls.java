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
 * <p>As nats-server's, the acceptor always asks for the peer's certificate and checks it against
 * {@code ca_file}, whatever {@code verify} says: a route peer proves who it is. A reload reads the
 * files again ({@link #reload}): certificates replaced under the same names serve the connections
 * made from then on, established ones keep their session.
 *
 * <p>A failed handshake is logged as nats-server logs it ({@code TLS route handshake error:})
 * and closes just that connection; the route layer re-dials explicit routes as after any close.
 */
public final class RouteTls {
    private static final Logger LOG = LoggerFactory.getLogger(RouteTls.class);

    /** Both sides of one configuration, swapped as a whole by a reload. */
    private record Contexts(TlsContext acceptor, TlsContext solicitor) {
    }

    /** Null for plain routes. */
    private volatile Contexts contexts;

    private RouteTls(Contexts contexts) {
        this.contexts = contexts;
    }

    /**
     * Route TLS for a {@code cluster { tls {} }} block; plain routes when it is null.
     *
     * @throws TlsSetupException when a certificate, key or CA file cannot be used
     */
    public static RouteTls of(TlsOptions tls) {
        return new RouteTls(load(tls));
    }

    /**
     * A reload: the files are read again. The caller has checked that TLS stays on or off.
     *
     * @throws TlsSetupException when a file cannot be used; the running contexts stay
     */
    public void reload(TlsOptions tls) {
        contexts = load(tls);
    }

    private static Contexts load(TlsOptions tls) {
        return tls == null ? null
                : new Contexts(TlsContext.server(tls.requiringClientCertificates()), TlsContext.client(tls));
    }

    public boolean enabled() {
        return contexts != null;
    }

    /** Puts the TLS server in front of an accepted route connection's pipeline. */
    public void acceptor(Channel channel, long routeId, Consumer<String> close) {
        Contexts current = contexts;
        if (current != null) {
            TlsContext acceptor = current.acceptor();
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
        Contexts current = contexts;
        if (current == null) {
            return route;
        }
        TlsContext solicitor = current.solicitor();
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
