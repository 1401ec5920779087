package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The client dialect (CLIENT.md §2, §5): PUB, HPUB, SUB, UNSUB, CONNECT, PING, PONG, INFO, +OK
 * and -ERR, verbs case-insensitive. Server-only and route verbs are unknown operations here.
 * Argument-count errors close the connection without -ERR, as nats-server does.
 */
public final class ClientParser extends FrameParser {
    private static final byte[] PUB = bytes("PUB");
    private static final byte[] HPUB = bytes("HPUB");
    private static final byte[] SUB = bytes("SUB");
    private static final byte[] UNSUB = bytes("UNSUB");
    private static final byte[] PING = bytes("PING");
    private static final byte[] PONG = bytes("PONG");
    private static final byte[] CONNECT = bytes("CONNECT");
    private static final byte[] INFO = bytes("INFO");
    private static final byte[] OK = bytes("+OK");
    private static final byte[] ERR = bytes("-ERR");

    private final ClientOperations operations;
    private final MessageFrame frame = new MessageFrame();
    private final SubjectCache subjects = new SubjectCache();

    public ClientParser(int maxControlLine, ClientOperations operations) {
        super(maxControlLine);
        this.operations = operations;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    protected int controlLine(ByteBuf in, int start, int end) throws ProtocolException {
        int verbEnd = start;
        while (verbEnd < end && !ControlLineArguments.isSpace(in.getByte(verbEnd))) {
            verbEnd++;
        }
        checkControlLine(end - verbEnd);
        arguments.split(in, start, verbEnd);
        if (arguments.count() == 0) {
            throw unknown();
        }
        if (arguments.is(0, PUB)) {
            operations.checkAllowed(false);
            return publishLine(in, verbEnd, end, false);
        }
        if (arguments.is(0, HPUB)) {
            operations.checkAllowed(false);
            return publishLine(in, verbEnd, end, true);
        }
        if (arguments.is(0, PING)) {
            operations.checkAllowed(false);
            operations.ping();
        } else if (arguments.is(0, PONG)) {
            operations.checkAllowed(false);
            operations.pong();
        } else if (arguments.is(0, SUB)) {
            operations.checkAllowed(false);
            subscribeLine(in, verbEnd, end);
        } else if (arguments.is(0, UNSUB)) {
            operations.checkAllowed(false);
            unsubscribeLine(in, verbEnd, end);
        } else if (arguments.is(0, CONNECT)) {
            operations.checkAllowed(true);
            operations.connect(rest(in, verbEnd, end));
        } else if (arguments.is(0, ERR)) {
            operations.error(rest(in, verbEnd, end));
        } else if (!arguments.is(0, INFO) && !arguments.is(0, OK)) {
            throw unknown();
        }
        return -1;
    }

    private static ProtocolException unknown() {
        return new ProtocolException(ProtocolError.UNKNOWN_PROTOCOL_OPERATION, "unknown verb");
    }

    private static String rest(ByteBuf in, int from, int end) {
        while (from < end && ControlLineArguments.isSpace(in.getByte(from))) {
            from++;
        }
        return in.toString(from, end - from, StandardCharsets.UTF_8);
    }

    private int publishLine(ByteBuf in, int from, int end, boolean withHeaders) throws ProtocolException {
        arguments.split(in, from, end);
        int n = arguments.count();
        int sizes = withHeaders ? 2 : 1;
        if (n != 1 + sizes && n != 2 + sizes) {
            throw new ProtocolException(null, "publish parse error: wrong number of arguments");
        }
        int total = arguments.number(n - 1);
        int header = withHeaders ? arguments.number(n - 2) : -1;
        if (total < 0 || (withHeaders && (header < 0 || header > total))) {
            throw new ProtocolException(null, "publish parse error: bad or missing size");
        }
        operations.checkPublish(total, withHeaders);
        frame.buffer = in;
        frame.subjectStart = arguments.start(0);
        frame.subjectLength = arguments.length(0);
        if (n == 2 + sizes) {
            frame.replyStart = arguments.start(1);
            frame.replyLength = arguments.length(1);
        } else {
            frame.replyLength = -1;
        }
        frame.headerSize = header;
        frame.totalSize = total;
        return total;
    }

    @Override
    protected void payload(ByteBuf in, int start, int size) throws ProtocolException {
        frame.buffer = in;
        frame.payloadStart = start;
        frame.subject = subjects.get(in, frame.subjectStart, frame.subjectLength);
        operations.publish(frame);
    }

    private void subscribeLine(ByteBuf in, int from, int end) throws ProtocolException {
        arguments.split(in, from, end);
        int n = arguments.count();
        if (n == 2) {
            operations.subscribe(arguments.string(0), null, arguments.string(1));
        } else if (n == 3) {
            operations.subscribe(arguments.string(0), arguments.string(1), arguments.string(2));
        } else {
            throw new ProtocolException(null, "processSub Parse Error");
        }
    }

    private void unsubscribeLine(ByteBuf in, int from, int end) throws ProtocolException {
        arguments.split(in, from, end);
        int n = arguments.count();
        if (n == 1) {
            operations.unsubscribe(arguments.string(0), 0);
        } else if (n == 2) {
            int max = arguments.number(1);
            if (max < 0) {
                throw new ProtocolException(null, "processUnsub Parse Error");
            }
            operations.unsubscribe(arguments.string(0), max);
        } else {
            throw new ProtocolException(null, "processUnsub Parse Error");
        }
    }
}
