package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Framing shared by client and route connections: control lines ending in {@code \n} (a
 * preceding {@code \r} dropped), some followed by a payload of a size the line announces and a
 * mandatory {@code \r\n}.
 *
 * <p>Contract: {@link #parse} consumes every complete frame in the buffer and leaves an
 * incomplete one unread, so the caller keeps the unread bytes and calls again when more arrive;
 * input split at any byte boundary therefore parses identically. Payloads are handed out as
 * positions in the caller's buffer and never copied here. A split payload frame is parsed twice:
 * once to learn (and check) its size, and again once all its bytes are present, because the
 * caller may move the unread bytes between reads.
 */
public abstract class FrameParser {
    private static final int VERB_ALLOWANCE = 8;

    /** Maximum argument length of a control line; 0 disables the check (routes). */
    private final int maxControlLine;
    /** Whole length of a payload frame waiting for its last bytes, 0 when none. */
    private int pendingFrameLength;
    /** Where the search for the line end continues (relative to the reader index). */
    private int scannedLength;
    /** Set by a line handler: parsing pauses after the current line (the byte stream changes). */
    private boolean stopRequested;
    protected final ControlLineArguments arguments = new ControlLineArguments();

    protected FrameParser(int maxControlLine) {
        this.maxControlLine = maxControlLine;
    }

    /** Where the current {@link #parse} call started, for error texts that count from there. */
    private int readStart;

    /** nats-server's name for this kind of connection in parser errors: {@code Client}, {@code Router}. */
    protected abstract String kind();

    /** Where the current read starts in the buffer being parsed. */
    protected final int readStart() {
        return readStart;
    }

    /** An unknown operation at byte {@code at}, logged as nats-server logs it. */
    protected final ProtocolException unknownOperation(ByteBuf in, int at, int goState) {
        return new ProtocolException(ProtocolError.UNKNOWN_PROTOCOL_OPERATION,
                ParserErrorText.of(kind(), goState, in, at, readStart), at);
    }

    /**
     * How far into {@code in} nats-server's byte-by-byte parser had read when it met {@code e}
     * from {@link #parse}: past the byte it failed at, else past the end of the line being parsed
     * (all of {@code in} for a line still arriving). The reader index is still at that line's start.
     */
    public static int errorEnd(ByteBuf in, ProtocolException e) {
        if (e.at() >= 0) {
            return e.at() + 1;
        }
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        return lf < 0 ? in.writerIndex() : lf + 1;
    }

    public final void parse(ByteBuf in) throws ProtocolException {
        readStart = in.readerIndex();
        while (in.isReadable()) {
            int readable = in.readableBytes();
            if (pendingFrameLength > 0 && readable < pendingFrameLength) {
                checkPartialTerminator(in, pendingFrameLength);
                return;
            }
            int lineStart = in.readerIndex();
            int lf = in.indexOf(lineStart + scannedLength, in.writerIndex(), (byte) '\n');
            if (lf < 0) {
                scannedLength = readable;
                partialLine(in, lineStart, in.writerIndex());
                return;
            }
            scannedLength = 0;
            int lineEnd = lf > lineStart && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            int payloadSize = controlLine(in, lineStart, lineEnd);
            if (payloadSize < 0) {
                in.readerIndex(lf + 1);
                if (stopRequested) {
                    stopRequested = false;
                    return;
                }
                continue;
            }
            int payloadStart = lf + 1;
            int frameLength = payloadStart - lineStart + payloadSize + 2;
            if (readable < frameLength) {
                pendingFrameLength = frameLength;
                checkPartialTerminator(in, frameLength);
                return;
            }
            pendingFrameLength = 0;
            int crlf = payloadStart + payloadSize;
            if (in.getByte(crlf) != '\r') {
                throw unknownOperation(in, crlf, ParserErrorText.PAYLOAD_END_CR);
            }
            if (in.getByte(crlf + 1) != '\n') {
                throw unknownOperation(in, crlf + 1, ParserErrorText.PAYLOAD_END_LF);
            }
            payload(in, payloadStart, payloadSize);
            in.readerIndex(crlf + 2);
        }
    }

    /**
     * A payload frame is still incomplete: if the byte where its CR belongs has arrived and is
     * something else, the frame is already wrong, and nats-server says so without waiting.
     */
    private void checkPartialTerminator(ByteBuf in, int frameLength) throws ProtocolException {
        int cr = in.readerIndex() + frameLength - 2;
        if (cr < in.writerIndex() && in.getByte(cr) != '\r') {
            throw unknownOperation(in, cr, ParserErrorText.PAYLOAD_END_CR);
        }
    }

    /**
     * Called when a read ends inside a control line {@code [start, end)} (no LF yet), so limits can
     * be enforced before the line is complete. The default refuses lines much longer than the limit.
     */
    protected void partialLine(ByteBuf in, int start, int end) throws ProtocolException {
        if (maxControlLine > 0 && end - start > maxControlLine + VERB_ALLOWANCE) {
            throw new ProtocolException(ProtocolError.MAXIMUM_CONTROL_LINE_EXCEEDED, "control line too long");
        }
    }

    /**
     * Handles one control line {@code [start, end)} (without line terminator).
     *
     * @return the payload size that follows the line, or -1 when the line is complete in itself
     */
    protected abstract int controlLine(ByteBuf in, int start, int end) throws ProtocolException;

    /** Handles the payload of the last control line that announced one. */
    protected abstract void payload(ByteBuf in, int start, int size) throws ProtocolException;

    /**
     * Whether the line being handled was handled before: a payload frame split across reads is
     * parsed again once complete (see the class comment), and what must happen once per line, such
     * as its trace, is skipped the second time.
     */
    protected final boolean lineSeenBefore() {
        return pendingFrameLength > 0;
    }

    /**
     * Makes {@link #parse} return right after the line being handled, leaving every later byte
     * unread: the caller switches how those bytes are read (route compression starts there).
     */
    protected final void stopAfterCurrentLine() {
        stopRequested = true;
    }

    /**
     * Where a line's arguments end, as nats-server reads them: once it has seen a CR among the
     * arguments (after their first byte), it drops the byte before the LF, whatever that byte is,
     * so {@code UNSUB 1 10\r6\n} means {@code UNSUB 1 10}. {@code end} is where this parser cut
     * the line: at its LF, or at the CR right before it (already dropped).
     */
    protected static int argumentsEnd(ByteBuf in, int argumentsStart, int end) {
        boolean crDropped = in.getByte(end) == '\r';
        if (!crDropped && argumentsStart + 1 < end && in.indexOf(argumentsStart + 1, end, (byte) '\r') >= 0) {
            return end - 1;
        }
        return end;
    }

    /** The limit on the argument part of a control line; 0 when none. */
    protected final int maxControlLine() {
        return maxControlLine;
    }
}
