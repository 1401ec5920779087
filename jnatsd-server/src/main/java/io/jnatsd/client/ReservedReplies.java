package io.jnatsd.client;

import io.jnatsd.protocol.MessageFrame;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reply prefixes that nats-server reserves for its own use and refuses from any client with a
 * permissions error (CLIENT.md §7): {@code _R_.}, {@code $JS.ACK.} and {@code _GR_.}.
 */
final class ReservedReplies {
    private static final byte[][] PREFIXES = {
            "_R_.".getBytes(StandardCharsets.US_ASCII),
            "$JS.ACK.".getBytes(StandardCharsets.US_ASCII),
            "_GR_.".getBytes(StandardCharsets.US_ASCII)};

    private ReservedReplies() {
    }

    static boolean isReserved(MessageFrame message) {
        ByteBuf buffer = message.buffer();
        for (byte[] prefix : PREFIXES) {
            if (message.replyLength() >= prefix.length && startsWith(buffer, message.replyStart(), prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(ByteBuf buffer, int start, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (buffer.getByte(start + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
