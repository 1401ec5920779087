package io.jnatsd.transport.tls;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code handshake_first} with a fallback delay ({@code "auto"}: 50 ms, or a duration), at the
 * socket end of an accepted connection's pipeline. It holds the INFO until the peer either sends
 * something (its TLS client hello: TLS first, and the INFO goes out through TLS once the handshake
 * is done) or stays silent for the delay (a peer that waits for the INFO: it goes out in clear,
 * and TLS follows as without {@code handshake_first}). Either way the TLS handling takes its
 * place behind it and it removes itself. Like nats-server it does not look at what the peer sent:
 * one that is not speaking TLS fails the handshake.
 */
final class TlsFirstFallback extends ChannelDuplexHandler {
    private record HeldWrite(Object message, ChannelPromise promise) {
    }

    private final long delayMillis;
    private final Function<ChannelHandlerContext, String> tlsFirst;
    private final Consumer<ChannelHandlerContext> infoFirst;
    private final List<HeldWrite> held = new ArrayList<>();
    private ScheduledFuture<?> timer;
    private boolean decided;

    /**
     * @param tlsFirst  installs the TLS handler just behind this one and returns its name
     * @param infoFirst installs, just behind this one, what handles the peer once the INFO went out in clear
     */
    TlsFirstFallback(long delayMillis, Function<ChannelHandlerContext, String> tlsFirst,
                     Consumer<ChannelHandlerContext> infoFirst) {
        this.delayMillis = delayMillis;
        this.tlsFirst = tlsFirst;
        this.infoFirst = infoFirst;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            startTimer(ctx); // put in place by a connection that is already active, before its INFO
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        startTimer(ctx);
        ctx.fireChannelActive();
    }

    private void startTimer(ChannelHandlerContext ctx) {
        if (timer == null) {
            timer = ctx.executor().schedule(() -> sendInfoFirst(ctx), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (decided) {
            ctx.write(msg, promise);
        } else {
            held.add(new HeldWrite(msg, promise));
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (decided) {
            ctx.flush();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (decided) {
            ctx.fireChannelRead(msg);
            return;
        }
        timer.cancel(false);
        decided = true;
        String tls = tlsFirst.apply(ctx);
        // the held INFO enters the pipeline again behind the TLS handler, which keeps it for the handshake
        ChannelHandlerContext behindTls = behind(ctx.pipeline(), tls);
        held.forEach(w -> behindTls.write(w.message(), w.promise()));
        held.clear();
        behindTls.flush();
        ctx.fireChannelRead(msg);
        ctx.pipeline().remove(this);
    }

    private void sendInfoFirst(ChannelHandlerContext ctx) {
        if (decided || !ctx.channel().isActive()) {
            return;
        }
        decided = true;
        held.forEach(w -> ctx.write(w.message(), w.promise()));
        held.clear();
        ctx.flush();
        infoFirst.accept(ctx);
        ctx.pipeline().remove(this);
    }

    private static ChannelHandlerContext behind(ChannelPipeline pipeline, String name) {
        List<String> names = pipeline.names();
        return pipeline.context(names.get(names.indexOf(name) + 1));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
        held.forEach(w -> {
            ReferenceCountUtil.release(w.message());
            w.promise().tryFailure(new ClosedChannelException());
        });
        held.clear();
    }
}
