package io.jnatsd.transport.tls;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;

/**
 * Sits behind the TLS handler of a link that writes before its handshake is done (a route's or
 * a gateway's INFO and CONNECT): what the link writes waits here until the peer's certificate is
 * known to be pinned, so a peer that is not gets nothing, not even an INFO (nats-server checks the
 * pins before it writes the INFO). After a refusal nothing the peer sent reaches the link.
 */
final class PinGate extends ChannelDuplexHandler {
    private final SslHandler tls;
    private final CertificatePins pins;
    private final ArrayDeque<Object[]> held = new ArrayDeque<>();
    private boolean decided;
    private boolean refused;

    PinGate(SslHandler tls, CertificatePins pins) {
        this.tls = tls;
        this.pins = pins;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!decided) {
            held.add(new Object[] {msg, promise});
        } else if (refused) {
            ReferenceCountUtil.release(msg);
            promise.tryFailure(new ClosedChannelException());
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (decided && !refused) {
            ctx.flush();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent completion && !decided) {
            decided = true;
            refused = !completion.isSuccess() || !pins.matches(tls);
            for (Object[] write = held.poll(); write != null; write = held.poll()) {
                write(ctx, write[0], (ChannelPromise) write[1]);
            }
            if (!refused) {
                ctx.flush();
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        for (Object[] write = held.poll(); write != null; write = held.poll()) {
            ReferenceCountUtil.release(write[0]);
            ((ChannelPromise) write[1]).tryFailure(new ClosedChannelException());
        }
    }
}
