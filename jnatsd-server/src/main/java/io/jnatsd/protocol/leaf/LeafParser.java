package io.jnatsd.protocol.leaf;

import io.jnatsd.protocol.FrameParser;
import io.jnatsd.protocol.InboundTrace;
import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.ParserErrorText;
import io.jnatsd.protocol.ProtocolException;
import io.jnatsd.protocol.QueueNames;
import io.jnatsd.protocol.SubjectCache;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The leaf dialect (LEAFNODES.md §1, §7): the route grammar without account and origin tokens, the
 * account being the one bound to the connection. {@code LMSG} carries no header length; headers
 * come as {@code HMSG}. Wrong argument counts close the link without -ERR, as nats-server does.
 */
public final class LeafParser extends FrameParser {
    private static final byte[] LMSG = bytes("LMSG");
    private static final byte[] HMSG = bytes("HMSG");
    private static final byte[] LS_PLUS = bytes("LS+");
    private static final byte[] LS_MINUS = bytes("LS-");
    private static final byte[] PING = bytes("PING");
    private static final byte[] PONG = bytes("PONG");
    private static final byte[] INFO = bytes("INFO");
    private static final byte[] CONNECT = bytes("CONNECT");
    private static final byte[] OK = bytes("+OK");
    private static final byte[] ERR = bytes("-ERR");
    /** What nats-server traces of what a leaf node sends: not INFO, +OK or -ERR. */
    private static final byte[][] TRACED = {LMSG, HMSG, LS_PLUS, LS_MINUS, PING, PONG, CONNECT};

    private final LeafOperations operations;
    private final MessageFrame frame = new MessageFrame();
    private final QueueNames queues = new QueueNames();
    private final SubjectCache subjects = new SubjectCache();

    public LeafParser(LeafOperations operations) {
        super(0);
        this.operations = operations;
    }

    /**
     * Called while handling an INFO: parsing stops right after it, because the peer's bytes after
     * that line are S2-compressed (LEAFNODES.md §11).
     */
    public void stopAfterThisLine() {
        stopAfterCurrentLine();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    protected int controlLine(ByteBuf in, int start, int end) throws ProtocolException {
        int verbEnd = start;
        while (verbEnd < end && in.getByte(verbEnd) != ' ' && in.getByte(verbEnd) != '\t') {
            verbEnd++;
        }
        arguments.split(in, start, verbEnd);
        if (arguments.count() == 0) {
            throw unknownOperation(in, start, 0);
        }
        boolean message = arguments.is(0, LMSG) || arguments.is(0, HMSG);
        boolean interest = arguments.is(0, LS_PLUS) || arguments.is(0, LS_MINUS);
        if (verbEnd == end && (message || interest || arguments.is(0, ERR))) {
            throw unknownOperation(in, verbEnd, ParserErrorText.stateAfter(
                    in.toString(start, verbEnd - start, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT)));
        }
        if (operations.tracing() && !lineSeenBefore()) {
            traceOperation(in, verbEnd, end);
        }
        if (message) {
            boolean headers = arguments.is(0, HMSG);
            arguments.split(in, verbEnd, end);
            return messageLine(in, headers);
        }
        if (arguments.is(0, LS_PLUS)) {
            arguments.split(in, verbEnd, end);
            subscribeLine();
        } else if (arguments.is(0, LS_MINUS)) {
            arguments.split(in, verbEnd, end);
            unsubscribeLine();
        } else if (arguments.is(0, PING)) {
            operations.ping();
        } else if (arguments.is(0, PONG)) {
            operations.pong();
        } else if (arguments.is(0, INFO)) {
            operations.info(rest(in, verbEnd, end));
        } else if (arguments.is(0, CONNECT)) {
            operations.connect(rest(in, verbEnd, end));
        } else if (arguments.is(0, ERR)) {
            operations.error(rest(in, verbEnd, end));
        } else if (!arguments.is(0, OK)) {
            throw unknownOperation(in, start, 0);
        }
        return -1;
    }

    @Override
    protected String kind() {
        return "Leafnode";
    }

    /** {@code <<- [LS+ foo]}: the verb in capitals, its arguments as they came. */
    private void traceOperation(ByteBuf in, int verbEnd, int end) {
        for (byte[] verb : TRACED) {
            if (arguments.is(0, verb)) {
                operations.trace(InboundTrace.operation(new String(verb, StandardCharsets.US_ASCII), in, verbEnd, end));
                return;
            }
        }
    }

    private static String rest(ByteBuf in, int from, int end) {
        while (from < end && (in.getByte(from) == ' ' || in.getByte(from) == '\t')) {
            from++;
        }
        return in.toString(from, end - from, StandardCharsets.UTF_8);
    }

    private ProtocolException parseError(String what) {
        StringBuilder text = new StringBuilder(what).append(": '");
        for (int i = 0; i < arguments.count(); i++) {
            text.append(i == 0 ? "" : " ").append(arguments.string(i));
        }
        return new ProtocolException(null, text.append('\'').toString());
    }

    /** {@code LS+ subject} or {@code LS+ subject queue weight}. */
    private void subscribeLine() throws ProtocolException {
        if (arguments.count() == 1) {
            operations.subscribe(arguments.string(0), null, 1);
        } else if (arguments.count() == 3) {
            // nats-server reads a weight that is not a number as one member and keeps the link
            operations.subscribe(arguments.string(0), arguments.string(1), Math.max(1, arguments.number(2)));
        } else {
            throw parseError("processLeafSub Parse Error");
        }
    }

    /** {@code LS- subject} or {@code LS- subject queue}. */
    private void unsubscribeLine() throws ProtocolException {
        if (arguments.count() < 1 || arguments.count() > 2) {
            throw parseError("processLeafUnsub Parse Error");
        }
        operations.unsubscribe(arguments.string(0), arguments.count() == 2 ? arguments.string(1) : null);
    }

    /** {@code subject [reply | + reply q... | "|" q...] [hdr] size}. */
    private int messageLine(ByteBuf in, boolean withHeaderSize) throws ProtocolException {
        int sizes = withHeaderSize ? 2 : 1;
        int n = arguments.count();
        if (n < 1 + sizes) {
            throw parseError("processLeafMsgArgs Parse Error");
        }
        int middle = n - 1 - sizes;
        int total = arguments.number(n - 1);
        int header = withHeaderSize ? arguments.number(n - 2) : -1;
        if (total < 0 || (withHeaderSize && (header < 0 || header > total))) {
            throw parseError("processLeafMsgArgs Bad or Missing Size");
        }
        queues.clear();
        int replyStart = 0;
        int replyLength = -1;
        if (middle == 1) {
            replyStart = arguments.start(1);
            replyLength = arguments.length(1);
        } else if (middle >= 2) {
            int firstQueue;
            if (arguments.length(1) == 1 && in.getByte(arguments.start(1)) == '+') {
                replyStart = arguments.start(2);
                replyLength = arguments.length(2);
                firstQueue = 3;
            } else if (arguments.length(1) == 1 && in.getByte(arguments.start(1)) == '|') {
                firstQueue = 2;
            } else {
                throw parseError("processLeafMsgArgs Bad or Missing Reply Indicator");
            }
            for (int q = firstQueue; q < n - sizes; q++) {
                queues.add(arguments.string(q));
            }
        }
        frame.point(in, arguments.start(0), arguments.length(0), replyStart, replyLength, header, total);
        return total;
    }

    @Override
    protected void payload(ByteBuf in, int start, int size) throws ProtocolException {
        if (operations.tracing()) {
            operations.trace(InboundTrace.payload(in, start, size, operations.maxTracedMessageLength()));
        }
        frame.payloadAt(in, start, subjects.get(in, frame.subjectStart(), frame.subjectLength()));
        operations.message(frame, queues);
    }
}
