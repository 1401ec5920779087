package io.jnatsd.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;

/** Inflates what the codec deflated, through the codec's own inflater (the tail put back as it does). */
final class MessageCompressionTestSupport {
    private MessageCompressionTestSupport() {
    }

    static String inflate(byte[] payload) {
        MessageCompression compression = new MessageCompression();
        try {
            ByteBuf out = compression.inflate(Unpooled.wrappedBuffer(payload), 1 << 20, UnpooledByteBufAllocator.DEFAULT);
            String text = out.toString(StandardCharsets.UTF_8);
            out.release();
            return text;
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            compression.close();
        }
    }
}
