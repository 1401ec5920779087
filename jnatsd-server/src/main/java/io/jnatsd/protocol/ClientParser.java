package io.jnatsd.protocol;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The client dialect (CLIENT.md §2, §5) with nats-server's byte-level rules, applied per line:
 * <ul>
 *   <li>a verb is recognised by its letters (any case) and refused at the first byte that cannot
 *       continue any verb, even before the line ends ({@code PUX} fails at once);</li>
 *   <li>PUB, HPUB, SUB, UNSUB and -ERR need a blank after the verb ({@code PUB\r\n} is an unknown
 *       operation); CONNECT and INFO take whatever follows ({@code CONNECT{}} works); PING, PONG
 *       and +OK ignore the rest of their line ({@code PINGX} is a PING);</li>
 *   <li>while a CONNECT is awaited with auth required, a line must start with C;</li>
 *   <li>{@code max_control_line} limits the arguments (after the verb and its blanks) of lines
 *       that have them, also while a line is still arriving;</li>
 *   <li>argument-count errors close the connection without -ERR.</li>
 * </ul>
 * Server-only and route verbs are unknown operations here, except HMSG, which nats-server half
 * accepts (see {@link #orphanMessageLine}).
 */
public final class ClientParser extends FrameParser {
    /**
     * The tail of a PING, PONG or +OK line, and the blanks after a verb, are not limited by
     * nats-server, which streams over them; we keep a partial line in memory, so an unterminated
     * one is refused beyond this size (a deliberate difference that bounds memory).
     */
    private static final int UNCHECKED_PARTIAL_LINE_LIMIT = 64 * 1024;
    private static final Verb[] VERBS = Verb.values();

    /** What follows a verb's letters. */
    private enum Tail {
        /** At least one blank, then arguments. */
        BLANK_THEN_ARGUMENTS,
        /** Optional blanks, then arguments. */
        ARGUMENTS,
        /** Anything up to the line end, ignored. */
        IGNORED
    }

    /** Client verbs; none is a prefix of another, so the first that fits is the one. */
    private enum Verb {
        PUB("PUB", Tail.BLANK_THEN_ARGUMENTS, 33),
        HPUB("HPUB", Tail.BLANK_THEN_ARGUMENTS, 23),
        HMSG("HMSG", Tail.BLANK_THEN_ARGUMENTS, 28),
        SUB("SUB", Tail.BLANK_THEN_ARGUMENTS, 47),
        UNSUB("UNSUB", Tail.BLANK_THEN_ARGUMENTS, 65),
        PING("PING", Tail.IGNORED, 0),
        PONG("PONG", Tail.IGNORED, 0),
        CONNECT("CONNECT", Tail.ARGUMENTS, 17),
        INFO("INFO", Tail.ARGUMENTS, 75),
        OK("+OK", Tail.IGNORED, 0),
        ERR("-ERR", Tail.BLANK_THEN_ARGUMENTS, 9);

        final byte[] name;
        final Tail tail;
        /** nats-server's parser state while it reads this verb's arguments (its *_ARG state, 2.10). */
        final int argumentsState;

        Verb(String name, Tail tail, int argumentsState) {
            this.name = name.getBytes(StandardCharsets.US_ASCII);
            this.tail = tail;
            this.argumentsState = argumentsState;
        }
    }

    private final ClientOperations operations;
    private final MessageFrame frame = new MessageFrame();
    private final SubjectCache subjects = new SubjectCache();

    public ClientParser(int maxControlLine, ClientOperations operations) {
        super(maxControlLine);
        this.operations = operations;
    }

    @Override
    protected int controlLine(ByteBuf in, int start, int end) throws ProtocolException {
        operations.checkAllowed(startsWithC(in, start, end));
        Verb verb = verb(in, start, end, true);
        int from = argumentsStart(in, verb, start, end, true);
        if (verb.tail == Tail.ARGUMENTS && from == end && in.getByte(end) == '\r') {
            end++;   // nats-server starts a CONNECT's or INFO's arguments at the CR of "CONNECT\r\n": they are "\r"
        }
        if (verb.tail != Tail.IGNORED) {
            end = argumentsEnd(in, from, end);
            checkControlLine(verb, in, from, end, false);
        }
        if (operations.tracing() && !lineSeenBefore()) {
            traceOperation(verb, in, from, end);
        }
        switch (verb) {
            case PUB:
                return publishLine(in, from, end, false);
            case HPUB:
                return publishLine(in, from, end, true);
            case HMSG:
                return orphanMessageLine(in);
            case SUB:
                subscribeLine(in, from, end);
                break;
            case UNSUB:
                unsubscribeLine(in, from, end);
                break;
            case PING:
                operations.ping();
                break;
            case PONG:
                operations.pong();
                break;
            case CONNECT:
                operations.connect(in.toString(from, end - from, StandardCharsets.UTF_8));
                break;
            case INFO:
                checkInfo(in.toString(from, end - from, StandardCharsets.UTF_8));
                break;
            case ERR:
                operations.error(in.toString(from, end - from, StandardCharsets.UTF_8));
                break;
            default:
                break;
        }
        return -1;
    }

    @Override
    protected void partialLine(ByteBuf in, int start, int end) throws ProtocolException {
        operations.checkAllowed(startsWithC(in, start, end));
        Verb verb = verb(in, start, end, false);
        if (verb == null) {
            return;
        }
        if (verb.tail != Tail.IGNORED) {
            int from = argumentsStart(in, verb, start, end, false);
            if (from >= 0) {
                // A CR at the very end may be the start of the line end: it does not count.
                int argumentsEnd = in.getByte(end - 1) == '\r' ? end - 1 : end;
                checkControlLine(verb, in, from, argumentsEnd, true);
                return;
            }
        }
        if (end - start > UNCHECKED_PARTIAL_LINE_LIMIT) {
            throw new ProtocolException(ProtocolError.MAXIMUM_CONTROL_LINE_EXCEEDED, "unterminated " + verb);
        }
    }

    /**
     * The arguments {@code [from, end)} against {@code max_control_line}, refused in nats-server's
     * words: the state, the limit, the length it had buffered from earlier reads (a line still
     * arriving; 0 for a complete one) and a snippet of the arguments.
     */
    private void checkControlLine(Verb verb, ByteBuf in, int from, int end, boolean partial) throws ProtocolException {
        int max = maxControlLine();
        if (max > 0 && end - from > max) {
            throw new ProtocolException(ProtocolError.MAXIMUM_CONTROL_LINE_EXCEEDED,
                    ParserErrorText.controlLine(verb.argumentsState, max, partial ? end - from : 0, in, from, end));
        }
    }

    private static boolean startsWithC(ByteBuf in, int start, int end) {
        if (start == end) {
            return false;
        }
        byte first = in.getByte(start);
        return first == 'C' || first == 'c';
    }

    /**
     * The verb {@code [start, end)} begins with. On a partial line, null while the bytes so far
     * could still become a verb; otherwise an unknown-operation error.
     */
    private Verb verb(ByteBuf in, int start, int end, boolean complete) throws ProtocolException {
        int available = end - start;
        for (Verb verb : VERBS) {
            int compared = Math.min(verb.name.length, available);
            if (sameLettersIgnoringCase(in, start, verb.name, compared)) {
                if (compared == verb.name.length) {
                    return verb;
                }
                if (!complete) {
                    return null;
                }
            }
        }
        throw unknownVerb(in, start, end);
    }

    /** No verb fits: nats-server fails at the first byte that continues none, in the state its letters reached. */
    private ProtocolException unknownVerb(ByteBuf in, int start, int end) {
        int matched = 0;
        Verb longest = null;
        for (Verb verb : VERBS) {
            int k = 0;
            while (k < verb.name.length && start + k < end && sameLettersIgnoringCase(in, start + k, verb.name, k, 1)) {
                k++;
            }
            if (k > matched) {
                matched = k;
                longest = verb;
            }
        }
        String letters = longest == null ? "" : new String(longest.name, 0, matched, StandardCharsets.US_ASCII);
        return unknownOperation(in, start + matched, ParserErrorText.stateAfter(letters));
    }

    private static boolean sameLettersIgnoringCase(ByteBuf in, int at, byte[] upperName, int nameIndex, int length) {
        for (int k = 0; k < length; k++) {
            int b = in.getByte(at + k);
            if (b >= 'a' && b <= 'z') {
                b -= 'a' - 'A';
            }
            if (b != upperName[nameIndex + k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameLettersIgnoringCase(ByteBuf in, int start, byte[] upperName, int length) {
        for (int k = 0; k < length; k++) {
            int b = in.getByte(start + k);
            if (b >= 'a' && b <= 'z') {
                b -= 'a' - 'A';
            }
            if (b != upperName[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the verb's arguments start: after its letters and the blanks that follow. On a partial
     * line, -1 while only blanks have arrived so far.
     */
    private int argumentsStart(ByteBuf in, Verb verb, int start, int end, boolean complete)
            throws ProtocolException {
        int i = start + verb.name.length;
        if (verb.tail == Tail.BLANK_THEN_ARGUMENTS) {
            if (i == end) {
                if (complete) {
                    throw unknownOperation(in, i, ParserErrorText.stateAfter(new String(verb.name, StandardCharsets.US_ASCII)));
                }
                return -1;
            }
            if (!ControlLineArguments.isSpace(in.getByte(i))) {
                throw unknownOperation(in, i, ParserErrorText.stateAfter(new String(verb.name, StandardCharsets.US_ASCII)));
            }
        }
        while (i < end && ControlLineArguments.isSpace(in.getByte(i))) {
            i++;
        }
        return i == end && !complete ? -1 : i;
    }

    /** Arguments nats-server cannot take: it closes without -ERR and logs them quoted. */
    private static ProtocolException parseError(String what, ByteBuf in, int from, int end) {
        return new ProtocolException(null, what + ": " + GoQuote.quote(in, from, end));
    }

    @Override
    protected String kind() {
        return "Client";
    }

    /** A client's INFO is ignored, but nats-server reads it and closes on JSON it cannot take. */
    private static void checkInfo(String json) throws ProtocolException {
        try {
            JsonNode info = InfoReader.READER.readTree(json);
            if (info == null) {
                throw new ProtocolException(null, "unexpected end of JSON input");
            }
            if (!(info.isObject() || info.isNull())) {
                String kind = info.isArray() ? "array" : info.isTextual() ? "string" : info.isBoolean() ? "bool" : "number";
                throw new ProtocolException(null, "json: cannot unmarshal " + kind + " into Go value of type server.Info");
            }
        } catch (IOException e) {
            throw new ProtocolException(null, GoJsonErrors.describe(e, json, "Info"));
        }
    }

    private int publishLine(ByteBuf in, int from, int end, boolean withHeaders) throws ProtocolException {
        arguments.split(in, from, end);
        int n = arguments.count();
        int sizes = withHeaders ? 2 : 1;
        String operation = withHeaders ? "processHeaderPub" : "processPub";
        if (n != 1 + sizes && n != 2 + sizes) {
            throw parseError(operation + " Parse Error", in, from, end);
        }
        int total = arguments.number(n - 1);
        int header = withHeaders ? arguments.number(n - 2) : -1;
        if (withHeaders && header < 0) {
            throw parseError(operation + " Bad or Missing Header Size", in, from, end);
        }
        if (total < 0) {
            throw parseError(operation + (withHeaders ? " Bad or Missing Total Size" : " Bad or Missing Size"), in, from, end);
        }
        if (header > total) {
            // nats-server's spelling.
            throw parseError(operation + " Header Size larger then TotalSize", in, from, end);
        }
        operations.checkPublish(total, withHeaders);
        if (!lineSeenBefore() && operations.checksPublishSubjects()) {
            operations.publishSubject(subjects.get(in, arguments.start(0), arguments.length(0)));
        }
        frame.buffer = in;
        frame.subjectStart = arguments.start(0);
        frame.subjectLength = arguments.length(0);
        if (n == 2 + sizes) {
            frame.replyStart = arguments.start(1);
            frame.replyLength = arguments.length(1);
        } else {
            frame.replyLength = -1;
        }
        // An empty header block is no header at all: nats-server delivers it as a plain MSG.
        frame.headerSize = header > 0 ? header : -1;
        frame.totalSize = total;
        frame.totalSizeStart = arguments.start(n - 1);
        frame.totalSizeLength = arguments.length(n - 1);
        frame.headerSizeStart = withHeaders ? arguments.start(n - 2) : 0;
        frame.headerSizeLength = withHeaders ? arguments.length(n - 2) : 0;
        return total;
    }

    /**
     * nats-server reads a client's HMSG line as the start of a message it has no arguments for:
     * whatever the line says, an empty payload must follow, and the message has no subject (so it
     * reaches nobody, but a verbose client gets +OK).
     */
    private int orphanMessageLine(ByteBuf in) {
        frame.set(in, null, 0, 0, 0, -1, -1, 0, 0);
        return 0;
    }

    @Override
    protected void payload(ByteBuf in, int start, int size) throws ProtocolException {
        frame.buffer = in;
        frame.payloadStart = start;
        frame.subject = subjects.get(in, frame.subjectStart, frame.subjectLength);
        if (operations.tracing()) {
            operations.trace(InboundTrace.payload(in, start, size, operations.maxTracedMessageLength()));
        }
        operations.publish(frame);
    }

    /**
     * nats-server's trace of an operation read: {@code <<- [PUB foo 2]}, {@code <<- [PING]}. Only
     * the operations it traces; the arguments as they came (a CONNECT's password redacted), the
     * verb in capitals.
     */
    private void traceOperation(Verb verb, ByteBuf in, int from, int end) {
        switch (verb) {
            case PUB, HPUB, SUB, UNSUB, CONNECT ->
                operations.trace(InboundTrace.operation(new String(verb.name, StandardCharsets.US_ASCII), in, from, end));
            case PING -> operations.trace("<<- [PING]");
            case PONG -> operations.trace("<<- [PONG]");
            default -> {
                // nats-server traces nothing else a client sends
            }
        }
    }

    private void subscribeLine(ByteBuf in, int from, int end) throws ProtocolException {
        arguments.split(in, from, end, true);
        int n = arguments.count();
        if (n == 2) {
            operations.subscribe(arguments.string(0), null, arguments.string(1));
        } else if (n == 3) {
            operations.subscribe(arguments.string(0), arguments.string(1), arguments.string(2));
        } else {
            throw parseError("processSub Parse Error", in, from, end);
        }
    }

    private void unsubscribeLine(ByteBuf in, int from, int end) throws ProtocolException {
        arguments.split(in, from, end, true);
        int n = arguments.count();
        if (n == 1) {
            operations.unsubscribe(arguments.string(0), 0);
        } else if (n == 2) {
            // A malformed max reads as -1, which nats-server treats as "unsubscribe now".
            operations.unsubscribe(arguments.string(0), arguments.number(1));
        } else {
            throw parseError("processUnsub Parse Error", in, from, end);
        }
    }

    /**
     * The reader of the rare INFO a client sends, built with the first one: built with the parser,
     * it put the JSON mapper's set-up (tens of milliseconds in a fresh JVM) between a fresh
     * server's first client and its INFO (docs/STARTUP.md).
     */
    private static final class InfoReader {
        static final ObjectReader READER = GoJson.compact().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
