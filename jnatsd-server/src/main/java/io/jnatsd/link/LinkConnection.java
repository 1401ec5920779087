package io.jnatsd.link;

import io.jnatsd.compress.S2Level;
import io.jnatsd.config.GoDuration;
import io.jnatsd.dispatch.FlushBatch;
import io.jnatsd.protocol.ProtocolError;
import io.jnatsd.protocol.ProtocolException;
import io.jnatsd.transport.InputBuffer;
import io.jnatsd.transport.OutboundBuffer;
import io.jnatsd.transport.ReadBatchEnd;
import io.jnatsd.transport.S2FrameDecoder;
import io.jnatsd.transport.S2FrameEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every server-to-server connection does the same way, whatever its dialect: read bytes into
 * the kind's parser, write through one {@link OutboundBuffer}, keep the link alive with PINGs, and
 * close with a reason that monitoring and the log show. A parse error costs only this link.
 *
 * <p>The handshake skeleton: an accepted link sends its INFO at once and must see CONNECT within
 * the auth timeout ({@link #startAuthTimer}); a solicited one waits for the acceptor's INFO. What
 * INFO and CONNECT carry, and who may register, is the kind's ({@link #onActive}, its parser's
 * callbacks). Protocol state lives on the channel's loop; writes may come from any loop, through
 * the outbound buffer's monitor.
 */
public abstract class LinkConnection extends ChannelInboundHandlerAdapter implements LinkKeepAlive.Peer {
    private static final Logger LOG = LoggerFactory.getLogger(LinkConnection.class);
    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String S2_ENCODER = "s2-encoder";

    private final long id;
    private final boolean solicited;
    private final long maxPendingBytes;
    private final InputBuffer input = new InputBuffer();
    private final Instant started = Instant.now();
    /** Traced to the kind's own logger ({@code GatewayConnection}, {@code LeafConnection}), as a client's to its. */
    private final LinkTrace trace = new LinkTrace(LoggerFactory.getLogger(getClass()), this::logPrefix);
    private Channel channel;
    private ChannelHandlerContext context;
    private OutboundBuffer outbound;
    private LinkKeepAlive keepAlive;
    private volatile boolean registered;
    private volatile String closeReason;
    private volatile long inMessages;
    private volatile long inBytes;
    private volatile long lastActivityMillis = System.currentTimeMillis();
    private long connectedNanos;
    /** When the latest read arrived, before any of it was parsed (the first s2_auto round trip). */
    private long readArrivedNanos;
    /** Parsing waits (see {@link #pauseAfterThisLine}); what arrives meanwhile is kept. */
    private boolean paused;
    /** Inside channelRead: a reader switch then waits for the parse to return. */
    private boolean reading;
    /** Between the first channelRead of a read batch and its channelReadComplete. */
    private boolean inReadBatch;
    /** The peer's bytes after the line being parsed are S2-compressed: switch once the parse returns. */
    private boolean readerSwitchPending;

    protected LinkConnection(long id, boolean solicited, long maxPendingBytes) {
        this.id = id;
        this.solicited = solicited;
        this.maxPendingBytes = maxPendingBytes;
    }

    // ---- what each kind supplies --------------------------------------------------------------

    /** Feeds bytes to the kind's parser. */
    protected abstract void parse(ByteBuf in) throws ProtocolException;

    /** The channel is up: an acceptor sends its INFO here, a solicitor waits. */
    protected abstract void onActive();

    /** The channel is gone: unregister, drop remote interest, decide about reconnecting. */
    protected abstract void onClosed();

    /** The log prefix nats-server writes for this kind, e.g. {@code gid}. */
    protected abstract String idLabel();

    /** The kind's name in log lines ("Gateway", "Route", "Leafnode"). */
    protected abstract String kindName();

    /** PING interval and ping_max of this kind. */
    protected abstract long pingIntervalMillis();

    protected abstract int pingMax();

    /** The server's {@code write_deadline}, which nats-server applies to every kind of connection. */
    protected abstract Duration writeDeadline();

    /** Counts a slow consumer of this kind (the monitoring's per-kind figure). */
    protected abstract void countSlowConsumer();

    // ---- Netty --------------------------------------------------------------------------------

    @Override
    public final void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        context = ctx;
        connectedNanos = System.nanoTime();
        trace.refresh();
        outbound = new OutboundBuffer(channel, maxPendingBytes);
        outbound.watchStalls(writeDeadline(), this::writeDeadlineExceeded);
        keepAlive = new LinkKeepAlive(this, pingIntervalMillis(), pingMax());
        onActive();
        outbound.flushNow();
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf read = (ByteBuf) msg;
        if (closeReason != null) {
            read.release();
            return;
        }
        lastActivityMillis = System.currentTimeMillis();
        readArrivedNanos = System.nanoTime();
        if (!inReadBatch) {
            inReadBatch = true;
            trace.refresh();   // once a read batch: a logger's level may change at run time
        }
        ByteBuf in = input.append(read);
        if (paused) {
            input.keepUnread(ctx.alloc());   // a read already under way when reading was paused
            return;
        }
        reading = true;
        try {
            parse(in);
        } catch (ProtocolException e) {
            LOG.error("{} - {} Error {}", logPrefix(), kindName(), e.getMessage());
            if (e.error() != null) {
                sendError(e.error().text());
            }
            close(e.error() == null ? "Parse Error" : "Protocol Violation");
        } finally {
            input.keepUnread(ctx.alloc());
            reading = false;
        }
        if (readerSwitchPending && closeReason == null) {
            startDecompressing();
        }
    }

    @Override
    public final void channelReadComplete(ChannelHandlerContext ctx) {
        inReadBatch = false;
        ReadBatchEnd.complete(ctx);
    }

    @Override
    public final void channelInactive(ChannelHandlerContext ctx) {
        keepAlive.stop();
        input.release();
        outbound.close();
        if (closeReason == null) {
            closeReason = "Client Closed";
        }
        LOG.info("{} - {} connection closed: {}{}", logPrefix(), kindName(), closeReason, closedSuffix());
        onClosed();
    }

    /** What nats-server adds after the close reason in the closed line: nothing, unless a kind says. */
    protected String closedSuffix() {
        return "";
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A link already closing (an -ERR read, a refusal) is no longer read by nats-server, so
        // the reset its peer may answer our unread bytes with is never reported there.
        if (closeReason == null) {
            LOG.debug("{} - {} error: {}", logPrefix(), kindName(), cause.toString());
        }
        close("Read Error");
    }

    // ---- life cycle -----------------------------------------------------------------------------

    /** Arms the acceptor's auth timer: no registration within {@code millis} closes the link. */
    protected final void startAuthTimer(long millis) {
        channel.eventLoop().schedule(() -> {
            if (!registered && closeReason == null) {
                sendError(ProtocolError.AUTHENTICATION_TIMEOUT.text());
                close("Authentication Timeout");
            }
        }, millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code check} on the link's loop after {@code millis} unless the link closed by then: a
     * solicitor's handshake deadlines (e.g. a leaf waiting for the hub's INFO).
     */
    protected final void deadline(long millis, Runnable check) {
        channel.eventLoop().schedule(() -> {
            if (closeReason == null) {
                check.run();
            }
        }, millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The handshake completed: the link now carries interest and messages, and is pinged. */
    protected final void markRegistered() {
        registered = true;
        keepAlive.start(channel.eventLoop());
    }

    /** Closes from any thread; the first reason given is the one shown. */
    public final void close(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        if (channel == null) {
            return;
        }
        channel.eventLoop().execute(() -> {
            outbound.flushNow();
            channel.close();
        });
    }

    /**
     * The socket took nothing for the whole write deadline: nats-server's line, and its close
     * reason when it happens twice in a row. nats-server keeps a route, gateway or leaf whose
     * timed-out write got some bytes out (as the first one into a filling socket does) and closes
     * it when the next gets none, so a black-holed peer's link closes after two deadlines with
     * two lines, each counted as a slow consumer as nats-server counts them. Like nats-server,
     * nothing more is written to the peer (it is not reading anyway).
     */
    private void writeDeadlineExceeded(int chunks, long bytes, boolean again) {
        if (closeReason == null) {
            LOG.info("{} - Slow Consumer Detected: WriteDeadline of {} exceeded with {} chunks of {} total bytes.",
                    logPrefix(), GoDuration.format(writeDeadline()), chunks, bytes);
            countSlowConsumer();
            if (!again) {
                return;
            }
            outbound.close();
            close("Slow Consumer (Write Deadline)");
        }
    }

    @Override
    public final void sendPing() {
        LOG.debug("{} - {} Ping Timer", logPrefix(), kindName());
        if (trace.on()) {
            trace.sent("PING");
        }
        writeRaw(PING);
        outbound.flushNow();
    }

    /** The answer to the peer's PING. */
    protected final void sendPong() {
        if (trace.on()) {
            trace.sent("PONG");
        }
        writeRaw(PONG);
    }

    @Override
    public final void stale() {
        sendError(ProtocolError.STALE_CONNECTION.text());
        close("Stale Connection");
    }

    protected final void pongReceived() {
        keepAlive.pongReceived();
    }

    // ---- S2 compression (ROUTES.md §10 framing), on the link's loop ------------------------------

    /**
     * The name of a framing handler the link's bytes pass through (a websocket codec), or null.
     * S2 then goes under that framing, next to the socket: nats-server compresses a websocket leaf
     * connection's frames, not the protocol inside them.
     */
    protected String framingHandler() {
        return null;
    }

    /** Where the S2 handlers go: before the framing when there is one, else right before this link. */
    private String compressionPlace() {
        String framing = framingHandler();
        return framing != null && channel.pipeline().get(framing) != null ? framing : context.name();
    }

    /** Everything written from now on is compressed at {@code level}; what was written before leaves as is. */
    protected final void startCompressing(S2Level level) {
        outbound.flushNow();
        channel.pipeline().addBefore(compressionPlace(), S2_ENCODER, new S2FrameEncoder(level));
    }

    /** The writer's level changes (s2_auto following the round trip). */
    protected final void changeCompression(S2Level level) {
        if (channel.pipeline().get(S2_ENCODER) != null) {
            outbound.flushNow();
            channel.pipeline().replace(S2_ENCODER, S2_ENCODER, new S2FrameEncoder(level));
        }
    }

    /**
     * The peer's bytes after the line being handled are compressed. Called inside a read, the
     * kind's parser is stopped after this line and the switch happens at that byte once the parse
     * returns; called outside a read (after a TLS handshake) it happens at once.
     */
    protected final void decompressAfterThisLine(Runnable stopParserAfterThisLine) {
        readerSwitchPending = true;
        if (reading) {
            stopParserAfterThisLine.run();
        } else {
            startDecompressing();
        }
    }

    private void startDecompressing() {
        readerSwitchPending = false;
        S2FrameDecoder decoder = new S2FrameDecoder();
        String place = compressionPlace();
        channel.pipeline().addBefore(place, "s2-decoder", decoder);
        ByteBuf rest = input.takeKept();
        if (rest == null) {
            return;
        }
        if (!place.equals(context.name()) && rest.isReadable()) {
            // unframed already: the peer sent more after the line that switches, which it never does
            rest.release();
            close("Parse Error");
            return;
        }
        decoder.channelRead(channel.pipeline().context(decoder), rest);
    }

    /**
     * Called inside a read, while handling a line: parsing stops after it and reading pauses, the
     * bytes behind it kept unparsed, until {@link #resumeReading} (on this loop). For a CONNECT
     * that must wait for something fetched elsewhere, without holding the event loop.
     */
    protected final void pauseAfterThisLine(Runnable stopParserAfterThisLine) {
        paused = true;
        channel.config().setAutoRead(false);
        stopParserAfterThisLine.run();
    }

    /** Parses what arrived while paused, then reads on. On this connection's loop. */
    protected final void resumeReading() {
        paused = false;
        if (closeReason != null || !channel.isActive()) {
            return;
        }
        channel.config().setAutoRead(true);
        ByteBuf kept = input.takeKept();
        if (kept != null) {
            channelRead(context, kept);
        }
        channelReadComplete(context);
    }

    /** From the TCP connection to the arrival of the latest read: nats-server's first round-trip estimate. */
    protected final Duration sinceConnected() {
        return Duration.ofNanos(readArrivedNanos - connectedNanos);
    }

    /** The channel, for the kind's TLS and compression set-up on the link's loop. */
    protected final Channel channel() {
        return channel;
    }

    // ---- writing, from any loop -------------------------------------------------------------------

    public final void sendError(String text) {
        if (trace.on()) {
            trace.sent("-ERR " + text);
        }
        writeRaw(("-ERR '" + text + "'\r\n").getBytes(StandardCharsets.UTF_8));
        outbound.flushNow();
    }

    /** Appends bytes; they leave with the current read batch. */
    protected final void writeRaw(byte[] bytes) {
        synchronized (outbound) {
            ByteBuf out = outbound.buffer();
            if (out == null) {
                return;
            }
            out.writeBytes(bytes);
        }
        FlushBatch.current().add(outbound);
    }

    /** Appends protocol lines and flushes them at once (interest and INFO are not batched by reads). */
    protected final void writeLines(CharSequence lines) {
        synchronized (outbound) {
            ByteBuf out = outbound.buffer();
            if (out == null) {
                return;
            }
            out.writeCharSequence(lines, StandardCharsets.UTF_8);
        }
        if (outbound.queueFlush()) {
            outbound.flushQueued();
        }
    }

    protected final void countIn(int bytes) {
        inMessages++;
        inBytes += bytes;
    }

    // ---- protocol tracing (-V), in nats-server's words ---------------------------------------------

    /** Whether protocol lines are traced now: the kind's parser asks before each operation it reads. */
    public final boolean tracing() {
        return trace.on();
    }

    /** One trace line's text from the kind's parser: {@code <<- [LS+ foo]}. */
    public final void trace(String text) {
        trace.line(text);
    }

    /** The server's {@code max_traced_msg_len} now, for the kind's parser tracing a payload. */
    public abstract int maxTracedMessageLength();

    /** The link's tracer, for what the kind writes (messages, interest) and drops. */
    protected final LinkTrace linkTrace() {
        return trace;
    }

    // ---- what the kind and monitoring read ----------------------------------------------------------

    public final String logPrefix() {
        InetSocketAddress remote = remoteAddress();
        String address = remote == null ? "-" : remote.getAddress().getHostAddress() + ":" + remote.getPort();
        return address + " - " + idLabel() + ":" + id;
    }

    public final long id() {
        return id;
    }

    public final boolean solicited() {
        return solicited;
    }

    public final boolean registered() {
        return registered;
    }

    public final String closeReason() {
        return closeReason;
    }

    public final OutboundBuffer outbound() {
        return outbound;
    }

    public final InetSocketAddress remoteAddress() {
        return channel == null ? null : (InetSocketAddress) channel.remoteAddress();
    }

    /** The TLS version in Go's words ({@code 1.3}); null on a plain connection. */
    public final String tlsVersion() {
        return io.jnatsd.transport.tls.TlsPeer.version(channel);
    }

    /** The TLS cipher suite; null on a plain connection. */
    public final String tlsCipherSuite() {
        return io.jnatsd.transport.tls.TlsPeer.cipherSuite(channel);
    }

    public final Instant started() {
        return started;
    }

    public final long lastActivityMillis() {
        return lastActivityMillis;
    }

    public final long rttNanos() {
        return keepAlive == null ? -1 : keepAlive.rttNanos();
    }

    public final long inMessages() {
        return inMessages;
    }

    public final long inBytes() {
        return inBytes;
    }
}
