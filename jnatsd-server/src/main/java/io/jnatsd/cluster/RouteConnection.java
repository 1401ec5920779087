package io.jnatsd.cluster;

import io.jnatsd.config.GoDuration;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.FlushBatch;
import io.jnatsd.dispatch.RouteLink;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.link.LinkTrace;
import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.ProtocolError;
import io.jnatsd.protocol.ProtocolException;
import io.jnatsd.protocol.QueueNames;
import io.jnatsd.protocol.route.RouteConnect;
import io.jnatsd.protocol.route.RouteInfo;
import io.jnatsd.protocol.route.RouteMessageEncoder;
import io.jnatsd.protocol.route.RouteOperations;
import io.jnatsd.protocol.route.RouteParser;
import io.jnatsd.subject.Subjects;
import io.jnatsd.transport.InputBuffer;
import io.jnatsd.transport.OutboundBuffer;
import io.jnatsd.transport.PeerAddress;
import io.jnatsd.transport.ReadBatchEnd;
import io.jnatsd.transport.S2FrameDecoder;
import io.jnatsd.transport.S2FrameEncoder;
import java.time.Duration;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One route connection to a peer server. The handshake (ROUTES.md §2) differs by role: the
 * solicitor sends CONNECT at once and its INFO only after the acceptor's INFO (the 2.10 order,
 * which 2.9 acceptors accept too); the acceptor sends INFO at once. Once the peer's INFO is
 * validated the connection is registered in its {@link Remote} and receives the initial interest.
 *
 * <p>Threading as for clients: protocol state on the channel's loop; {@link #forward} and
 * {@link #sendInterest} from any loop, through the outbound buffer's monitor.
 */
public final class RouteConnection extends ChannelInboundHandlerAdapter implements RouteOperations, RouteLink {
    private static final Logger LOG = LoggerFactory.getLogger(RouteConnection.class);
    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int RTT_SAMPLES = 3;

    private final Cluster cluster;
    private final long id;
    private final RouteDial dial;
    private final RouteParser parser = new RouteParser(this);
    private final InputBuffer input = new InputBuffer();
    private final Map<String, Subscription> remoteInterest = new ConcurrentHashMap<>();
    private final Instant started = Instant.now();
    private final LinkTrace trace = new LinkTrace(LOG, this::logPrefix);
    private ChannelHandlerContext context;
    private long connectedNanos;
    /** When the latest read arrived, before any of it was processed. */
    private long readArrivedNanos;
    private volatile String compressionMode = RouteCompression.NOT_SUPPORTED;
    /** The peer's bytes after the line being parsed are compressed: switch once the read ends. */
    private boolean readerSwitchPending;
    /** Inside a read batch: between the first channelRead and channelReadComplete. */
    private boolean reading;
    /** The last round trips measured by PING/PONG (s2_auto), on the channel's loop. */
    private final long[] recentRttNanos = new long[RTT_SAMPLES];
    private int rttSamples;
    private java.util.function.Consumer<RouteInfo> onCompressedInfo;
    private Channel channel;
    private OutboundBuffer outbound;
    private RouteKeepAlive keepAlive;
    private RouteInfo remoteInfo;
    private boolean connectReceived;
    /** The server id an accepted connection's CONNECT names, until the INFO confirms it. */
    private volatile String connectingServerId;
    private int poolIndex;
    private String pinnedAccount;
    private volatile boolean registered;
    private volatile boolean headersSupported = true;
    /** The peer reads LS+ and LMSG with a leaf origin ({@code lnoc}, 2.9 and later). */
    private volatile boolean leafOriginSupported;
    private volatile String closeReason;
    /** An error nats-server reports only after the closed line (see {@link #refuseThenReport}). */
    private volatile String errorAfterClose;
    private volatile boolean noReconnect;
    /** "Route connection created" was logged: the closed line will be too. */
    private volatile boolean announced;
    private volatile long inMessages;
    private volatile long inBytes;
    private volatile long lastActivityMillis = System.currentTimeMillis();

    /** @param dial null for an accepted connection */
    RouteConnection(Cluster cluster, long id, RouteDial dial) {
        this.cluster = cluster;
        this.id = id;
        this.dial = dial;
        if (dial != null) {
            this.poolIndex = dial.poolIndex();
            this.pinnedAccount = dial.pinnedAccount();
        }
    }

    // ---- lifecycle -----------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        context = ctx;
        connectedNanos = System.nanoTime();
        trace.refresh();
        outbound = new OutboundBuffer(channel, cluster.options().maxPending());
        outbound.watchStalls(cluster.options().writeDeadline(), this::writeDeadlineExceeded);
        keepAlive = new RouteKeepAlive(this, cluster.routePingIntervalMillis(), cluster.routePingMax());
        if (solicited()) {
            LOG.debug("{} - rid:{} - Route connect msg sent", peer(), id);
            writeRaw(cluster.connectLine(dial.url()).getBytes(StandardCharsets.UTF_8));
        } else {
            writeRaw(cluster.ourInfo().line().getBytes(StandardCharsets.UTF_8));
            cluster.startAuthTimer(this, ctx.executor());
        }
        outbound.flushNow();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf read = (ByteBuf) msg;
        if (closeReason != null) {
            read.release();
            return;
        }
        lastActivityMillis = System.currentTimeMillis();
        readArrivedNanos = System.nanoTime();
        if (!reading) {
            // A stall request left by work outside a read (a timer) is not this connection's.
            FlushBatch.current().takeProducerStall();
            reading = true;
            trace.refresh();   // once a read batch: a logger's level may change at run time
        }
        ByteBuf in = input.append(read);
        try {
            parser.parse(in);
        } catch (ProtocolException e) {
            // One line with nats-server's text, as it logs a route's parse errors.
            LOG.error("{} - rid:{} - {}", peer(), id, e.getMessage());
            if (e.error() != null) {
                sendError(e.error().text());
            }
            close("Parse Error");
        } finally {
            input.keepUnread(ctx.alloc());
        }
        if (readerSwitchPending) {
            startDecompressing();
        }
        ReadBatchEnd.pauseIfStallRequested(ctx);
    }

    /**
     * From here on the peer's bytes are an S2 stream (ROUTES.md §10): a decoder goes in front of
     * this handler, and the bytes that arrived after the negotiating INFO line in the same read
     * are fed to it first, so the switch happens at that exact byte.
     */
    private void startDecompressing() {
        readerSwitchPending = false;
        S2FrameDecoder decoder = new S2FrameDecoder();
        channel.pipeline().addBefore(context.name(), "s2-decoder", decoder);
        ByteBuf rest = input.takeKept();
        if (rest != null) {
            decoder.channelRead(channel.pipeline().context(decoder), rest);
        }
    }

    /**
     * The negotiated compression: called while handling the INFO that decides it. Everything
     * written so far leaves as is, everything after is compressed, and the peer's bytes after
     * this INFO line are decompressed.
     */
    void compressFromNowOn(String mode) {
        compressionMode = mode;
        if (!RouteCompression.compressing(mode)) {
            return;
        }
        outbound.flushNow();
        channel.pipeline().addBefore(context.name(), "s2-encoder", new S2FrameEncoder(RouteCompression.level(mode)));
        parser.stopAfterThisLine();
        readerSwitchPending = true;
    }

    /**
     * {@code s2_auto} re-evaluates its writer level after every PONG (ROUTES.md §10), by the
     * smallest of the last {@value #RTT_SAMPLES} round trips: delays only ever add to a round
     * trip, and one PONG that waited for a busy (or still cold) JVM must not move a loopback route
     * to {@code s2_best}. The first estimate, taken during the handshake, is replaced as soon as
     * the first PONG arrives.
     */
    void roundTripMeasured(long rttNanos) {
        RouteCompression compression = cluster.routeCompression();
        if (!compression.automatic() || !RouteCompression.compressing(compressionMode)) {
            return;
        }
        recentRttNanos[rttSamples++ % RTT_SAMPLES] = rttNanos;
        long smallest = Long.MAX_VALUE;
        for (int i = 0; i < Math.min(rttSamples, RTT_SAMPLES); i++) {
            smallest = Math.min(smallest, recentRttNanos[i]);
        }
        String mode = compression.byRoundTrip(Duration.ofNanos(smallest));
        if (!mode.equals(compressionMode)) {
            outbound.flushNow();
            channel.pipeline().replace("s2-encoder", "s2-encoder", new S2FrameEncoder(RouteCompression.level(mode)));
            compressionMode = mode;
        }
    }

    /**
     * The first round-trip estimate for {@code s2_auto}, as nats-server takes it: from the TCP
     * connection to the peer's INFO. Taken when the INFO's bytes arrived, not when they were
     * processed, so that this server's own start-up (a cold JVM parsing its first INFO) does not
     * count as network distance and push the route to a high level.
     */
    Duration sinceConnected() {
        return Duration.ofNanos(readArrivedNanos - connectedNanos);
    }

    /** This side's writer mode as /routez shows it. */
    public String compressionMode() {
        return compressionMode;
    }

    /**
     * A compressing solicitor waits for the acceptor's compressed INFO (ROUTES.md §10 step 4)
     * before it registers and sends anything else; {@code then} answers it and registers.
     */
    void awaitCompressedInfo(java.util.function.Consumer<RouteInfo> then) {
        onCompressedInfo = then;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        ReadBatchEnd.complete(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (keepAlive != null) {
            keepAlive.stop();
        }
        input.release();
        outbound.close();
        cluster.connectionClosed(this);
        dropRemoteInterest();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A connection already closing (an -ERR read, a refusal) is no longer read by nats-server,
        // so the reset its peer may answer our unread bytes with is never reported there.
        if (closeReason == null) {
            LOG.debug("{} - rid:{} - route error: {}", peer(), id, cause.toString());
        }
        close("Read Error");
    }

    /** Closes from any thread; {@code reason} is what /routez and the log show. */
    void close(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        if (channel == null) {
            return;
        }
        if (channel.eventLoop().inEventLoop()) {
            // As nats-server, nothing after the line that closed the link is read (no PONG to a PING behind it).
            parser.stopAfterThisLine();
        }
        channel.eventLoop().execute(() -> {
            outbound.flushNow();
            channel.close();
        });
    }

    /**
     * Closes, and has {@code error} logged after the closed line: nats-server closes a connection
     * inside some of its CONNECT checks and then reports the check's error as the read's.
     */
    void refuseThenReport(String reason, String error) {
        errorAfterClose = error;
        close(reason);
    }

    /**
     * Logs nats-server's {@code Route connection created}, once. nats-server logs it for every
     * route connection as it starts; jnatsd logs it when the connection registers or a handshake
     * check refuses it, before the check's error, so that a refused route reads as in
     * nats-server's log: created, the error, closed. (A connection closed as a duplicate is still
     * silent here, where nats-server logs both lines.)
     */
    void announce() {
        if (!announced) {
            announced = true;
            LOG.info("{} - rid:{} - Route connection created", peer(), id);
        }
    }

    /** Closes for good: the cluster will not re-dial this slot (self, duplicate, impossible pinning). */
    void closeForGood(String reason) {
        noReconnect = true;
        close(reason);
    }

    void sendError(String text) {
        if (trace.on()) {
            trace.sent("-ERR " + text);
        }
        writeRaw(("-ERR '" + text + "'\r\n").getBytes(StandardCharsets.UTF_8));
        outbound.flushNow();
    }

    // ---- route operations ----------------------------------------------------------------

    @Override
    public void connect(String json) throws ProtocolException {
        if (closeReason != null) {
            return;
        }
        RouteConnect connect = RouteConnect.parse(json);
        connectReceived = true;
        connectingServerId = connect.name;
        cluster.acceptConnect(this, connect);
    }

    @Override
    public void info(String json) throws ProtocolException {
        if (closeReason != null) {
            // Refused (credentials, cluster name ...) while the rest of its read was still being
            // parsed: an INFO that came in the same read as a refused CONNECT must not register
            // the peer, or it would be gossiped to the whole cluster before the close.
            return;
        }
        RouteInfo info = RouteInfo.parse(json);
        if (remoteInfo == null) {
            if (!solicited() && !connectReceived) {
                throw new ProtocolException(ProtocolError.AUTHORIZATION_VIOLATION, "INFO before CONNECT");
            }
            remoteInfo = info;
            parser.leafUnsubscribeWithOrigin(info.lnocu);
            headersSupported = info.headers;
            leafOriginSupported = info.lnoc;
            cluster.firstInfo(this, info);
        } else if (onCompressedInfo != null) {
            java.util.function.Consumer<RouteInfo> then = onCompressedInfo;
            onCompressedInfo = null;
            then.accept(info);
        } else if (registered) {
            cluster.asyncInfo(this, info);
        }
    }

    /** The solicitor's INFO, sent once the acceptor's INFO is validated (2.10 order). */
    void sendOurInfo(RouteInfo ours) {
        writeRaw(ours.line().getBytes(StandardCharsets.UTF_8));
    }

    /** The slot the handshake assigned: pinned account (or null) and pool index. */
    void assignSlot(String pinned, int index) {
        this.pinnedAccount = pinned;
        this.poolIndex = index;
        parser.pinnedTo(pinned);
    }

    /** The handshake completed: from now on the connection carries interest and messages. */
    void registered() {
        registered = true;
        // s2_auto measures the real round trip with a PING at once: the handshake's estimate
        // includes both servers' connection set-up.
        boolean measureNow = cluster.routeCompression().automatic() && RouteCompression.compressing(compressionMode);
        keepAlive.start(channel.eventLoop(), measureNow);
    }

    @Override
    public void ping() {
        if (trace.on()) {
            trace.sent("PONG");
        }
        writeRaw(PONG);
    }

    @Override
    public void pong() {
        keepAlive.pongReceived();
    }

    @Override
    public boolean tracing() {
        return trace.on();
    }

    @Override
    public void trace(String text) {
        trace.line(text);
    }

    @Override
    public int maxTracedMessageLength() {
        return cluster.options().maxTracedMessageLength();
    }

    @Override
    public void error(String text) {
        LOG.error("{} - rid:{} - Route Error {}", peer(), id, text);
        close("Parse Error");
    }

    @Override
    public void subscribe(String origin, String accountName, String subject, String queue, int weight)
            throws ProtocolException {
        if (!carriesTraffic()) {
            return;
        }
        Account account = cluster.account(accountName);
        if (account == null) {
            LOG.debug("Unknown account \"{}\" for remote subject \"{}\"", accountName, subject);
            return;
        }
        if (!cluster.exportAllowed(subject)) {
            LOG.debug("Can not export \"{}\", ignoring remote subscription request", subject);
            return;
        }
        String key = interestKey(origin, accountName, subject, queue);
        Subscription existing = remoteInterest.get(key);
        if (existing != null) {
            int delta = weight - existing.weight();
            existing.weight(weight);
            if (delta != 0) {
                cluster.routeInterestWeightChanged(account, existing, delta);
            }
            return;
        }
        if (!Subjects.isValidSubject(subject) || (queue != null && !Subjects.isValidQueueName(queue))) {
            // nats-server keeps the route: it logs the error and answers this one interest.
            LOG.error("{} - rid:{} - Could not insert subscription: sublist: invalid subject",
                    peer(), id);
            sendError(ProtocolError.INVALID_SUBSCRIPTION.text());
            return;
        }
        Subscription interest = Subscription.remote(this, origin, subject, queue, weight, key);
        remoteInterest.put(key, interest);
        account.subscriptions().insert(interest);
        cluster.routeInterestChanged(account, interest, true);
    }

    @Override
    public void unsubscribe(String origin, String accountName, String subject, String queue)
            throws ProtocolException {
        if (!carriesTraffic()) {
            return;
        }
        Subscription interest = remoteInterest.remove(interestKey(origin, accountName, subject, queue));
        Account account = cluster.account(accountName);
        if (interest != null && account != null && account.subscriptions().remove(interest)) {
            cluster.routeInterestChanged(account, interest, false);
        }
    }

    /**
     * How the peer's interest is keyed: {@code R acc subject[ queue]}, or {@code L origin acc ...} for
     * interest held for a leaf cluster. A peer without {@code lnocu} (2.9) withdraws that without
     * naming the origin, so its leaf interest is keyed with an empty one.
     */
    private String interestKey(String origin, String account, String subject, String queue) {
        StringBuilder key = new StringBuilder(origin == null ? "R " : "L ");
        if (origin != null) {
            key.append(remoteInfo != null && remoteInfo.lnocu ? origin : "").append(' ');
        }
        key.append(account).append(' ').append(subject);
        if (queue != null) {
            key.append(' ').append(queue);
        }
        return key.toString();
    }

    @Override
    public void message(String accountName, MessageFrame message, QueueNames queues) throws ProtocolException {
        message(accountName, null, message, queues);
    }

    @Override
    public void message(String accountName, String origin, MessageFrame message, QueueNames queues)
            throws ProtocolException {
        if (!carriesTraffic()) {
            return;
        }
        inMessages++;
        inBytes += message.totalSize();
        Account account = cluster.account(accountName);
        if (account != null) {
            cluster.router().deliverRouted(account, message, queues, origin, FlushBatch.current());
        }
    }

    /**
     * Whether interest and messages read now count: not once the connection is being closed (a
     * duplicate, a refusal: the rest of its read is dropped), and never before the handshake.
     */
    private boolean carriesTraffic() throws ProtocolException {
        if (closeReason != null) {
            return false;
        }
        if (!registered) {
            throw new ProtocolException(ProtocolError.UNKNOWN_PROTOCOL_OPERATION, "route protocol before handshake");
        }
        return true;
    }

    private void dropRemoteInterest() {
        Map<String, Integer> perAccount = new LinkedHashMap<>();
        for (Subscription interest : remoteInterest.values()) {
            String key = interest.sid();
            int accountStart = key.startsWith("L ") ? key.indexOf(' ', 2) + 1 : 2;
            String accountName = key.substring(accountStart, key.indexOf(' ', accountStart));
            perAccount.merge(accountName, 1, Integer::sum);
            Account account = cluster.account(accountName);
            if (account != null && account.subscriptions().remove(interest)) {
                cluster.routeInterestChanged(account, interest, false);
            }
        }
        remoteInterest.clear();
        if (LOG.isDebugEnabled() && !cluster.shuttingDown()) {
            // nats-server says so when a peer's route goes, not when it is shutting down itself
            perAccount.forEach((account, count) ->
                    LOG.debug("{} - Removing {} subscriptions for account \"{}\"", logPrefix(), count, account));
        }
    }

    // ---- outbound, from any loop -----------------------------------------------------------

    @Override
    public void forward(Account account, MessageFrame message, QueueNames queues, FlushBatch batch) {
        forward(account, message, queues, null, batch);
    }

    /** With an origin for a peer that understands it ({@code lnoc}): {@code LMSG <origin> ...}, else RMSG. */
    @Override
    public void forward(Account account, MessageFrame message, QueueNames queues, byte[] origin, FlushBatch batch) {
        int status;
        synchronized (outbound) {
            ByteBuf out = outbound.buffer();
            if (out == null) {
                return;
            }
            byte[] accountToken = pinnedAccount == null ? account.nameBytes() : null;
            int lineStart = out.writerIndex();
            if (origin != null && leafOriginSupported) {
                RouteMessageEncoder.writeLeafOriginMessage(out, origin, accountToken, message, queues,
                        headersSupported);
            } else {
                RouteMessageEncoder.writeMessage(out, accountToken, message, queues, headersSupported);
            }
            if (trace.on()) {
                trace.sentMessage(out, lineStart);
            }
            status = outbound.appended(message.totalSize());
        }
        // Near the limit the publisher is stalled rather than the route lost: a route is cut
        // only when the peer really stops reading.
        if (!outbound.settle(status, batch)) {
            slowConsumer();
        }
    }

    /**
     * Appends RS+/RS- lines (or an INFO) and flushes them at once: not when the read batch that
     * caused them ends, nor with the batch of a publisher whose messages this route also carries
     * (that batch may have queued this route's flush already and still be reading).
     */
    void sendInterest(String lines) {
        if (appendInterest(lines)) {
            flushInterest();
        }
    }

    /**
     * The first half of {@link #sendInterest}, for a caller that writes the same change to
     * several routes and flushes them afterwards in the order it chooses.
     *
     * @return whether the lines were appended: false before registration or once closed
     */
    boolean appendInterest(String lines) {
        if (!registered) {
            return false;
        }
        synchronized (outbound) {
            ByteBuf out = outbound.buffer();
            if (out == null) {
                return false;
            }
            out.writeCharSequence(lines, StandardCharsets.UTF_8);
        }
        return true;
    }

    /**
     * {@link #appendInterest} for one change of local interest (RS+, RS-, LS+, LS-), traced as
     * nats-server traces it; the initial sync to a new connection is not.
     */
    boolean appendInterestChange(String line) {
        if (!appendInterest(line)) {
            return false;
        }
        if (trace.on()) {
            trace.sentLines(line);
        }
        return true;
    }

    /** The second half of {@link #sendInterest}: writes now on this connection's loop, else hands the flush to it. */
    void flushInterest() {
        outbound.flushSoon();
    }

    /** Whether {@link #flushInterest} writes on the calling thread instead of handing over to another loop. */
    boolean flushesInline() {
        return outbound.flushesInline();
    }

    private void slowConsumer() {
        if (closeReason == null) {
            LOG.info("{} - rid:{} - Slow Consumer Detected: MaxPending of {} Exceeded", peer(), id,
                    cluster.options().maxPending());
            cluster.slowConsumer();
            outbound.close();
            close("Slow Consumer (Pending Bytes)");
        }
    }

    /**
     * The socket took nothing for the whole write deadline (a partitioned or stopped peer):
     * nats-server's line, and the close the second time in a row (see LinkConnection's).
     */
    private void writeDeadlineExceeded(int chunks, long bytes, boolean again) {
        if (closeReason == null) {
            LOG.info("{} - rid:{} - Slow Consumer Detected: WriteDeadline of {} exceeded with {} chunks of {} total bytes.",
                    peer(), id, GoDuration.format(cluster.options().writeDeadline()), chunks, bytes);
            cluster.slowConsumer();
            if (!again) {
                return;
            }
            outbound.close();
            close("Slow Consumer (Write Deadline)");
        }
    }

    void writeRaw(byte[] bytes) {
        synchronized (outbound) {
            ByteBuf out = outbound.buffer();
            if (out == null) {
                return;
            }
            out.writeBytes(bytes);
        }
        FlushBatch.current().add(outbound);
    }

    void sendPing() {
        LOG.debug("{} - Router Ping Timer", logPrefix());
        if (trace.on()) {
            trace.sent("PING");
        }
        writeRaw(PING);
        outbound.flushNow();
    }

    // ---- what the cluster and monitoring read ------------------------------------------------

    /**
     * The line announcing interest held for leaf cluster {@code origin} (null: our own): LS+ with the
     * origin for a peer that understands it, else RS+ (ROUTES.md §5.4).
     */
    String subscribeLine(Account account, String origin, String subject, String queue, int weight) {
        String token = accountToken(account);
        return origin != null && leafOriginSupported
                ? RouteMessageEncoder.leafSubscribeLine(origin, token, subject, queue, weight)
                : RouteMessageEncoder.subscribeLine(token, subject, queue, weight);
    }

    /** The withdrawal matching {@link #subscribeLine}: LS- names the origin only for a peer with {@code lnocu}. */
    String unsubscribeLine(Account account, String origin, String subject, String queue) {
        String token = accountToken(account);
        if (origin == null || !leafOriginSupported) {
            return RouteMessageEncoder.unsubscribeLine(token, subject, queue);
        }
        return RouteMessageEncoder.leafUnsubscribeLine(remoteInfo.lnocu ? origin : null, token, subject, queue);
    }

    /** The account token to write on this connection: none on a pinned one. */
    String accountToken(Account account) {
        return pinnedAccount == null ? account.name() : null;
    }

    /** Whether this connection carries {@code account}'s traffic to its peer. */
    boolean carries(String account) {
        return cluster.carries(this, account);
    }

    public long id() {
        return id;
    }

    public boolean solicited() {
        return dial != null;
    }

    RouteDial dial() {
        return dial;
    }

    RouteUrl dialUrl() {
        return dial == null ? null : dial.url();
    }

    public boolean configured() {
        return dial != null && dial.attemptsLeft() == RouteDial.FOREVER;
    }

    /** The pool slot this connection fills (0 for a pinned or no-pool connection). */
    public int poolIndex() {
        return poolIndex;
    }

    /** The account this connection is dedicated to, or null. */
    public String pinnedAccount() {
        return pinnedAccount;
    }

    boolean isRegistered() {
        return registered;
    }

    boolean announced() {
        return announced;
    }

    String errorAfterClose() {
        return errorAfterClose;
    }

    /**
     * Whether this is a configured route's dial to {@code url} (pool slot 0, not pinned, retried
     * forever) still in its handshake. A pool fill or an implicit dial does not count: it gives
     * up after its attempts, and a re-dial that stood back for it would leave the route for good
     * (a black-holed server's fill was still timing out when its re-dial came).
     */
    boolean dialingFirstTo(RouteUrl url) {
        return dial != null && dial.poolIndex() == 0 && dial.pinnedAccount() == null
                && dial.attemptsLeft() == RouteDial.FOREVER && handshakingWith(null, url);
    }

    /**
     * Whether this connection is still in its handshake with {@code serverId}, or (dialed by us)
     * with whatever listens at {@code url}.
     */
    boolean handshakingWith(String serverId, RouteUrl url) {
        if (registered || closeReason != null) {
            return false;
        }
        if (dial != null) {
            return dial.url().port() == url.port() && dial.url().host().equalsIgnoreCase(url.host());
        }
        return serverId != null && serverId.equals(connectingServerId);
    }

    boolean noReconnect() {
        return noReconnect;
    }

    public RouteInfo remoteInfo() {
        return remoteInfo;
    }

    public InetSocketAddress remoteAddress() {
        return channel == null ? null : (InetSocketAddress) channel.remoteAddress();
    }

    /** The peer as nats-server's log lines name it ({@code ip:port}). */
    public String peer() {
        return PeerAddress.of(remoteAddress());
    }

    /** What nats-server's log lines put before a route's own words: {@code 127.0.0.1:6222 - rid:5}. */
    String logPrefix() {
        return peer() + " - rid:" + id;
    }

    public InetSocketAddress localAddress() {
        return channel == null ? null : (InetSocketAddress) channel.localAddress();
    }

    public Instant started() {
        return started;
    }

    public long lastActivityMillis() {
        return lastActivityMillis;
    }

    public long rttNanos() {
        return keepAlive == null ? -1 : keepAlive.rttNanos();
    }

    public long inMessages() {
        return inMessages;
    }

    public long inBytes() {
        return inBytes;
    }

    public OutboundBuffer outbound() {
        return outbound;
    }

    public Collection<Subscription> remoteInterest() {
        return remoteInterest.values();
    }

    public String closeReason() {
        return closeReason;
    }
}
