package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of nats-server's trace lines for what a connection read ({@code -V}), shared by the
 * client, route and leaf parsers: {@code <<- [RMSG $G foo 5]}, {@code <<- MSG_PAYLOAD: ["hi"]}.
 * Only built when tracing is on.
 */
public final class InboundTrace {
    /**
     * nats-server's pattern for the password in a traced CONNECT (2.10.27): the first match's value
     * becomes {@code [REDACTED]}, quoted or not, up to a quote, comma or brace, so {@code "p\"q"}
     * leaves {@code "[REDACTED]"q"} as it does.
     */
    private static final Pattern PASSWORD = Pattern.compile("\"?\\s*pass\\S*?\"?\\s*[:=]\\s*\"?(([^\",\\r\\n}])*)");

    private InboundTrace() {
    }

    /**
     * {@code <<- [VERB arguments]}, or {@code <<- [VERB]} without any; the arguments as they came
     * from {@code from} (past the blanks after the verb) to the line's end.
     */
    public static String operation(String verb, ByteBuf in, int from, int end) {
        while (from < end && (in.getByte(from) == ' ' || in.getByte(from) == '\t')) {
            from++;
        }
        if (from >= end) {
            return "<<- [" + verb + "]";
        }
        String arguments = in.toString(from, end - from, StandardCharsets.UTF_8);
        return "<<- [" + verb + " " + ("CONNECT".equals(verb) ? withoutPassword(arguments) : arguments) + "]";
    }

    /**
     * A payload read (a message's headers and body, as they came), quoted as Go's {@code %q} quotes
     * it: {@code <<- MSG_PAYLOAD: ["hello"]}. A payload longer than {@code maxLength} bytes, when
     * that is above 0 ({@code max_traced_msg_len}), is cut as nats-server 2.10 cuts it: the quoted
     * text of its first {@code maxLength} bytes, itself cut to {@code maxLength} bytes after the
     * opening quote, then {@code ...}: {@code ["hello..."]}, {@code ["a\nb\..."]}.
     */
    public static String payload(ByteBuf in, int start, int size, int maxLength) {
        if (maxLength <= 0 || size <= maxLength) {
            return "<<- MSG_PAYLOAD: [" + GoQuote.quote(in, start, start + size) + "]";
        }
        String quoted = GoQuote.quote(in, start, start + maxLength);
        return "<<- MSG_PAYLOAD: [\"" + utf8Prefix(quoted, 1, maxLength) + "...\"]";
    }

    /**
     * The characters of {@code text} from {@code from} that fill {@code bytes} bytes of UTF-8.
     * nats-server cuts bytes, so its cut may fall inside a character and log a broken UTF-8
     * sequence; a Java string cannot hold that, so the piece becomes U+FFFD, which is what a UTF-8
     * reader of nats-server's log sees there.
     */
    private static String utf8Prefix(String text, int from, int bytes) {
        StringBuilder out = new StringBuilder(bytes);
        int i = from;
        while (bytes > 0) {
            int codePoint = text.codePointAt(i);
            int length = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (length > bytes) {
                out.append('\uFFFD');
                break;
            }
            out.appendCodePoint(codePoint);
            bytes -= length;
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }

    /** A CONNECT's JSON with its password replaced, as nats-server traces it. */
    static String withoutPassword(String json) {
        if (!json.contains("pass")) {
            return json;
        }
        Matcher matcher = PASSWORD.matcher(json);
        if (!matcher.find()) {
            return json;
        }
        return json.substring(0, matcher.start(1)) + "[REDACTED]" + json.substring(matcher.end(1));
    }
}
