package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Remembers the last subject a connection published to, so a stream of messages on one subject
 * (the common case) turns its bytes into a String once instead of once per message.
 */
public final class SubjectCache {
    private byte[] bytes = new byte[0];
    private String value;

    public String get(ByteBuf in, int start, int length) {
        if (value != null && length == bytes.length && sameBytes(in, start, length)) {
            return value;
        }
        byte[] copy = new byte[length];
        in.getBytes(start, copy);
        bytes = copy;
        value = new String(copy, StandardCharsets.UTF_8);
        return value;
    }

    private boolean sameBytes(ByteBuf in, int start, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (in.getByte(start + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
