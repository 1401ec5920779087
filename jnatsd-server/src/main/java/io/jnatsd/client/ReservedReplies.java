package io.jnatsd.client;

import io.jnatsd.protocol.MessageFrame;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reply prefixes that nats-server reserves for its own use and refuses from any client with a
 * permissions error (CLIENT.md §7): {@code _R_.}, {@code $JS.ACK.} and {@code _GR_.}. The
 * gateway one is reserved as a subject too: a client publishing to {@code _GR_.…} (checked
 * against nats-server 2.10.27, with and without gateways, for every user) gets
 * {@code Permissions Violation for Publish to}, so no client can forge a mapped gateway reply.
 */
final class ReservedReplies {
    private static final byte[][] PREFIXES = {
            "_R_.".getBytes(StandardCharsets.US_ASCII),
            "$JS.ACK.".getBytes(StandardCharsets.US_ASCII),
            "_GR_.".getBytes(StandardCharsets.US_ASCII)};

    private ReservedReplies() {
    }

    private static final byte[] GATEWAY_REPLY = PREFIXES[2];

    /** Whether the subject is a mapped gateway reply ({@code _GR_.}, case-sensitive). */
    static boolean isReservedSubject(MessageFrame message) {
        return message.subjectLength() >= GATEWAY_REPLY.length
                && startsWith(message.buffer(), message.subjectStart(), GATEWAY_REPLY);
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
