package io.jnatsd.transport.tls;

import io.jnatsd.config.GatewayOptions;
import io.jnatsd.config.TlsOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS for gateway connections, as nats-server 2.10.27 does it (checked against it, GATEWAYS.md
 * §3.2): the handshake comes right after the TCP connect, before any NATS bytes; the acceptor is the
 * TLS server, the solicitor the TLS client.
 * <ul>
 *   <li>The gateway port speaks TLS when {@code gateway { tls {} }} is set, and then always asks
 *       for a client certificate and checks it against {@code ca_file}: nats-server treats
 *       gateways as mutual TLS whatever {@code verify} says (a peer without one is refused with
 *       {@code tls: client didn't provide a certificate}).</li>
 *   <li>A remote cluster is dialed with its own {@code tls {}} block when its entry has one, else
 *       with the gateway's; an implicit (gossiped) remote always takes the gateway's. The peer's
 *       certificate must name the host dialed, or, when that is an IP address, the first host name
 *       configured for that remote (a gossiped URL is an IP more often than not).</li>
 * </ul>
 * A failed handshake is logged as nats-server logs it ({@code TLS gateway handshake error: ...})
 * and closes just that connection, with reason {@code TLS Handshake Failure}; the solicitor then
 * re-dials as after any failed connection.
 */
public final class GatewayTls {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayTls.class);
    private static final String KIND = "gateways";

    /** The connection a TLS handler guards: named in log lines, closed when the handshake fails. */
    public interface Peer {
        String logPrefix();

        void close(String reason);
    }

    /** Every context of one configuration, swapped as a whole by a reload. */
    private record Contexts(TlsContext acceptor, TlsContext defaultSolicitor, Map<String, TlsContext> remoteSolicitors) {
    }

    private volatile Contexts contexts;

    /** @throws TlsSetupException when a certificate, key or CA file cannot be used */
    public GatewayTls(GatewayOptions options) {
        this.contexts = load(options);
    }

    /**
     * A reload: the files are read again (certificates replaced under the same names count too)
     * and connections made from now on use them; established ones keep their session. The caller
     * has checked that only what a reload may change differs (whether TLS is on stays as it was).
     *
     * @throws TlsSetupException when a file cannot be used; the running contexts stay
     */
    public void reload(GatewayOptions options) {
        contexts = load(options);
    }

    private static Contexts load(GatewayOptions options) {
        TlsOptions tls = options.tls();
        TlsContext acceptor = tls == null ? null : TlsContext.server(tls.requiringClientCertificates());
        TlsContext defaultSolicitor = tls == null ? null : TlsContext.client(tls, KIND);
        Map<String, TlsContext> remoteSolicitors = new HashMap<>();
        for (GatewayOptions.RemoteGateway remote : options.gateways()) {
            if (remote.tls() != null && remote.name() != null && !remote.name().equals(options.name())) {
                remoteSolicitors.put(remote.name(), TlsContext.client(remote.tls(), KIND));
            }
        }
        return new Contexts(acceptor, defaultSolicitor, Map.copyOf(remoteSolicitors));
    }


    /** Whether the gateway port speaks TLS ({@code tls_required} of our INFO). */
    public boolean accepting() {
        return contexts.acceptor() != null;
    }

    /** Whether connections to {@code remote} are dialed with TLS (the {@code tls_required} of our CONNECT). */
    public boolean soliciting(String remote) {
        return solicitorFor(remote) != null;
    }

    private TlsContext solicitorFor(String remote) {
        Contexts current = contexts;
        TlsContext own = current.remoteSolicitors().get(remote);
        return own != null ? own : current.defaultSolicitor();
    }

    /** Puts the TLS server in front of an accepted gateway connection's pipeline. */
    public void acceptor(Channel channel, Peer peer) {
        TlsContext acceptor = contexts.acceptor();
        if (acceptor != null) {
            LOG.debug("{} - Starting TLS gateway server handshake", HandshakeErrors.peer(channel));
            SslHandler tls = watched(channel, acceptor.newServerHandler(channel.alloc(), false), acceptor.pins(), peer);
            channel.pipeline().addFirst("tls", tls);
            if (!acceptor.pins().none()) {
                channel.pipeline().addAfter("tls", "tls-pins", new PinGate(tls, acceptor.pins()));
            }
        }
    }

    /**
     * The handler to give the bootstrap that dials {@code host:port} of {@code remote}: the gateway
     * handler itself, or an initializer that puts the TLS client in front of it.
     *
     * @param certificateName the name the peer's certificate must carry
     */
    public ChannelHandler solicitor(String remote, ChannelHandler gateway, String certificateName, int port, Peer peer) {
        TlsContext context = solicitorFor(remote);
        if (context == null) {
            return gateway;
        }
        // the gateway block's pins hold for every gateway, dialed or accepted, as in nats-server
        TlsContext acceptor = contexts.acceptor();
        CertificatePins pins = context.pins().and(acceptor == null ? CertificatePins.NONE : acceptor.pins());
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                SslHandler tls = context.newClientHandler(channel.alloc(), certificateName, port);
                channel.pipeline().addLast("tls", watched(channel, tls, pins, peer));
                if (!pins.none()) {
                    channel.pipeline().addLast("tls-pins", new PinGate(tls, pins));
                }
                channel.pipeline().addLast("gateway", gateway);
            }
        };
    }

    /** A timed-out handshake reads as Go's read deadline, followed by its timer's own line. */
    private static SslHandler watched(Channel channel, SslHandler tls, CertificatePins pins, Peer peer) {
        tls.handshakeFuture().addListener(done -> {
            if (done.isSuccess() && !pins.matches(tls)) {
                LOG.error("{} - TLS gateway handshake error: {}", peer.logPrefix(), CertificatePins.NOT_PINNED);
                peer.close("TLS Handshake Failure");
            } else if (done.isSuccess()) {
                LOG.debug("{} - TLS handshake complete", peer.logPrefix());
                LOG.debug("{} - TLS version {}, cipher suite {}", peer.logPrefix(),
                        TlsPeer.goVersion(tls.engine().getSession().getProtocol()),
                        tls.engine().getSession().getCipherSuite());
            } else if (done.cause() instanceof SslHandshakeTimeoutException) {
                LOG.error("{} - TLS gateway handshake error: {}", peer.logPrefix(), HandshakeErrors.readTimeout(channel));
                peer.close("TLS Handshake Failure");
                LOG.error("{} - TLS handshake timeout", peer.logPrefix());
            } else {
                LOG.error("{} - TLS gateway handshake error: {}", peer.logPrefix(), HandshakeErrors.describe(done.cause()));
                peer.close("TLS Handshake Failure");
            }
        });
        return tls;
    }
}
