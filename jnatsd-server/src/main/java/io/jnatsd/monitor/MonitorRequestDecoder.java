package io.jnatsd.monitor;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Frames HTTP/1.x requests on the monitoring port with the limits of nats-server's Go HTTP
 * server, emitting a {@link RequestHead} per request or one {@link RejectedRequest}, after which
 * the rest of the connection's input is ignored (the handler replies and closes):
 * <ul>
 * <li>request line and headers together up to 1 MiB + 4 KiB (Go's default
 * {@code MaxHeaderBytes} plus its read slack), else 431;</li>
 * <li>the head must arrive within 5 s of its first byte (the connection's start for the first
 * request), else the connection closes without a reply, as nats-server's
 * {@code ReadHeaderTimeout} does; an idle keep-alive connection or a slow body has no timer,
 * as there;</li>
 * <li>a body is read and dropped before the request is emitted, as Go drains up to 256 KiB of an
 * unread body before it answers: a longer body, or a chunked body that does not parse, is not
 * read and the reply closes the connection.</li>
 * </ul>
 */
final class MonitorRequestDecoder extends ByteToMessageDecoder {
    static final int MAX_HEAD_BYTES = (1 << 20) + 4096;
    static final long MAX_DRAINED_BODY_BYTES = 256 * 1024;
    static final long HEAD_TIMEOUT_MILLIS = 5000;
    private static final int MAX_CHUNK_LINE_BYTES = 4096;

    private enum State { REQUEST_LINE, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, DISCARD }

    private State state = State.REQUEST_LINE;
    private RequestHeadParser parser;
    private RequestHead head;
    private int headBytes;
    private long remaining;
    private long drained;
    private ScheduledFuture<?> headTimer;

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        startHeadTimer(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void handlerRemoved0(ChannelHandlerContext ctx) {
        stopHeadTimer();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable() && state != State.DISCARD) {
            if (!step(ctx, in, out)) {
                break;
            }
        }
        if (state == State.DISCARD) {
            // also what a refusal left unread: Netty insists that a decode emitting a message reads
            in.skipBytes(in.readableBytes());
        }
    }

    /** One step of the state machine; false when it needs more input. */
    private boolean step(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            switch (state) {
                case REQUEST_LINE, HEADERS -> {
                    return headLine(ctx, in, out);
                }
                case BODY, CHUNK_DATA -> {
                    int skipped = (int) Math.min(remaining, in.readableBytes());
                    in.skipBytes(skipped);
                    remaining -= skipped;
                    if (remaining == 0) {
                        state = state == State.BODY ? complete(out, head) : State.CHUNK_END;
                    }
                    return true;
                }
                default -> {
                    return chunkLine(in, out);
                }
            }
        } catch (RejectedRequest rejected) {
            stopHeadTimer();
            out.add(rejected);
            state = State.DISCARD;
            return false;
        }
    }

    private boolean headLine(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws RejectedRequest {
        if (state == State.REQUEST_LINE && headBytes == 0 && headTimer == null) {
            startHeadTimer(ctx);
        }
        String line = readLine(in, MAX_HEAD_BYTES - headBytes, true);
        if (line == null) {
            return false;
        }
        if (state == State.REQUEST_LINE) {
            parser = new RequestHeadParser();
            parser.requestLine(line);
            state = State.HEADERS;
        } else if (!line.isEmpty()) {
            parser.headerLine(line);
        } else {
            stopHeadTimer();
            headBytes = 0;
            head = parser.finish();
            parser = null;
            startBody(out);
        }
        return true;
    }

    /**
     * The next line without its LF (and a CR before it), at most {@code budget} bytes with the LF;
     * null while incomplete. Head lines count towards the head's limit.
     */
    private String readLine(ByteBuf in, int budget, boolean headLine) throws RejectedRequest {
        int end = in.forEachByte(in.readerIndex(), Math.min(in.readableBytes(), budget), ByteProcessor.FIND_LF);
        if (end < 0) {
            if (in.readableBytes() >= budget) {
                throw headLine ? RejectedRequest.headerTooLarge() : RejectedRequest.badRequest();
            }
            return null;
        }
        int length = end - in.readerIndex();
        if (headLine) {
            headBytes += length + 1;
        }
        if (length > 0 && in.getByte(end - 1) == '\r') {
            length--;
        }
        String line = in.toString(in.readerIndex(), length, StandardCharsets.ISO_8859_1);
        in.readerIndex(end + 1);
        return line;
    }

    private void startBody(List<Object> out) {
        long length = head.contentLength();
        if (length == RequestHead.CHUNKED) {
            drained = 0;
            state = State.CHUNK_SIZE;
        } else if (length > MAX_DRAINED_BODY_BYTES) {
            state = abandonBody(out);
        } else if (length > 0) {
            remaining = length;
            state = State.BODY;
        } else {
            state = complete(out, head);
        }
    }

    /** A chunk-size line, the CRLF after a chunk's data, or a trailer line. */
    private boolean chunkLine(ByteBuf in, List<Object> out) {
        String line;
        try {
            line = readLine(in, MAX_CHUNK_LINE_BYTES, false);
        } catch (RejectedRequest tooLong) {
            state = abandonBody(out);
            return false;
        }
        if (line == null) {
            return false;
        }
        switch (state) {
            case CHUNK_SIZE -> {
                long size = chunkSize(line);
                drained += Math.max(size, 0);
                if (size < 0 || drained > MAX_DRAINED_BODY_BYTES) {
                    state = abandonBody(out);
                } else {
                    remaining = size;
                    state = size == 0 ? State.TRAILER : State.CHUNK_DATA;
                }
            }
            case CHUNK_END -> state = line.isEmpty() ? State.CHUNK_SIZE : abandonBody(out);
            default -> state = line.isEmpty() ? complete(out, head) : State.TRAILER;
        }
        return true;
    }

    /** Hex digits before an optional {@code ;extension}; -1 when that is not what the line is. */
    private static long chunkSize(String line) {
        int semicolon = line.indexOf(';');
        String digits = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
        if (digits.isEmpty() || digits.length() > 15) {
            return -1;
        }
        long size = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = Character.digit(digits.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            size = size << 4 | digit;
        }
        return size;
    }

    private State complete(List<Object> out, RequestHead request) {
        out.add(request);
        head = null;
        return request.keepAlive() ? State.REQUEST_LINE : State.DISCARD;
    }

    /** Answers without reading the body, and closes after the reply. */
    private State abandonBody(List<Object> out) {
        complete(out, head.closing());
        return State.DISCARD;
    }

    private void startHeadTimer(ChannelHandlerContext ctx) {
        headTimer = ctx.executor().schedule(() -> ctx.close(), HEAD_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void stopHeadTimer() {
        if (headTimer != null) {
            headTimer.cancel(false);
            headTimer = null;
        }
    }
}
