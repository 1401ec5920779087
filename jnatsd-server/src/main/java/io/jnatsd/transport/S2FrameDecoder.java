package io.jnatsd.transport;

import io.jnatsd.compress.S2FormatException;
import io.jnatsd.compress.S2StreamReader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decompresses a route connection's incoming S2 stream and passes the plain bytes on. A corrupt
 * stream closes this connection only, with a log line; its memory is bounded by the reader's
 * block limit.
 */
public final class S2FrameDecoder extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(S2FrameDecoder.class);

    private final S2StreamReader reader = new S2StreamReader();
    private byte[] scratch = new byte[0];

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        ByteBuf plain = ctx.alloc().heapBuffer(Math.max(256, in.readableBytes() * 2));
        try {
            int length = in.readableBytes();
            if (in.hasArray()) {
                reader.feed(in.array(), in.arrayOffset() + in.readerIndex(), length, plain::writeBytes);
            } else {
                if (scratch.length < length) {
                    scratch = new byte[Math.max(length, scratch.length * 2)];
                }
                in.getBytes(in.readerIndex(), scratch, 0, length);
                reader.feed(scratch, 0, length, plain::writeBytes);
            }
        } catch (S2FormatException e) {
            plain.release();
            LOG.error("{} - corrupt compressed route stream, closing the route: {}", ctx.channel().remoteAddress(),
                    e.getMessage());
            ctx.close();
            return;
        } finally {
            in.release();
        }
        if (plain.isReadable()) {
            ctx.fireChannelRead(plain);
        } else {
            plain.release();
        }
    }
}
