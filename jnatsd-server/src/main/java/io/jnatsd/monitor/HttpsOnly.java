package io.jnatsd.monitor;

import io.jnatsd.transport.PeerAddress;
import io.jnatsd.transport.tls.TlsContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first bytes of an HTTPS monitoring connection: a TLS record hands the connection to an
 * {@link SslHandler}; plain HTTP gets the answer Go's HTTP server gives it (a 400 saying so) and
 * the line nats-server logs, rather than a TLS alert the browser cannot show. A failed handshake
 * is logged with nats-server's words too.
 */
final class HttpsOnly extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(HttpsOnly.class);
    private static final int TLS_HANDSHAKE_RECORD = 0x16;
    private static final byte[] PLAIN_HTTP_ANSWER = ("HTTP/1.0 400 Bad Request\r\n\r\n"
            + "Client sent an HTTP request to an HTTPS server.\n").getBytes(StandardCharsets.US_ASCII);

    private final TlsContext tls;

    HttpsOnly(TlsContext tls) {
        this.tls = tls;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        if (in.getUnsignedByte(in.readerIndex()) == TLS_HANDSHAKE_RECORD) {
            ctx.pipeline().addAfter(ctx.name(), "tls", tls.newServerHandler(ctx.alloc(), false));
            ctx.pipeline().addAfter("tls", "handshake-errors", new HandshakeErrors());
            ctx.pipeline().remove(this);
            return;
        }
        in.skipBytes(in.readableBytes());
        handshakeError(ctx, "client sent an HTTP request to an HTTPS server");
        ctx.writeAndFlush(Unpooled.wrappedBuffer(PLAIN_HTTP_ANSWER)).addListener(ChannelFutureListener.CLOSE);
    }

    private static void handshakeError(ChannelHandlerContext ctx, String reason) {
        LOG.error("monitoring: TLS handshake error from {}: {}",
                PeerAddress.of((InetSocketAddress) ctx.channel().remoteAddress()), reason);
    }

    /** Logs a handshake that failed, and closes. */
    private static final class HandshakeErrors extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()) {
                Throwable cause = completion.cause();
                handshakeError(ctx, cause.getMessage() == null ? cause.toString() : cause.getMessage());
                ctx.close();
                return;
            }
            ctx.fireUserEventTriggered(event);
        }
    }
}
