package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * The log text nats-server writes when its parser meets a byte no operation can continue with,
 * e.g. {@code Client parser ERROR, state=30, i=2: proto='"X\r"...'}: its parser state at that
 * byte, the byte's index in the read, and a quoted snippet of the read from there. Parsers log
 * the same so that tools that scan nats-server logs find jnatsd's too.
 */
public final class ParserErrorText {
    /** nats-server's parser state after the letters of a verb read so far (its parserState enum, 2.10). */
    private static final Map<String, Integer> STATE_AFTER = Map.ofEntries(
            Map.entry("", 0), Map.entry("+", 1), Map.entry("+O", 2), Map.entry("+OK", 3),
            Map.entry("-", 4), Map.entry("-E", 5), Map.entry("-ER", 6), Map.entry("-ERR", 7),
            Map.entry("C", 10), Map.entry("CO", 11), Map.entry("CON", 12), Map.entry("CONN", 13),
            Map.entry("CONNE", 14), Map.entry("CONNEC", 15), Map.entry("CONNECT", 16),
            Map.entry("H", 18), Map.entry("HP", 19), Map.entry("HPU", 20), Map.entry("HPUB", 21),
            Map.entry("HM", 24), Map.entry("HMS", 25), Map.entry("HMSG", 26),
            Map.entry("P", 29), Map.entry("PU", 30), Map.entry("PUB", 31), Map.entry("PI", 34),
            Map.entry("PIN", 35), Map.entry("PING", 36), Map.entry("PO", 37), Map.entry("PON", 38),
            Map.entry("PONG", 39),
            Map.entry("S", 43), Map.entry("SU", 44), Map.entry("SUB", 45),
            Map.entry("A", 48), Map.entry("A+", 49), Map.entry("A-", 52),
            Map.entry("L", 55), Map.entry("LS", 56), Map.entry("LS+", 45), Map.entry("LS-", 63),
            Map.entry("LM", 66), Map.entry("LMS", 67), Map.entry("LMSG", 68),
            Map.entry("R", 57), Map.entry("RS", 58), Map.entry("RS+", 45), Map.entry("RS-", 63),
            Map.entry("RM", 66), Map.entry("RMS", 67), Map.entry("RMSG", 68),
            Map.entry("U", 59), Map.entry("UN", 60), Map.entry("UNS", 61), Map.entry("UNSU", 62),
            Map.entry("UNSUB", 63),
            Map.entry("I", 71), Map.entry("IN", 72), Map.entry("INF", 73), Map.entry("INFO", 74));
    /** The state of a payload whose CR is missing, and of one whose LF is. */
    static final int PAYLOAD_END_CR = 41;
    static final int PAYLOAD_END_LF = 42;
    private static final int SNIPPET_BYTES = 32;
    private static final int CONTROL_LINE_SNIPPET_BYTES = 128;

    private ParserErrorText() {
    }

    /** The state after the (upper-cased) verb letters {@code prefix}; 0 for a prefix nats-server has no state for. */
    public static int stateAfter(String prefix) {
        return STATE_AFTER.getOrDefault(prefix, 0);
    }

    /**
     * @param kind {@code Client} or {@code Router}
     * @param at the offending byte's index in {@code in}
     * @param readStart where the read being parsed starts in {@code in}
     */
    public static String of(String kind, int state, ByteBuf in, int at, int readStart) {
        return kind + " parser ERROR, state=" + state + ", i=" + (at - readStart) + ": proto='" + snippet(in, at) + "...'";
    }

    /**
     * nats-server's log text for arguments {@code [from, end)} over {@code max_control_line}, e.g.
     * {@code maximum control line exceeded: State 33, max_control_line 100, Buffer len 0 (snip: "aaa"...)}.
     * The snippet is at most 128 bytes, one short when the arguments are shorter, as nats-server cuts it.
     *
     * @param bufferLength what nats-server had kept from earlier reads: the arguments so far for a
     *     line still arriving, 0 for a complete one
     */
    public static String controlLine(int state, int max, int bufferLength, ByteBuf in, int from, int end) {
        String snippet;
        if (from >= end) {
            snippet = "\"\"";
        } else {
            int stop = from + CONTROL_LINE_SNIPPET_BYTES > end ? end - 1 : from + CONTROL_LINE_SNIPPET_BYTES;
            snippet = GoQuote.quote(in, from, stop);
        }
        return ProtocolError.MAXIMUM_CONTROL_LINE_EXCEEDED.text() + ": State " + state + ", max_control_line " + max
                + ", Buffer len " + bufferLength + " (snip: " + snippet + "...)";
    }

    /** Up to 32 bytes from {@code at}, cut one short at the end of the read as nats-server cuts it, Go-quoted. */
    private static String snippet(ByteBuf in, int at) {
        int end = in.writerIndex();
        if (at >= end) {
            return "\"\"";
        }
        int stop = at + SNIPPET_BYTES > end ? end - 1 : at + SNIPPET_BYTES;
        return GoQuote.quote(in, at, Math.max(at, stop));
    }
}
