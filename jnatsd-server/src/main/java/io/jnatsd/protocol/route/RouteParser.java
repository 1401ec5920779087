package io.jnatsd.protocol.route;

import io.jnatsd.protocol.ControlLineArguments;
import io.jnatsd.protocol.FrameParser;
import io.jnatsd.protocol.InboundTrace;
import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.ParserErrorText;
import io.jnatsd.protocol.ProtocolError;
import io.jnatsd.protocol.ProtocolException;
import io.jnatsd.protocol.QueueNames;
import io.jnatsd.protocol.SubjectCache;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The route dialect (ROUTES.md §1, §5). The grammar of a line depends on the connection: on a
 * connection pinned to one account the account token is absent, so the caller tells the parser
 * via {@link #pinnedTo}; whether LS- carries an origin depends on the peer's {@code lnocu}.
 * No control-line or payload limits apply on routes.
 */
public final class RouteParser extends FrameParser {
    private static final byte[] RMSG = bytes("RMSG");
    private static final byte[] HMSG = bytes("HMSG");
    private static final byte[] LMSG = bytes("LMSG");
    private static final byte[] RS_PLUS = bytes("RS+");
    private static final byte[] RS_MINUS = bytes("RS-");
    private static final byte[] LS_PLUS = bytes("LS+");
    private static final byte[] LS_MINUS = bytes("LS-");
    private static final byte[] PING = bytes("PING");
    private static final byte[] PONG = bytes("PONG");
    private static final byte[] INFO = bytes("INFO");
    private static final byte[] CONNECT = bytes("CONNECT");
    private static final byte[] OK = bytes("+OK");
    private static final byte[] ERR = bytes("-ERR");
    private static final byte[] A_PLUS = bytes("A+");
    private static final byte[] A_MINUS = bytes("A-");
    private static final byte[][] VERBS = {RMSG, HMSG, LMSG, RS_PLUS, RS_MINUS, LS_PLUS, LS_MINUS, PING, PONG, INFO,
        CONNECT, OK, ERR, A_PLUS, A_MINUS};
    /** What nats-server traces of what a route or gateway sends: not INFO, +OK or -ERR. */
    private static final byte[][] TRACED = {RMSG, HMSG, LMSG, RS_PLUS, RS_MINUS, LS_PLUS, LS_MINUS, A_PLUS, A_MINUS,
        PING, PONG, CONNECT};

    private final RouteOperations operations;
    private final MessageFrame frame = new MessageFrame();
    private final QueueNames queues = new QueueNames();
    private final SubjectCache subjects = new SubjectCache();
    private final SubjectCache accounts = new SubjectCache();
    private final SubjectCache origins = new SubjectCache();
    private String pinnedAccount;
    private boolean leafUnsubscribeWithOrigin = true;
    private String messageAccount;
    private String messageOrigin;

    public RouteParser(RouteOperations operations) {
        super(0);
        this.operations = operations;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** From now on lines carry no account token: they all belong to {@code account}. */
    public void pinnedTo(String account) {
        this.pinnedAccount = account;
    }

    /**
     * Called while handling a line: parsing stops right after it, because the peer's bytes after
     * an INFO may be S2-compressed (ROUTES.md §10), or because the line closed the link.
     */
    public void stopAfterThisLine() {
        stopAfterCurrentLine();
    }

    /** Whether the peer sends LS- with an origin (it advertised {@code lnocu}). */
    public void leafUnsubscribeWithOrigin(boolean withOrigin) {
        this.leafUnsubscribeWithOrigin = withOrigin;
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
        if (verbEnd == end && needsArguments()) {
            // nats-server requires the blank after these verbs before it looks at any argument.
            throw unknownOperation(in, verbEnd, ParserErrorText.stateAfter(in.toString(start, verbEnd - start,
                    StandardCharsets.US_ASCII).toUpperCase(java.util.Locale.ROOT)));
        }
        if (operations.tracing() && !lineSeenBefore()) {
            traceOperation(in, verbEnd, end);
        }
        if (arguments.is(0, RMSG)) {
            arguments.split(in, verbEnd, end);
            return messageLine(in, 0, false);
        }
        if (arguments.is(0, HMSG)) {
            arguments.split(in, verbEnd, end);
            return messageLine(in, 0, true);
        }
        if (arguments.is(0, LMSG)) {
            arguments.split(in, verbEnd, end);
            return messageLine(in, 1, true);
        }
        if (arguments.is(0, RS_PLUS)) {
            arguments.split(in, verbEnd, end);
            subscribeLine(0);
        } else if (arguments.is(0, RS_MINUS)) {
            arguments.split(in, verbEnd, end);
            unsubscribeLine(0);
        } else if (arguments.is(0, LS_PLUS)) {
            arguments.split(in, verbEnd, end);
            subscribeLine(1);
        } else if (arguments.is(0, LS_MINUS)) {
            arguments.split(in, verbEnd, end);
            unsubscribeLine(leafUnsubscribeWithOrigin ? 1 : -1);
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
        } else if (arguments.is(0, A_PLUS) || arguments.is(0, A_MINUS)) {
            boolean wanted = arguments.is(0, A_PLUS);
            arguments.split(in, verbEnd, end);
            if (arguments.count() > 0) {
                operations.accountInterest(arguments.string(0), wanted);
            }
        } else if (!arguments.is(0, OK)) {
            throw unknownVerb(in, start, verbEnd);
        }
        return -1;
    }

    private boolean needsArguments() {
        return arguments.is(0, RMSG) || arguments.is(0, HMSG) || arguments.is(0, LMSG)
                || arguments.is(0, RS_PLUS) || arguments.is(0, RS_MINUS) || arguments.is(0, LS_PLUS)
                || arguments.is(0, LS_MINUS) || arguments.is(0, ERR) || arguments.is(0, A_PLUS) || arguments.is(0, A_MINUS);
    }

    /** nats-server fails at the first byte that continues no route verb, in the state its letters reached. */
    private ProtocolException unknownVerb(ByteBuf in, int start, int verbEnd) {
        String token = in.toString(start, verbEnd - start, StandardCharsets.US_ASCII).toUpperCase(java.util.Locale.ROOT);
        String longest = "";
        for (byte[] verb : VERBS) {
            String name = new String(verb, StandardCharsets.US_ASCII);
            int k = 0;
            while (k < name.length() && k < token.length() && name.charAt(k) == token.charAt(k)) {
                k++;
            }
            if (k > longest.length()) {
                longest = name.substring(0, k);
            }
        }
        return unknownOperation(in, start + longest.length(), ParserErrorText.stateAfter(longest));
    }

    @Override
    protected String kind() {
        return "Router";
    }

    /** {@code <<- [RS+ $G foo]}: the verb in capitals, its arguments as they came. */
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

    /** Index of the first token after the account (and origin), or throws when too few tokens. */
    private int accountAndSubject(int originTokens, int minimumAfter, String operation) throws ProtocolException {
        int first = originTokens + (pinnedAccount == null ? 1 : 0);
        if (arguments.count() < first + minimumAfter) {
            throw parseError(operation + " Parse Error");
        }
        return first;
    }

    /** Arguments nats-server cannot take: it closes without -ERR and logs them with the operation. */
    private ProtocolException parseError(String what) {
        StringBuilder text = new StringBuilder(what).append(": '");
        for (int i = 0; i < arguments.count(); i++) {
            text.append(i == 0 ? "" : " ").append(arguments.string(i));
        }
        return new ProtocolException(null, text.append('\'').toString());
    }

    private String account(int originTokens) {
        return pinnedAccount != null ? pinnedAccount : arguments.string(originTokens);
    }

    private void subscribeLine(int originTokens) throws ProtocolException {
        int subject = accountAndSubject(originTokens, 1, "processRemoteSub");
        String origin = originTokens == 1 ? arguments.string(0) : null;
        int extra = arguments.count() - subject - 1;
        if (extra == 0) {
            operations.subscribe(origin, account(originTokens), arguments.string(subject), null, 1);
        } else if (extra == 2) {
            // nats-server reads a weight that is not a number as one member and keeps the route
            operations.subscribe(origin, account(originTokens), arguments.string(subject),
                    arguments.string(subject + 1), Math.max(1, arguments.number(subject + 2)));
        } else {
            throw parseError("processRemoteSub Parse Error");
        }
    }

    /** @param originTokens 1: the origin is the first token; -1: an LS- whose origin the peer does not name */
    private void unsubscribeLine(int originTokens) throws ProtocolException {
        String origin = originTokens == 1 ? arguments.string(0) : originTokens < 0 ? "" : null;
        originTokens = Math.max(0, originTokens);
        int subject = accountAndSubject(originTokens, 1, "processRemoteUnsub");
        int extra = arguments.count() - subject - 1;
        if (extra > 1) {
            throw parseError("processRemoteUnsub Parse Error");
        }
        operations.unsubscribe(origin, account(originTokens), arguments.string(subject),
                extra == 1 ? arguments.string(subject + 1) : null);
    }

    /**
     * RMSG/HMSG/LMSG: {@code [origin] [acc] subject [reply | + reply q... | "|" q...] [hdr] size}.
     */
    private int messageLine(ByteBuf in, int originTokens, boolean withHeaderSize) throws ProtocolException {
        int sizes = withHeaderSize ? 2 : 1;
        int subject = accountAndSubject(originTokens, 1 + sizes, "processRoutedMsgArgs");
        int n = arguments.count();
        int middle = n - subject - 1 - sizes;
        int total = arguments.number(n - 1);
        int header = withHeaderSize ? arguments.number(n - 2) : -1;
        if (total < 0 || (withHeaderSize && (header < 0 || header > total))) {
            throw parseError("processRoutedMsgArgs Bad or Missing Size");
        }
        if (header == 0 && originTokens == 1) {
            header = -1;   // LMSG always carries a header length; 0 means no headers
        }
        queues.clear();
        int replyStart = 0;
        int replyLength = -1;
        if (middle == 1) {
            replyStart = arguments.start(subject + 1);
            replyLength = arguments.length(subject + 1);
        } else if (middle >= 2) {
            int marker = subject + 1;
            int firstQueue;
            if (arguments.length(marker) == 1 && in.getByte(arguments.start(marker)) == '+') {
                replyStart = arguments.start(marker + 1);
                replyLength = arguments.length(marker + 1);
                firstQueue = marker + 2;
            } else if (arguments.length(marker) == 1 && in.getByte(arguments.start(marker)) == '|') {
                firstQueue = marker + 1;
            } else {
                throw parseError("processRoutedMsgArgs Parse Error");
            }
            for (int q = firstQueue; q < n - sizes; q++) {
                queues.add(arguments.string(q));
            }
        }
        // RMSGs mostly repeat one account: cache its String like the subject's.
        messageAccount = pinnedAccount != null ? pinnedAccount
                : accounts.get(in, arguments.start(originTokens), arguments.length(originTokens));
        messageOrigin = originTokens == 1 ? origins.get(in, arguments.start(0), arguments.length(0)) : null;
        frame.point(in, arguments.start(subject), arguments.length(subject), replyStart, replyLength, header, total);
        return total;
    }

    @Override
    protected void payload(ByteBuf in, int start, int size) throws ProtocolException {
        if (operations.tracing()) {
            operations.trace(InboundTrace.payload(in, start, size, operations.maxTracedMessageLength()));
        }
        frame.payloadAt(in, start, subjects.get(in, frame.subjectStart(), frame.subjectLength()));
        operations.message(messageAccount, messageOrigin, frame, queues);
    }
}
