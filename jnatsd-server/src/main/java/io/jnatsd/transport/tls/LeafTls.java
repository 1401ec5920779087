package io.jnatsd.transport.tls;

import io.jnatsd.config.TlsOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS on leaf node connections (LEAFNODES.md §3.4), as nats-server 2.10 does it: the acceptor sends
 * its INFO in clear (with {@code tls_required}), then the solicitor starts the handshake, whether
 * or not its remote has a {@code tls {}} block; with {@code handshake_first} on both sides TLS
 * starts right after the TCP connect. One instance per {@code tls {}} block: the listener's
 * (server side) or a remote's (client side; a remote without one gets the JDK's trust store and
 * host name checks when a hub requires TLS).
 *
 * <p>Log lines and the close reason are nats-server's ({@code Starting TLS leafnode server
 * handshake}, {@code TLS leafnode handshake error: ...}, {@code TLS Handshake Failure}).
 */
public final class LeafTls {
    private static final Logger LOG = LoggerFactory.getLogger(LeafTls.class);
    private static final String HANDLER_NAME = "tls";
    private static final TlsOptions SYSTEM_DEFAULTS = new TlsOptions(null, null, null, false, false, false, null,
            List.of(), List.of(), false, null);

    private final TlsContext context;
    private final boolean verify;
    private final boolean handshakeFirst;
    /** With {@code handshake_first} on the listener: how long to wait for a client hello before the INFO; 0: forever. */
    private final long fallbackMillis;
    private final CertificatePins pins;

    private LeafTls(TlsContext context, boolean verify, boolean handshakeFirst, long fallbackMillis, CertificatePins pins) {
        this.context = context;
        this.verify = verify;
        this.handshakeFirst = handshakeFirst;
        this.fallbackMillis = fallbackMillis;
        this.pins = pins;
    }

    /** The leafnode listener's TLS, or null without a {@code tls {}} block. */
    public static LeafTls acceptor(TlsOptions tls) {
        if (tls == null) {
            return null;
        }
        TlsContext context = TlsContext.server(tls);
        return new LeafTls(context, tls.verify(), tls.handshakeFirst(), tls.handshakeFirstFallback().toMillis(), context.pins());
    }

    /**
     * A remote's TLS; without a block, what a hub that requires TLS is met with. The hub's
     * certificate must be pinned by the remote's block and by {@code leafNodePins}, those of the
     * {@code leafnodes {}} block's own {@code tls} (nats-server checks a dialed hub against those).
     */
    public static LeafTls solicitor(TlsOptions tls, CertificatePins leafNodePins) {
        TlsOptions options = tls == null ? SYSTEM_DEFAULTS : tls;
        TlsContext context = TlsContext.client(options, "leafnodes");
        return new LeafTls(context, false, options.handshakeFirst(), 0, context.pins().and(leafNodePins));
    }

    /** The pins of a {@code leafnodes {}} block's {@code tls}, for the remotes it dials. */
    public static CertificatePins pinsOf(TlsOptions leafNodeTls) {
        return leafNodeTls == null ? CertificatePins.NONE : CertificatePins.of(leafNodeTls.pinnedCerts());
    }

    /** Whether client certificates are required (INFO {@code tls_verify}). */
    public boolean verify() {
        return verify;
    }

    public long handshakeTimeoutMillis() {
        return context.handshakeTimeoutMillis();
    }

    /** Whether TLS starts before the INFO. */
    public boolean handshakeFirst() {
        return handshakeFirst;
    }

    /**
     * Puts the TLS server in front of an accepted connection's pipeline: in STARTTLS mode, so the
     * INFO (the first write) leaves in clear, unless {@code handshake_first}; with its fallback
     * delay, a solicitor that sends nothing for the delay gets the INFO in clear, then TLS.
     */
    public void accept(Channel channel, Supplier<String> logPrefix, Consumer<String> close) {
        LOG.debug("{} - Starting TLS leafnode server handshake", logPrefix.get());
        if (handshakeFirst && fallbackMillis > 0) {
            channel.pipeline().addFirst("tls-first-fallback", new TlsFirstFallback(fallbackMillis,
                    ctx -> serverBehind(ctx, logPrefix, close), ctx -> serverBehind(ctx, logPrefix, close)));
            return;
        }
        SslHandler handler = context.newServerHandler(channel.alloc(), !handshakeFirst);
        channel.pipeline().addFirst(HANDLER_NAME, watched(handler, pins, logPrefix, close, null));
    }

    /** A TLS server waiting for the client hello, just behind {@code ctx}'s handler; returns its name. */
    private String serverBehind(ChannelHandlerContext ctx, Supplier<String> logPrefix,
                                Consumer<String> close) {
        SslHandler handler = context.newServerHandler(ctx.alloc(), false);
        ctx.pipeline().addAfter(ctx.name(), HANDLER_NAME, watched(handler, pins, logPrefix, close, null));
        return HANDLER_NAME;
    }

    /**
     * Starts the TLS client on a connection to {@code host:port} (checked against its
     * certificate); {@code then} runs on the loop once the handshake succeeded.
     */
    public void connect(Channel channel, String host, int port, Supplier<String> logPrefix, Consumer<String> close,
                        Runnable then) {
        SslHandler handler = context.newClientHandler(channel.alloc(), host, port);
        LOG.debug("{} - Starting TLS leafnode client handshake", logPrefix.get());
        channel.pipeline().addFirst(HANDLER_NAME, watched(handler, pins, logPrefix, close, then));
    }

    private static SslHandler watched(SslHandler handler, CertificatePins pins, Supplier<String> logPrefix,
                                      Consumer<String> close, Runnable then) {
        handler.handshakeFuture().addListener(done -> {
            if (done.isSuccess() && !pins.matches(handler)) {
                LOG.error("{} - TLS leafnode handshake error: {}", logPrefix.get(), CertificatePins.NOT_PINNED);
                close.accept("TLS Handshake Failure");
            } else if (done.isSuccess()) {
                LOG.debug("{} - TLS leafnode handshake complete ({}, {})", logPrefix.get(),
                        handler.engine().getSession().getProtocol(), handler.engine().getSession().getCipherSuite());
                if (then != null) {
                    then.run();
                }
            } else {
                LOG.error("{} - TLS leafnode handshake error: {}", logPrefix.get(), HandshakeErrors.describe(done.cause()));
                close.accept("TLS Handshake Failure");
            }
        });
        return handler;
    }
}
