package io.jnatsd.monitor;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests {@link MonitorRequestDecoder} frames, in order, from {@link MonitorRoutes};
 * any method is accepted, as nats-server does. A refused request gets Go's reply and the
 * connection is closed. Replies are written as bytes with Go's header order, HTTP/1.0 requests
 * answered in HTTP/1.0.
 */
final class MonitorHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorHandler.class);

    private static final long LINGER_MILLIS = 500;

    private final MonitorRoutes routes;

    MonitorHandler(MonitorRoutes routes) {
        this.routes = routes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        String date = DateFormatter.format(new Date());
        if (message instanceof RejectedRequest rejected) {
            refuse(ctx, rejected, date);
            return;
        }
        RequestHead request = (RequestHead) message;
        MonitorResponse answer;
        try {
            answer = answer(request);
        } catch (RejectedRequest rejected) {
            refuse(ctx, rejected, date);
            return;
        }
        ChannelFuture written = write(ctx, response(request, answer, date));
        if (!request.keepAlive()) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private MonitorResponse answer(RequestHead request) throws RejectedRequest {
        RequestTarget target = request.target();
        if (target.asterisk()) {
            if (!request.method().equals("OPTIONS")) {
                throw RejectedRequest.emptyBadRequest();
            }
            return MonitorResponse.emptyOk();
        }
        String redirect = request.method().equals("CONNECT") ? null : target.redirect();
        if (redirect != null) {
            return MonitorResponse.movedPermanently(request.method(), redirect);
        }
        try {
            return routes.answer(target.path(), new QueryParameters(GoQuery.parse(target.rawQuery())));
        } catch (BadRequestException e) {
            return MonitorResponse.text(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** Status line, headers and (except for HEAD) body. HEAD keeps the Content-Length of the body it omits. */
    private static String response(RequestHead request, MonitorResponse answer, String date) {
        StringBuilder out = new StringBuilder(256 + answer.body().length());
        out.append(request.http10() ? "HTTP/1.0 " : "HTTP/1.1 ").append(answer.status().code()).append(' ')
                .append(answer.status().reasonPhrase()).append("\r\n");
        if (answer.allowsAnyOrigin()) {
            out.append("Access-Control-Allow-Origin: *\r\n");
        }
        if (answer.contentType() != null) {
            out.append("Content-Type: ").append(answer.contentType()).append("\r\n");
        }
        if (answer.location() != null) {
            out.append("Location: ").append(answer.location()).append("\r\n");
        }
        if (answer.isNotFound()) {
            out.append("X-Content-Type-Options: nosniff\r\n");
        }
        out.append("Date: ").append(date).append("\r\n");
        int length = answer.body().getBytes(StandardCharsets.UTF_8).length;
        if (!request.isHead() || length > 0) {
            out.append("Content-Length: ").append(length).append("\r\n");
        }
        if (request.keepAlive() && request.http10()) {
            out.append("Connection: keep-alive\r\n");
        } else if (!request.keepAlive() && !request.http10()) {
            out.append("Connection: close\r\n");
        }
        out.append("\r\n");
        if (!request.isHead()) {
            out.append(answer.body());
        }
        return out.toString();
    }

    /**
     * Writes the refusal, then half-closes and lets the peer finish sending (its input is dropped)
     * for up to {@value #LINGER_MILLIS} ms before closing: closing with unread input would reset
     * the connection, and a client still sending a 2 MB header would lose the 431 it is owed.
     */
    private static void refuse(ChannelHandlerContext ctx, RejectedRequest rejected, String date) {
        write(ctx, rejected.reply(date)).addListener((ChannelFuture written) -> {
            Channel channel = written.channel();
            if (!(channel instanceof DuplexChannel duplex) || !written.isSuccess()) {
                channel.close();
                return;
            }
            duplex.shutdownOutput().addListener(shut ->
                    channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS));
        });
    }

    private static ChannelFuture write(ChannelHandlerContext ctx, String text) {
        ByteBuf bytes = ctx.alloc().buffer(text.length());
        bytes.writeCharSequence(text, StandardCharsets.UTF_8);
        return ctx.writeAndFlush(bytes);
    }

    /** An I/O error (a peer reset) costs only this connection; nothing to tell the peer. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("monitoring connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
