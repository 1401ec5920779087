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

    /** A payload read, quoted as Go's {@code %q} quotes it. */
    public static String payload(ByteBuf in, int start, int size) {
        return "<<- MSG_PAYLOAD: [" + GoQuote.quote(in, start, start + size) + "]";
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
