package io.jnatsd.transport.websocket;

import io.jnatsd.transport.PeerAddress;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the HTTP upgrade request of one connection in nats-server 2.10.27's order, with its
 * status codes and log texts (RFC 6455 §4.2.1): GET, a Host, {@code Upgrade: websocket},
 * {@code Connection: Upgrade}, a key, version 13, then the origin. Every path is served. A refused
 * request gets Go's error reply and the connection stays open for another request (HTTP keep-alive),
 * as there; bytes sent before the 101 close the connection. On success the HTTP decoder and this
 * handler leave the pipeline and the {@link WebsocketCodec} and the server's client take their place.
 */
final class UpgradeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeHandler.class);
    static final String DECODER = "ws-http";
    private static final String LEAF_PATH = "/leafnode";
    private static final String MQTT_PATH = "/mqtt";

    private final WebsocketListener listener;
    private HttpRequest request;
    private ScheduledFuture<?> deadline;

    UpgradeHandler(WebsocketListener listener) {
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long timeoutMillis = listener.options().handshakeTimeout().toMillis();
        if (timeoutMillis > 0) {
            // nats-server's HTTP read timeout: the upgrade (TLS handshake included) must be done by then
            deadline = ctx.executor().schedule(() -> {
                ctx.close();
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelDeadline();
        super.channelInactive(ctx);
    }

    /**
     * A failed TLS handshake or a broken socket before the upgrade: the connection goes, with Go's
     * HTTP server's line for TLS (nats-server prefixes its HTTP server's lines with "websocket: ").
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof javax.net.ssl.SSLException) {
            LOG.error("websocket: http: TLS handshake error from {}: {}",
                    PeerAddress.of((InetSocketAddress) ctx.channel().remoteAddress()), root.getMessage());
        } else {
            LOG.debug("{} - websocket connection error before the upgrade: {}",
                    PeerAddress.of((InetSocketAddress) ctx.channel().remoteAddress()), cause.toString());
        }
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest head) {
                if (head.decoderResult().isFailure()) {
                    reply(ctx, HandshakeResponses.MALFORMED, true);
                    return;
                }
                request = head;
            }
            if (msg instanceof LastHttpContent && request != null) {
                HttpRequest complete = request;
                request = null;
                upgrade(ctx, complete);
            } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
                reply(ctx, HandshakeResponses.MALFORMED, true);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void upgrade(ChannelHandlerContext ctx, HttpRequest req) {
        HttpHeaders headers = req.headers();
        boolean http11 = req.protocolVersion().equals(HttpVersion.HTTP_1_1);
        String host = headers.get("Host");
        if (http11 && host == null) {
            reply(ctx, HandshakeResponses.MISSING_HOST, true);
            return;
        }
        String key = headers.get("Sec-WebSocket-Key");
        if (!HttpMethod.GET.equals(req.method())) {
            refuse(ctx, req, 405, "request method must be GET");
        } else if (host == null || host.isEmpty()) {
            refuse(ctx, req, 400, "'Host' missing in request");
        } else if (!containsToken(headers, "Upgrade", "websocket")) {
            refuse(ctx, req, 400, "invalid value for header 'Upgrade'");
        } else if (!containsToken(headers, "Connection", "Upgrade")) {
            refuse(ctx, req, 400, "invalid value for header 'Connection'");
        } else if (key == null || key.isEmpty()) {
            refuse(ctx, req, 400, "key missing");
        } else if (!containsToken(headers, "Sec-WebSocket-Version", "13")) {
            refuse(ctx, req, 400, "invalid version");
        } else {
            String origin = headers.get("Origin");
            if (origin == null || origin.isEmpty()) {
                origin = headers.get("Sec-WebSocket-Origin");
            }
            boolean tls = ctx.pipeline().get(SslHandler.class) != null;
            String refusal = listener.origins().refusal(origin, host, tls);
            if (refusal != null) {
                refuse(ctx, req, 403, "origin not allowed: " + refusal);
            } else {
                accept(ctx, req, key);
            }
        }
    }

    private void accept(ChannelHandlerContext ctx, HttpRequest req, String key) {
        ChannelPipeline pipeline = ctx.pipeline();
        if (((BufferedBytes) pipeline.get(DECODER)).buffered() > 0) {
            // nats-server hijacks the connection, finds the bytes and closes it without a reply
            logError(ctx, "client sent data before handshake is complete");
            ctx.close();
            return;
        }
        HttpHeaders headers = req.headers();
        boolean compress = listener.options().compression() && offersDeflate(headers);
        boolean noMasking = "true".equals(headers.get("Nats-No-Masking"));
        cancelDeadline();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(HandshakeResponses.switching(key, compress, noMasking)));
        String path = new QueryStringDecoder(req.uri()).rawPath();
        WebsocketSession session = new WebsocketSession(compress, cookie(headers));
        UpgradeTarget.Client client;
        if (path.startsWith(LEAF_PATH)) {
            client = listener.target().acceptLeaf(session);
            if (client == null) {
                // as nats-server: the 101 went out, then the connection is closed without a frame
                LOG.error("Not configured to accept leaf node connections");
                ctx.close();
                return;
            }
        } else if (path.startsWith(MQTT_PATH)) {
            LOG.error("Not configured to accept MQTT connections over websocket");
            ctx.close();
            return;
        } else {
            client = listener.target().accept(session);
        }
        pipeline.remove(DECODER);
        pipeline.addAfter(ctx.name(), "ws", new WebsocketCodec(!noMasking, compress, listener.maxMessageBytes(),
                client.closeReason()));
        pipeline.addAfter("ws", "client", client.handler());
        pipeline.remove(this);
        pipeline.context("ws").fireChannelActive();
    }

    private String cookie(HttpHeaders headers) {
        String name = listener.options().jwtCookie();
        return name == null ? null : Cookies.value(headers.getAll("Cookie"), name);
    }

    /** nats-server's reply to a refused upgrade; the connection stays for the next request over HTTP/1.1. */
    private void refuse(ChannelHandlerContext ctx, HttpRequest req, int status, String reason) {
        logError(ctx, reason);
        boolean http11 = req.protocolVersion().equals(HttpVersion.HTTP_1_1);
        boolean close = !http11 || containsToken(req.headers(), "Connection", "close");
        reply(ctx, HandshakeResponses.error(req.protocolVersion().text(), status, close), close);
    }

    private static void reply(ChannelHandlerContext ctx, byte[] response, boolean close) {
        var written = ctx.writeAndFlush(Unpooled.wrappedBuffer(response));
        if (close) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static void logError(ChannelHandlerContext ctx, String reason) {
        LOG.error("{} - websocket handshake error: {}", PeerAddress.of((InetSocketAddress) ctx.channel().remoteAddress()),
                reason);
    }

    /** Whether a comma-separated header (any of its lines) holds the token, in any case. */
    static boolean containsToken(HttpHeaders headers, String name, String token) {
        for (String line : headers.getAll(name)) {
            for (String part : line.split(",")) {
                if (part.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the client offers permessage-deflate (its parameters do not matter to nats-server). */
    private static boolean offersDeflate(HttpHeaders headers) {
        for (String line : headers.getAll("Sec-WebSocket-Extensions")) {
            for (String extension : line.split(",")) {
                for (String parameter : extension.split(";")) {
                    if (parameter.strip().equalsIgnoreCase("permessage-deflate")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    /** The HTTP decoder, telling how many bytes it holds beyond the request it passed on. */
    interface BufferedBytes {
        int buffered();
    }
}
