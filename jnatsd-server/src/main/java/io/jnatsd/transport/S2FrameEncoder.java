package io.jnatsd.transport;

import io.jnatsd.compress.S2Level;
import io.jnatsd.compress.S2StreamWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Compresses everything a route connection writes from the moment it is added to the pipeline:
 * each write (one flush of the connection's outbound buffer) becomes complete S2 stream chunks,
 * so the peer can decode it without waiting for more.
 */
public final class S2FrameEncoder extends MessageToByteEncoder<ByteBuf> {
    private final S2StreamWriter writer;
    private byte[] scratch = new byte[0];

    public S2FrameEncoder(S2Level level) {
        super(ByteBuf.class, false);
        this.writer = new S2StreamWriter(level);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf message, ByteBuf out) {
        int length = message.readableBytes();
        if (message.hasArray()) {
            writer.write(message.array(), message.arrayOffset() + message.readerIndex(), length, out::writeBytes);
        } else {
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            message.getBytes(message.readerIndex(), scratch, 0, length);
            writer.write(scratch, 0, length, out::writeBytes);
        }
        message.skipBytes(length);
    }
}
