package io.jnatsd.transport.tls;

import io.jnatsd.config.ServerOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS for client connections, in nats-server's three flavours (CLIENT.md §1):
 * <ul>
 * <li>required (default): INFO goes out in clear, then everything is TLS. The handler is
 *     installed up front in STARTTLS mode, which lets exactly the first write (the INFO, which
 *     the client connection writes and flushes at once on activation) pass unencrypted;
 * <li>{@code allow_non_tls}: after the clear INFO, the first byte from the client decides: a
 *     TLS handshake record (0x16) switches the connection to TLS, anything else stays plain;
 * <li>{@code handshake_first}: TLS before anything; the INFO waits inside the handler until
 *     the handshake is done. It takes precedence over {@code allow_non_tls}, as in nats-server;
 * <li>{@code handshake_first} with a fallback delay ({@code "auto"}, {@code "300ms"}): a client
 *     that sends nothing for the delay is taken for one that waits for the INFO, which it then
 *     gets in clear, followed by TLS (or, with {@code allow_non_tls}, by its choice).
 * </ul>
 * A handshake still unfinished after the tls {@code timeout} is closed without a word, as
 * nats-server 2.10 closes it (its {@code -ERR 'Secure Connection - TLS Required'} never leaves:
 * it is queued behind the unfinished handshake). With {@code connection_rate_limit}, a TLS client
 * over the limit gets nats-server's {@code -ERR} in clear (after the INFO, unless
 * {@code handshake_first}) and is closed before any handshake.
 */
public final class ClientTls {
    private static final Logger LOG = LoggerFactory.getLogger(ClientTls.class);
    private static final byte TLS_HANDSHAKE_RECORD = 0x16;
    private static final String HANDLER_NAME = "tls";

    private static final byte[] THROTTLED = "-ERR 'Connection throttling is active. Please try again later.'\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final String THROTTLED_REASON = "Maximum Connections Exceeded";

    private final TlsContext context;
    private final boolean optional;
    private final boolean handshakeFirst;
    /** With {@code handshake_first}: how long to wait for a client hello before sending the INFO; 0: forever. */
    private final long fallbackMillis;
    /** Null without {@code connection_rate_limit}. */
    private final ConnectionRate rate;

    private ClientTls(TlsContext context, boolean optional, boolean handshakeFirst, long fallbackMillis, long rateLimit) {
        this.context = context;
        this.optional = optional;
        this.handshakeFirst = handshakeFirst;
        this.fallbackMillis = fallbackMillis;
        this.rate = rateLimit > 0 ? new ConnectionRate(rateLimit) : null;
    }

    /** How many TLS clients the rate limit turned away since the last call (0 without a limit). */
    public long rejected() {
        return rate == null ? 0 : rate.takeBlocked();
    }

    private boolean throttled() {
        return rate != null && !rate.allow(System.nanoTime());
    }

    /** The client TLS of these options, or null when the server has no {@code tls {}} block. */
    public static ClientTls of(ServerOptions options) {
        if (options.tls() == null) {
            return null;
        }
        return new ClientTls(TlsContext.server(options.tls()), options.allowNonTls(), options.tls().handshakeFirst(),
                options.tls().handshakeFirstFallback().toMillis(), options.tls().connectionRateLimit());
    }

    /**
     * How the TLS layer closes its client connection: with a reason, and an error line to log
     * after the connection's closed line (null for none).
     */
    @FunctionalInterface
    public interface ClientCloser {
        void close(String reason, String errorAfterClose);
    }

    /**
     * Puts TLS in front of a new client connection's pipeline. {@code close} closes the client
     * connection with a reason; it is called when the handshake fails or times out.
     */
    public void install(Channel channel, LongSupplier clientId, ClientCloser close) {
        ChannelPipeline pipeline = channel.pipeline();
        if (optional && !handshakeFirst) {
            pipeline.addFirst("tls-detect", new TlsDetector(clientId, close));
            return;
        }
        if (throttled()) {
            pipeline.addFirst("tls-throttled", new Throttled(handshakeFirst, close));
            return;
        }
        if (handshakeFirst && fallbackMillis > 0) {
            pipeline.addFirst("tls-first-fallback", new TlsFirstFallback(fallbackMillis,
                    ctx -> installTlsBehind(ctx, clientId, close),
                    ctx -> {
                        if (optional) {
                            ctx.pipeline().addAfter(ctx.name(), "tls-detect", new TlsDetector(clientId, close));
                        } else {
                            installTlsBehind(ctx, clientId, close);
                        }
                    }));
            return;
        }
        HandshakeWatch watch = watched(channel, !handshakeFirst, clientId, close);
        pipeline.addFirst(HANDLER_NAME, watch.handler);
        pipeline.addFirst("tls-bytes", watch);
    }

    private HandshakeWatch watched(Channel channel, boolean startTls, LongSupplier clientId, ClientCloser close) {
        SslHandler handler = context.newServerHandler(channel.alloc(), startTls);
        handler.setHandshakeTimeoutMillis(0);
        HandshakeWatch watch = new HandshakeWatch(channel, handler, context.pins(), clientId, close);
        watch.start(context.handshakeTimeoutMillis());
        return watch;
    }

    /**
     * Follows one handshake: its deadline, and the log lines and close reason of a failure, at
     * error level and in nats-server's words, as nats-server logs them (a plain TCP probe of the
     * port is {@code TLS handshake error: EOF} there too).
     */
    private static final class HandshakeWatch extends ChannelInboundHandlerAdapter {
        private final Channel channel;
        private final SslHandler handler;
        private final CertificatePins pins;
        private final LongSupplier clientId;
        private final ClientCloser close;
        private boolean timedOut;
        /** Whether the client sent anything before the handshake ended: Go tells EOF from unexpected EOF. */
        private boolean bytesSeen;

        HandshakeWatch(Channel channel, SslHandler handler, CertificatePins pins, LongSupplier clientId,
                       ClientCloser close) {
            this.channel = channel;
            this.handler = handler;
            this.pins = pins;
            this.clientId = clientId;
            this.close = close;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            bytesSeen = true;
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(msg);
        }

        private void logError(String text) {
            LOG.error("{} - cid:{} - {}", HandshakeErrors.peer(channel), clientId.getAsLong(), text);
        }

        void start(long timeoutMillis) {
            ScheduledFuture<?> deadline = channel.eventLoop().schedule(this::timeout, timeoutMillis, TimeUnit.MILLISECONDS);
            handler.handshakeFuture().addListener(done -> {
                deadline.cancel(false);
                if (done.isSuccess() && !pins.matches(handler)) {
                    logError("TLS handshake error: " + CertificatePins.NOT_PINNED);
                    close.close("TLS Handshake Failure", null);
                } else if (done.isSuccess()) {
                    LOG.debug("{} - TLS handshake complete ({}, {})", HandshakeErrors.peer(channel),
                            handler.engine().getSession().getProtocol(), handler.engine().getSession().getCipherSuite());
                } else if (!timedOut) {
                    logError("TLS handshake error: " + HandshakeErrors.describe(done.cause(), bytesSeen));
                    close.close("TLS Handshake Failure", null);
                }
            });
        }

        private void timeout() {
            if (handler.handshakeFuture().isDone() || !channel.isActive()) {
                return;
            }
            timedOut = true;
            // nats-server's order: its read deadline ends the handshake (error, closed line), then
            // its timer finds the handshake unfinished and says so.
            logError("TLS handshake error: " + HandshakeErrors.readTimeout(channel));
            // nats-server's -ERR for this would have to go through TLS, so the client gets nothing,
            // not even the TLS alerts the handler would send on its way out.
            if (channel.pipeline().context(handler) != null) {
                channel.pipeline().remove(handler);
            }
            // after the closed line, where nats-server's handshake timer reports it
            close.close("TLS Handshake Failure", "TLS handshake timeout");
        }
    }

    /** The TLS handler and its watch, just behind {@code ctx}'s handler; returns the TLS handler's name. */
    private String installTlsBehind(ChannelHandlerContext ctx, LongSupplier clientId, ClientCloser close) {
        HandshakeWatch watch = watched(ctx.channel(), false, clientId, close);
        ctx.pipeline().addAfter(ctx.name(), HANDLER_NAME, watch.handler);
        ctx.pipeline().addAfter(ctx.name(), "tls-bytes", watch);
        return HANDLER_NAME;
    }

    /** {@code allow_non_tls}: looks at the client's first byte and removes itself. */
    private final class TlsDetector extends ChannelInboundHandlerAdapter {
        private final LongSupplier clientId;
        private final ClientCloser close;

        TlsDetector(LongSupplier clientId, ClientCloser close) {
            this.clientId = clientId;
            this.close = close;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf read = (ByteBuf) msg;
            if (!read.isReadable()) {
                read.release();
                return;
            }
            ChannelPipeline pipeline = ctx.pipeline();
            if (read.getByte(read.readerIndex()) == TLS_HANDSHAKE_RECORD && throttled()) {
                read.release();
                pipeline.remove(this);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(THROTTLED));
                close.close(THROTTLED_REASON, null);
                return;
            }
            if (read.getByte(read.readerIndex()) == TLS_HANDSHAKE_RECORD) {
                HandshakeWatch watch = watched(ctx.channel(), false, clientId, close);
                watch.bytesSeen = true;
                pipeline.addAfter(ctx.name(), HANDLER_NAME, watch.handler);
            }
            pipeline.remove(this);
            ctx.fireChannelRead(read);
        }
    }

    /**
     * A TLS client over the rate limit: the INFO goes out in clear as usual (nothing at all with
     * {@code handshake_first}, whose INFO waits for a handshake that will not happen), then the
     * {@code -ERR}, then the close; what the client sends is not read.
     */
    private static final class Throttled extends ChannelDuplexHandler {
        private final boolean handshakeFirst;
        private final ClientCloser close;
        private boolean refused;

        Throttled(boolean handshakeFirst, ClientCloser close) {
            this.handshakeFirst = handshakeFirst;
            this.close = close;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            super.channelActive(ctx);
            refused = true;
            ctx.writeAndFlush(Unpooled.wrappedBuffer(THROTTLED));
            close.close(THROTTLED_REASON, null);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (handshakeFirst || refused) {
                io.netty.util.ReferenceCountUtil.release(msg);
                promise.trySuccess();
                return;
            }
            ctx.write(msg, promise);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }
}
