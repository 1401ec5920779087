package io.jnatsd.transport;

import io.jnatsd.compress.S2FormatException;
import io.jnatsd.compress.S2StreamReader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decompresses a route connection's incoming S2 stream and passes the plain bytes on, at most
 * about {@value #PASS_ON_BYTES} bytes (plus one block) per {@code channelRead}.
 *
 * <p>Back-pressure: a few compressed bytes can decode to megabytes (a 1 MiB block of repeated
 * messages compresses to a few dozen bytes), so stopping the socket is not enough. When the
 * handler behind turns auto-read off (a local consumer is filling up), decoding stops after
 * the current piece and the undecoded bytes wait here; they are decoded first when reading
 * resumes ({@link #read}). A corrupt stream closes this connection only, with a log line.
 */
public final class S2FrameDecoder extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(S2FrameDecoder.class);
    static final int PASS_ON_BYTES = 64 * 1024;
    private static final int SLICE_BYTES = 64 * 1024;

    private final S2StreamReader reader = new S2StreamReader();
    private ChannelHandlerContext context;
    /** Compressed bytes received but not decoded yet; null when there are none. */
    private ByteBuf pending;
    /** Decoded bytes not passed on yet; null when there are none. */
    private ByteBuf plain;
    private byte[] scratch = new byte[0];

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (pending == null) {
            pending = in;
        } else {
            // Pooled direct memory, as socket reads are: a chunk split across two reads is joined
            // often on a busy route, and Netty does not pool heap buffers (each would be garbage).
            ByteBuf joined = ctx.alloc().directBuffer(pending.readableBytes() + in.readableBytes());
            joined.writeBytes(pending).writeBytes(in);
            pending.release();
            in.release();
            pending = joined;
        }
        decodeWhileReading(ctx);
    }

    /** Reading resumes: what waited here goes first, and the socket is read only once it is all through. */
    @Override
    public void read(ChannelHandlerContext ctx) {
        if (pending != null) {
            decodeWhileReading(ctx);
            ctx.fireChannelReadComplete();
        }
        if (pending == null) {
            ctx.read();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseBuffers();
    }

    private void decodeWhileReading(ChannelHandlerContext ctx) {
        try {
            while (pending != null && pending.isReadable() && ctx.channel().config().isAutoRead()) {
                decodeSlice(ctx);
            }
        } catch (S2FormatException e) {
            releaseBuffers();
            LOG.error("{} - corrupt compressed route stream, closing the route: {}", ctx.channel().remoteAddress(),
                    e.getMessage());
            ctx.close();
            return;
        }
        passOn(ctx);
        if (pending != null && !pending.isReadable()) {
            pending.release();
            pending = null;
        }
    }

    /** Decodes block by block from up to one slice of the pending bytes, passing on every {@value #PASS_ON_BYTES}. */
    private void decodeSlice(ChannelHandlerContext ctx) throws S2FormatException {
        int length = Math.min(pending.readableBytes(), SLICE_BYTES);
        byte[] array;
        int offset;
        if (pending.hasArray()) {
            array = pending.array();
            offset = pending.arrayOffset() + pending.readerIndex();
        } else {
            if (scratch.length < length) {
                scratch = new byte[SLICE_BYTES];
            }
            pending.getBytes(pending.readerIndex(), scratch, 0, length);
            array = scratch;
            offset = 0;
        }
        int used = 0;
        try {
            while (used < length) {
                used += reader.feedOneBlock(array, offset + used, length - used, this::append);
                if (plain != null && plain.readableBytes() >= PASS_ON_BYTES) {
                    passOn(ctx);
                    if (!ctx.channel().config().isAutoRead()) {
                        return;
                    }
                }
            }
        } finally {
            pending.skipBytes(used);
        }
    }

    private void append(byte[] bytes, int offset, int length) {
        if (plain == null) {
            // Direct, as socket reads are: the parser and the delivery code behind see one kind
            // of buffer whether or not the route compresses, so the JIT compiles them for one.
            plain = context.alloc().directBuffer(Math.max(PASS_ON_BYTES, length));
        }
        plain.writeBytes(bytes, offset, length);
    }

    private void passOn(ChannelHandlerContext ctx) {
        if (plain != null) {
            ByteBuf out = plain;
            plain = null;
            ctx.fireChannelRead(out);
        }
    }

    private void releaseBuffers() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        if (plain != null) {
            plain.release();
            plain = null;
        }
    }
}
