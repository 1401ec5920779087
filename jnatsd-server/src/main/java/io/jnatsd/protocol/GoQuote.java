package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Bytes quoted as Go's {@code %q} quotes them (strconv.Quote), for log lines that show protocol
 * input the way nats-server shows it: {@code "1 10\r6"}. Printable UTF-8 stays as it is; quotes,
 * backslashes and control characters are escaped; bytes that are not UTF-8 become {@code \xNN}.
 */
public final class GoQuote {
    private GoQuote() {
    }

    public static String quote(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return quote(bytes, 0, bytes.length);
    }

    public static String quote(ByteBuf in, int from, int to) {
        byte[] bytes = new byte[to - from];
        in.getBytes(from, bytes);
        return quote(bytes, 0, bytes.length);
    }

    private static String quote(byte[] b, int from, int to) {
        StringBuilder out = new StringBuilder(to - from + 2).append('"');
        int i = from;
        while (i < to) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                appendAscii(out, c);
                i++;
                continue;
            }
            int length = sequenceLength(b, i, to);
            if (length == 0) {
                out.append(String.format("\\x%02x", c));
                i++;
                continue;
            }
            String character = new String(b, i, length, StandardCharsets.UTF_8);
            int codePoint = character.codePointAt(0);
            if (Character.isISOControl(codePoint) || !Character.isDefined(codePoint)) {
                out.append(codePoint > 0xffff ? String.format("\\U%08x", codePoint) : String.format("\\u%04x", codePoint));
            } else {
                out.append(character);
            }
            i += length;
        }
        return out.append('"').toString();
    }

    private static void appendAscii(StringBuilder out, int c) {
        switch (c) {
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0b -> out.append("\\v");
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    out.append(String.format("\\x%02x", c));
                } else {
                    out.append((char) c);
                }
            }
        }
    }

    /** The length of a well-formed UTF-8 sequence at {@code i}, or 0. */
    private static int sequenceLength(byte[] b, int i, int to) {
        int c = b[i] & 0xff;
        int length = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
        if (length == 0 || i + length > to) {
            return 0;
        }
        for (int k = 1; k < length; k++) {
            if ((b[i + k] & 0xc0) != 0x80) {
                return 0;
            }
        }
        return length;
    }
}
