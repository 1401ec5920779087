package io.jnatsd.testkit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One connection accepted by a {@link TcpProxy} and its upstream twin. Until its {@link Link}
 * is known the bytes read are kept: a route proxy waits for the route CONNECT line, which names
 * the dialing server. A gateway solicitor speaks only after the acceptor's INFO, so a gateway
 * proxy lets the connection through on a fault-free link of its own and moves it to its real
 * link when the CONNECT passes (reset if that link is cut). A held connection (its link is cut) is neither forwarded nor closed, like
 * a dropped SYN that never times out, so the dialing server does not spin re-dialing; the heal
 * lets it through. Everything runs on the accepted channel's event loop.
 */
final class ProxiedConnection {
    private static final int MAX_CONNECT_LINE = 16 * 1024;

    private final Channel downstream;
    private final TcpProxy proxy;
    private CompositeByteBuf early;
    private Link link;
    private Channel upstream;
    private Pipe toUpstream;
    private Pipe toDownstream;
    private boolean finished;
    /** The dialer's first line so far, while it is read after the connection went through. */
    private StringBuilder lateLine;

    ProxiedConnection(Channel downstream, TcpProxy proxy) {
        this.downstream = downstream;
        this.proxy = proxy;
        this.early = downstream.alloc().compositeBuffer();
        downstream.pipeline().addLast(new DownstreamSide());
        switch (proxy.identification()) {
            case NONE -> choose(null);
            case FIRST_LINE_AFTER_GREETING -> {
                // through at once on a fault-free link of its own, moved to its real link on CONNECT
                lateLine = new StringBuilder();
                link = new Link();
                link.admit(this);
                connectUpstream();
            }
            default -> { }
        }
    }

    private void downstreamRead(ByteBuf data) {
        if (lateLine != null && toUpstream != null && !identifyLate(data)) {
            data.release();
            return;
        }
        if (toUpstream != null) {
            toUpstream.accept(data);
            return;
        }
        early.addComponent(true, data);
        if (link == null) {
            int lineEnd = ByteBufUtil.indexOf(early, early.readerIndex(), early.writerIndex(), (byte) '\n');
            if (lineEnd >= 0) {
                choose(early.toString(early.readerIndex(), lineEnd - early.readerIndex(), StandardCharsets.UTF_8));
            } else if (early.readableBytes() > MAX_CONNECT_LINE) {
                choose("");
            }
        }
    }

    private void choose(String connectLine) {
        link = proxy.linkFor(connectLine);
        if (link.admit(this)) {
            connectUpstream();
        }
    }

    /**
     * Reads the dialer's first line from bytes about to go upstream; once it is complete, moves
     * the connection to its link. False when that link is cut: the connection is reset.
     */
    private boolean identifyLate(ByteBuf data) {
        int end = ByteBufUtil.indexOf(data, data.readerIndex(), data.writerIndex(), (byte) '\n');
        int upTo = end >= 0 ? end : data.writerIndex();
        lateLine.append(data.toString(data.readerIndex(), upTo - data.readerIndex(), StandardCharsets.UTF_8));
        if (end < 0 && lateLine.length() <= MAX_CONNECT_LINE) {
            return true;
        }
        Link identified = proxy.linkFor(lateLine.toString());
        lateLine = null;
        link.closed(this);
        link = identified;
        if (!identified.join(this)) {
            reset();
            return false;
        }
        toUpstream.relink(identified);
        toDownstream.relink(identified);
        return true;
    }

    /** The link healed: go through now (from any thread). */
    void release() {
        downstream.eventLoop().execute(() -> {
            if (!finished) {
                link.opened(this);
                connectUpstream();
            }
        });
    }

    private void connectUpstream() {
        int port = proxy.upstreamPort();
        if (port <= 0) {
            downstream.close();
            return;
        }
        ChannelFuture connecting = new Bootstrap()
                .group(downstream.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .handler(new UpstreamSide())
                .connect("127.0.0.1", port);
        upstream = connecting.channel();
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                downstream.close();
                return;
            }
            toUpstream = new Pipe(downstream, upstream, link);
            toDownstream = new Pipe(upstream, downstream, link);
            CompositeByteBuf kept = early;
            early = null;
            toUpstream.accept(kept);
            if (!downstream.isActive()) {
                toUpstream.sourceClosed();
            }
        });
    }

    /** Latency or stall changed (from any thread). */
    void conditionsChanged() {
        downstream.eventLoop().execute(() -> {
            if (toUpstream != null) {
                toUpstream.drain();
                toDownstream.drain();
            }
        });
    }

    /** Aborts both sides with a TCP reset (from any thread): the peers see "connection reset". */
    void reset() {
        downstream.eventLoop().execute(() -> {
            abort(downstream);
            if (upstream != null) {
                abort(upstream);
            }
        });
    }

    private static void abort(Channel channel) {
        if (channel.isOpen()) {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (link != null) {
            link.closed(this);
        }
        if (early != null) {
            early.release();
            early = null;
        }
        if (upstream != null) {
            upstream.close();
        }
        downstream.close();
        if (toUpstream != null) {
            toUpstream.discard();
            toDownstream.discard();
        }
    }

    private final class DownstreamSide extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (finished) {
                ((ByteBuf) msg).release();
            } else {
                downstreamRead((ByteBuf) msg);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (toDownstream != null) {
                toDownstream.drain();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (toUpstream != null && upstream.isActive()) {
                toUpstream.sourceClosed();
            } else {
                finish();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private final class UpstreamSide extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (finished || toDownstream == null) {
                ((ByteBuf) msg).release();
            } else {
                toDownstream.accept((ByteBuf) msg);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (toUpstream != null) {
                toUpstream.drain();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (toDownstream != null && downstream.isActive()) {
                toDownstream.sourceClosed();
            } else {
                finish();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
