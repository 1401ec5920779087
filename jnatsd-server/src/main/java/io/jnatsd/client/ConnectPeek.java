package io.jnatsd.client;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Looks at a client's first bytes, before they are parsed, for a complete {@code CONNECT} line,
 * so a connection can wait for its account to be fetched before its CONNECT is handled. Reads
 * without moving the buffer's indexes; the parser still does the real work afterwards.
 */
final class ConnectPeek {
    private static final byte[] VERB = "CONNECT".getBytes(StandardCharsets.US_ASCII);

    /** What the first line of the buffer is. */
    enum Line { INCOMPLETE, CONNECT, OTHER }

    private ConnectPeek() {
    }

    static Line first(ByteBuf in, int maxLine) {
        int start = in.readerIndex();
        int end = in.indexOf(start, Math.min(in.writerIndex(), start + maxLine + VERB.length + 2), (byte) '\n');
        if (end < 0) {
            return in.readableBytes() > maxLine + VERB.length + 2 ? Line.OTHER : Line.INCOMPLETE;
        }
        if (end - start <= VERB.length) {
            return Line.OTHER;
        }
        for (int i = 0; i < VERB.length; i++) {
            if (Character.toUpperCase(in.getByte(start + i)) != VERB[i]) {
                return Line.OTHER;
            }
        }
        byte blank = in.getByte(start + VERB.length);
        return blank == ' ' || blank == '\t' ? Line.CONNECT : Line.OTHER;
    }

    /** The JSON of a complete first CONNECT line ({@link #first} said {@code CONNECT}). */
    static String json(ByteBuf in) {
        int start = in.readerIndex() + VERB.length;
        int end = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (end > start && in.getByte(end - 1) == '\r') {
            end--;
        }
        return in.toString(start, end - start, StandardCharsets.UTF_8).trim();
    }
}
