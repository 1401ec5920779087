package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Remembers the last subject a connection published to, so a stream of messages on one subject
 * (the common case) turns its bytes into a String once instead of once per message.
 */
public final class SubjectCache {
    private byte[] bytes = new byte[0];
    private ByteBuf wrapped = Unpooled.EMPTY_BUFFER;
    private String value;

    public String get(ByteBuf in, int start, int length) {
        if (value != null && length == bytes.length && sameBytes(in, start, length)) {
            return value;
        }
        byte[] copy = new byte[length];
        in.getBytes(start, copy);
        bytes = copy;
        wrapped = Unpooled.wrappedBuffer(copy);
        value = new String(copy, StandardCharsets.UTF_8);
        return value;
    }

    /** A word-at-a-time comparison (Netty's), not one checked read per byte. */
    private boolean sameBytes(ByteBuf in, int start, int length) {
        return ByteBufUtil.equals(in, start, wrapped, 0, length);
    }
}
