package io.jnatsd.link;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Protocol tracing ({@code -V}) of one route, gateway or leaf connection, line for line as
 * nats-server 2.10 traces it: {@code <<- [RMSG $G foo 5]} read, {@code ->> [RS+ $G foo]} written,
 * {@code <-> [DELSUB foo]} interest dropped, each after the link's prefix ({@code 127.0.0.1:4248 -
 * rid:5}). The lines go to the connection kind's own logger.
 *
 * <p>Cost: {@link #on()} is a plain field, refreshed from the logger by the link's event loop when
 * the link starts and once per read batch, so a message written or read with tracing off costs one
 * field read and no logger call. Hazard: a writer on another event loop may see the previous value
 * until that loop's next read batch; a level changed at run time is then picked up a little late,
 * which is all it costs.
 */
public final class LinkTrace {
    private final Logger log;
    private final Supplier<String> prefix;
    private boolean on;

    /**
     * @param log    the connection kind's logger, whose trace level switches tracing
     * @param prefix the link's log prefix ({@code address - rid:N}), asked only when a line is written
     */
    public LinkTrace(Logger log, Supplier<String> prefix) {
        this.log = log;
        this.prefix = prefix;
    }

    /** Reads the logger's level again: when the link starts and at the start of each read batch. */
    public void refresh() {
        on = log.isTraceEnabled();
    }

    public boolean on() {
        return on;
    }

    /** One trace line's text as the parser or connection made it: {@code <<- [PING]}. */
    public void line(String text) {
        log.trace("{} - {}", prefix.get(), text);
    }

    /** {@code ->> [line]}: one protocol line written, without its CRLF. */
    public void sent(String line) {
        line("->> [" + line + "]");
    }

    /** Each CRLF-terminated line of {@code lines} as written: several interest lines sent in one write. */
    public void sentLines(CharSequence lines) {
        int start = 0;
        for (int i = 0; i + 1 < lines.length(); i++) {
            if (lines.charAt(i) == '\r' && lines.charAt(i + 1) == '\n') {
                sent(lines.subSequence(start, i).toString());
                start = i + 2;
                i++;
            }
        }
    }

    /** The message line just encoded into {@code out} at {@code lineStart}: {@code ->> [RMSG $G foo 5]}. */
    public void sentMessage(ByteBuf out, int lineStart) {
        int lineEnd = out.indexOf(lineStart, out.writerIndex(), (byte) '\r');
        sent(out.toString(lineStart, lineEnd - lineStart, StandardCharsets.UTF_8));
    }

    /** {@code <-> [DELSUB key]}: the peer's interest in {@code key} is gone (leaf connections). */
    public void removed(String key) {
        line("<-> [DELSUB " + key + "]");
    }
}
