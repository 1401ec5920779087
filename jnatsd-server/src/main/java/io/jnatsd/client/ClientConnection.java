package io.jnatsd.client;

import io.jnatsd.auth.AuthResult;
import io.jnatsd.auth.ClientLimits;
import io.jnatsd.auth.ConnectAttempt;
import io.jnatsd.auth.Nonces;
import io.jnatsd.auth.ClientPermissions;
import io.jnatsd.config.GoDuration;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.FlushBatch;
import io.jnatsd.dispatch.Subscriber;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.protocol.ClientOperations;
import io.jnatsd.protocol.ClientParser;
import io.jnatsd.protocol.ConnectOptions;
import io.jnatsd.protocol.FrameParser;
import io.jnatsd.protocol.GoQuote;
import io.jnatsd.protocol.MessageEncoder;
import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.ProtocolError;
import io.jnatsd.protocol.ProtocolException;
import io.jnatsd.subject.Subjects;
import io.jnatsd.transport.InputBuffer;
import io.jnatsd.transport.NatsServerReads;
import io.jnatsd.transport.OutboundBuffer;
import io.jnatsd.transport.PeerAddress;
import io.jnatsd.transport.ReadBatchEnd;
import io.jnatsd.transport.tls.TlsPeer;
import io.jnatsd.transport.websocket.WebsocketProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: protocol state, subscriptions and the outbound buffer. Everything but
 * {@link #deliver} runs on the channel's event loop; deliver may run on any loop and touches
 * only the outbound buffer (under its monitor) and thread-safe fields.
 */
public final class ClientConnection extends ChannelInboundHandlerAdapter implements ClientOperations, Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    /** nats-server's close reason for a client that closed, or that the server closed for it to reconnect. */
    private static final String CLIENT_CLOSED = "Client Closed";
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    /** How nats-server's log and close reason tell a {@code -ERR} the client sent. */
    private static final String CLIENT_ERROR = "Client Error ";
    /** A queue group nats-server keeps for its own services; clients may not join it. */
    private static final String SYSTEM_QUEUE_GROUP = "_sys_";
    private static final byte[] NO_RESPONDERS_HEADER = "NATS/1.0 503\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** How long a producer pauses reading after a read brought a consumer near its max_pending. */

    private final ClientEnvironment environment;
    /** Speaks through WebSocket frames (the frames are handled ahead of this handler in the pipeline). */
    private final boolean websocket;
    private final ClientParser parser;
    private final InputBuffer input = new InputBuffer();
    /** Whether the close ends in a reset, as nats-server's would (used on the connection's loop). */
    private final NatsServerReads natsServerReads = new NatsServerReads();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final ConnectionStatistics statistics = new ConnectionStatistics();
    private final Instant started = Instant.now();
    private Channel channel;
    private OutboundBuffer outbound;
    private KeepAlive keepAlive;
    private long id;
    private volatile ConnectOptions connect = ConnectOptions.DEFAULTS;
    private boolean connectReceived;
    /** Read by monitoring and the system account's user info from their own threads. */
    private volatile AuthResult identity;
    /** The nonce sent in INFO for NKey and JWT users to sign; null when none was sent. */
    private String nonce;
    private ClientPermissions permissions;
    /** What the account (and user JWT) allow beyond permissions; set when bound. */
    private ClientLimits limits = ClientLimits.NONE;
    private Account account;
    private volatile String closeReason;
    /**
     * An error line logged after the closed line: nats-server closes the connection for some
     * errors (max_control_line, a CONNECT's protocol checks) before its read loop logs the error
     * they return. Set and read on the connection's loop.
     */
    private String errorAfterClose;
    /**
     * Whether protocol lines are traced ({@code -V}): read from the logger when the connection
     * starts and once per read batch, so that the message path asks no logger per message.
     */
    private boolean trace;
    private int connectUrlsVersionSeen;
    private boolean firstPingAnswered;
    private volatile boolean asyncInfoReady;
    /** Between the first channelRead of a read batch and its channelReadComplete. */
    private boolean reading;
    /** The CONNECT was looked at for an account to fetch (once per connection). */
    private boolean accountChecked;
    /** Reading is paused while the CONNECT's account is fetched; reads that still arrive are kept. */
    private boolean awaitingAccount;

    public ClientConnection(ClientEnvironment environment) {
        this(environment, false);
    }

    public ClientConnection(ClientEnvironment environment, boolean websocket) {
        this.environment = environment;
        this.websocket = websocket;
        this.parser = new ClientParser(environment.options().maxControlLine(), this);
    }

    // ---- lifecycle -----------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        trace = LOG.isTraceEnabled();
        outbound = new OutboundBuffer(channel, environment.options().maxPending());
        // A frozen reader with little traffic never fills the channel to unwritable: the socket
        // taking nothing for write_deadline closes it too, as nats-server's blocked write does.
        outbound.watchStalls(environment.options().writeDeadline(), (chunks, bytes, again) -> writeDeadlineExceeded());
        boolean admitted = environment.register(this);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} - {}:{} - Client connection created", PeerAddress.of(remoteAddress()), idTag(), id);
        }
        connectUrlsVersionSeen = environment.connectUrlsVersion();
        // Hazard: with client TLS, exactly the first write (this INFO, flushed below) goes out in clear.
        nonce = environment.nonceRequired() ? Nonces.next() : null;
        writeRaw(environment.infoLine(this, nonce));
        if (!admitted) {
            refuseOverMaxConnections();
            return;
        }
        if (environment.authRequired()) {
            long timeoutMillis = environment.options().authorization().timeout().toMillis();
            ctx.executor().schedule(this::authTimeout, timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } else {
            account = environment.account(io.jnatsd.dispatch.Account.GLOBAL);
        }
        keepAlive = new KeepAlive(this, environment.options());
        keepAlive.start(ctx.executor());
        outbound.flushNow();
    }

    private void authTimeout() {
        if (!connectReceived && channel.isActive()) {
            // nats-server's order: the -ERR, its debug line, then the close.
            sendError(ProtocolError.AUTHENTICATION_TIMEOUT);
            debug(ProtocolError.AUTHENTICATION_TIMEOUT.text());
            outbound.flushNow();
            close("Authentication Timeout");
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf read = (ByteBuf) msg;
        if (closeReason != null) {
            natsServerReads.read(read.readableBytes());
            read.release();
            return;
        }
        keepAlive.clientActive();
        if (!reading) {
            // A stall request left by work outside a read (a timer) is not this connection's.
            FlushBatch.current().takeProducerStall();
            reading = true;
            trace = LOG.isTraceEnabled();   // once a read batch: a logger's level may change at run time
        }
        int readLength = read.readableBytes();
        ByteBuf in = input.append(read);
        if (awaitingAccount || (!accountChecked && awaitAccount(ctx, in))) {
            input.keepUnread(ctx.alloc());
            return;
        }
        try {
            parser.parse(in);
        } catch (ProtocolException e) {
            natsServerReads.stop(readLength, FrameParser.errorEnd(in, e) - (in.writerIndex() - readLength));
            protocolFailure(e);
        } finally {
            natsServerReads.read(readLength);
            input.keepUnread(ctx.alloc());
        }
    }

    /**
     * A first CONNECT whose user JWT names an account this server does not know yet: reading
     * stops, the bytes stay unparsed, and parsing resumes on this loop once the resolver's fetch
     * ends (the auth timer keeps running, as nats-server's does while it fetches).
     */
    private boolean awaitAccount(ChannelHandlerContext ctx, ByteBuf in) {
        if (connectReceived || !environment.fetchesAccounts()) {
            accountChecked = true;
            return false;
        }
        ConnectPeek.Line line = ConnectPeek.first(in, environment.options().maxControlLine());
        if (line == ConnectPeek.Line.INCOMPLETE) {
            return false;
        }
        accountChecked = true;
        if (line != ConnectPeek.Line.CONNECT) {
            return false;
        }
        java.util.concurrent.CompletableFuture<Boolean> lookup;
        try {
            lookup = environment.accountLookup(ConnectOptions.parse(ConnectPeek.json(in)));
        } catch (ProtocolException | RuntimeException e) {
            return false; // the parser reports the bad CONNECT
        }
        if (lookup == null || lookup.isDone()) {
            return false;
        }
        awaitingAccount = true;
        ctx.channel().config().setAutoRead(false);
        lookup.whenComplete((known, e) -> ctx.executor().execute(() -> accountLookedUp(ctx)));
        return true;
    }

    private void accountLookedUp(ChannelHandlerContext ctx) {
        awaitingAccount = false;
        if (closeReason != null || !ctx.channel().isActive()) {
            return;
        }
        ctx.channel().config().setAutoRead(true);
        ByteBuf kept = input.takeKept();
        if (kept != null) {
            channelRead(ctx, kept);
            channelReadComplete(ctx);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        ReadBatchEnd.complete(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        keepAlive.writabilityChanged(ctx.channel().isWritable());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (keepAlive != null) {
            keepAlive.stop();
        }
        input.release();
        if (outbound != null) {
            outbound.close();
        }
        if (closeReason == null) {
            closeReason = CLIENT_CLOSED;
        }
        // nats-server's order: the closed line, then each subscription's removal (before the
        // LS-/RS- it causes), then an error its read loop still had to log.
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} - {}:{} - Client connection closed: {}", PeerAddress.of(remoteAddress()), idTag(), id,
                    closeReason);
        }
        if (account != null) {
            for (Subscription subscription : subscriptions.values()) {
                if (trace) {
                    trace("<-> [DELSUB " + subscription.sid() + "]");
                }
                removeFromIndex(subscription);
            }
        }
        environment.unregister(this);
        if (errorAfterClose != null) {
            logError(errorAfterClose);
            errorAfterClose = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // nats-server logs nothing of its own for a failed read (a reset, a timeout): the closed
        // line's "Read Error" says it.
        if (cause instanceof WebsocketProtocolException) {
            logError("read error: " + cause.getMessage());   // nats-server's line for broken websocket framing
        }
        close("Read Error");
    }

    /**
     * Answers input the parser refused in nats-server's order of -ERR, error line and closed line,
     * which depends on where nats-server meets the error: credentials and payload size are logged
     * before the -ERR; a CONNECT's protocol checks and max_control_line close the connection
     * before the error is logged; everything else (an unknown operation) sends the -ERR, logs,
     * then closes.
     */
    private void protocolFailure(ProtocolException e) {
        ProtocolError error = e.error();
        if (error == null) {
            logError(e.getMessage());
            close(closedState(e));
            return;
        }
        switch (error) {
            case AUTHORIZATION_VIOLATION, MAXIMUM_PAYLOAD_VIOLATION, MAXIMUM_ACCOUNT_CONNECTIONS_EXCEEDED -> {
                logError(e.getMessage());
                fail(error, closedState(e));
            }
            case MAXIMUM_CONTROL_LINE_EXCEEDED, INVALID_CLIENT_PROTOCOL, NO_RESPONDERS_REQUIRES_HEADERS -> {
                errorAfterClose = e.getMessage();
                fail(error, closedState(e));
            }
            default -> {
                fail(error, closedState(e));   // closes on a later turn of the loop: the line still comes first
                logError(e.getMessage());
            }
        }
    }

    /**
     * nats-server's name for why a connection closed on this error (its ClosedState, shown by
     * {@code /connz?state=closed} and the debug line), not the error's own text.
     */
    private static String closedState(ProtocolException e) {
        if (e.error() == null) {
            return e.getMessage().startsWith(CLIENT_ERROR) ? "Parse Error" : "Protocol Violation";
        }
        return switch (e.error()) {
            case UNKNOWN_PROTOCOL_OPERATION -> "Protocol Violation";
            case AUTHORIZATION_VIOLATION -> "Authentication Failure";
            case MAXIMUM_PAYLOAD_VIOLATION -> "Maximum Message Payload Exceeded";
            case MAXIMUM_CONTROL_LINE_EXCEEDED -> "Maximum Control Line Exceeded";
            case INVALID_CLIENT_PROTOCOL -> "Bad Client Protocol Version";
            case NO_RESPONDERS_REQUIRES_HEADERS -> "No Responders Requires Headers";
            default -> e.getMessage();
        };
    }

    /** A reload lowered {@code max_connections} below the clients connected: this one goes, as in nats-server. */
    public void closeOverMaxConnections() {
        channel.eventLoop().execute(() -> {
            if (closeReason == null) {
                refuseOverMaxConnections();
            }
        });
    }

    private void refuseOverMaxConnections() {
        fail(ProtocolError.MAXIMUM_CONNECTIONS_EXCEEDED, "Maximum Connections Exceeded");
        logError(ProtocolError.MAXIMUM_CONNECTIONS_EXCEEDED.text());   // after the -ERR, as nats-server
    }

    /**
     * One line at error level for what nats-server logs as an error of this client: its address,
     * its id and nats-server's text (DESIGN: operators grep the same lines for both servers).
     */
    private void logError(String text) {
        LOG.error("{} - {}:{} - {}", PeerAddress.of(remoteAddress()), idTag(), id, text);
    }

    boolean debugEnabled() {
        return LOG.isDebugEnabled();
    }

    /** A debug line about this client, with its address and id. */
    void debug(String text) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} - {}:{} - {}", PeerAddress.of(remoteAddress()), idTag(), id, text);
        }
    }

    /** How nats-server's log lines tag the client's id: {@code wid} for websocket clients. */
    private String idTag() {
        return websocket ? "wid" : "cid";
    }

    /** nats-server names the user only when users are listed (not for one user/password or a token). */
    private String authenticationError(String user) {
        var options = environment.options();
        boolean usersListed = !options.authorization().users().isEmpty()
                || options.accounts().stream().anyMatch(account -> !account.users().isEmpty());
        return usersListed ? "authentication error - User " + GoQuote.quote(user == null ? "" : user) : "authentication error";
    }

    /** nats-server's name for the client in permission violations: from its CONNECT, not its binding. */
    private String authUser() {
        if (connect != null && connect.nkey != null && !connect.nkey.isEmpty()) {
            return "Nkey " + GoQuote.quote(connect.nkey);
        }
        if (connect != null && connect.user != null && !connect.user.isEmpty()) {
            return "User " + GoQuote.quote(connect.user);
        }
        return "User \"N/A\"";
    }

    /** Sends -ERR and closes when nats-server closes after that error. */
    void fail(ProtocolError error, String reason) {
        sendError(error);
        if (error.closesConnection()) {
            outbound.flushNow();
            close(reason);
        } else {
            FlushBatch.current().add(outbound);
        }
    }

    /** Whether this client's TLS certificate is pinned by {@code pins} (a reload's new {@code pinned_certs}). */
    public boolean pinnedBy(io.jnatsd.transport.tls.CertificatePins pins) {
        return pins.matches(channel);
    }

    /** Too many PINGs unanswered: nats-server queues this -ERR without tracing it, then closes. */
    void stale() {
        writeRaw(ProtocolError.STALE_CONNECTION.line().getBytes(StandardCharsets.US_ASCII));
        outbound.flushNow();
        close("Stale Connection");
    }

    private void sendError(ProtocolError error) {
        if (trace) {
            trace("->> [-ERR " + error.text() + "]");
        }
        writeRaw(error.line().getBytes(StandardCharsets.US_ASCII));
    }

    /** Closes the connection from any thread, and logs {@code error} (when not null) after its closed line. */
    public void close(String reason, String error) {
        if (error != null && closeReason == null) {
            errorAfterClose = error;
        }
        close(reason);
    }

    /** Closes the connection from any thread. */
    public void close(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        // Read no further, from this read batch on when called on the loop: nats-server's read
        // loop stops at the cause, so what the client sent after it stays unread and the close
        // resets the connection rather than ending it (clients report the reset, not the -ERR).
        channel.config().setAutoRead(false);
        channel.eventLoop().execute(() -> {
            outbound.flushNow();
            if (natsServerReads.leftUnread() && channel.isOpen()) {
                // As nats-server's socket, closed with input it never read. The peer may have
                // closed it meanwhile: then there is nothing left to reset.
                try {
                    channel.config().setOption(ChannelOption.SO_LINGER, 0);
                } catch (ChannelException alreadyClosed) {
                    // closed between the check and the option
                }
            }
            channel.close();
        });
    }

    // ---- operations from the parser ------------------------------------------------------

    @Override
    public void checkAllowed(boolean startsWithC) throws ProtocolException {
        if (!connectReceived && !startsWithC && environment.authRequired()) {
            throw new ProtocolException(ProtocolError.AUTHORIZATION_VIOLATION, authenticationError(null));
        }
        if (account == null && !startsWithC && !environment.authRequired()) {
            // no_auth_user configured: a client may skip CONNECT and is that user.
            bind(environment.authenticate(attempt(ConnectOptions.DEFAULTS)));
        }
    }

    @Override
    public void connect(String json) throws ProtocolException {
        keepAlive.connectReceived();
        ConnectOptions options = ConnectOptions.parse(json);
        // nats-server's order: credentials, the legacy account fields, then the protocol checks.
        if (identity == null || environment.authRequired()) {
            AuthResult result = environment.authenticate(attempt(options));
            if (result == null) {
                throw new ProtocolException(ProtocolError.AUTHORIZATION_VIOLATION, environment.authenticationFailure(options));
            }
            if (identity == null) {
                bind(result);
            }
        }
        if ((options.account != null && !options.account.isEmpty()) || Boolean.TRUE.equals(options.newAccount)) {
            throw new ProtocolException(ProtocolError.AUTHORIZATION_VIOLATION, authenticationError(options.user));
        }
        if (options.protocol < 0 || options.protocol > 1) {
            throw new ProtocolException(ProtocolError.INVALID_CLIENT_PROTOCOL, ProtocolError.INVALID_CLIENT_PROTOCOL.text());
        }
        if (options.noResponders && !options.headers) {
            throw new ProtocolException(ProtocolError.NO_RESPONDERS_REQUIRES_HEADERS,
                    ProtocolError.NO_RESPONDERS_REQUIRES_HEADERS.text());
        }
        connect = options;
        boolean first = !connectReceived;
        connectReceived = true;
        if (options.verbose) {
            writeOk();
        }
        if (first) {
            environment.clientConnected(this);
        }
    }

    private ConnectAttempt attempt(ConnectOptions options) {
        InetSocketAddress remote = remoteAddress();
        return new ConnectAttempt(options, TlsPeer.certificate(channel), nonce, remote == null ? null : remote.getAddress());
    }

    private void bind(AuthResult result) throws ProtocolException {
        if (result == null) {
            throw new ProtocolException(ProtocolError.AUTHORIZATION_VIOLATION, authenticationError(null));
        }
        Account bound = environment.account(result.account());
        if (bound == null) {
            throw new ProtocolException(ProtocolError.AUTHORIZATION_VIOLATION, authenticationError(result.user()));
        }
        if (!environment.joinAccount(this, bound, result.limits().accountConnections(), () -> account = bound)) {
            throw new ProtocolException(ProtocolError.MAXIMUM_ACCOUNT_CONNECTIONS_EXCEEDED,
                    ProtocolError.MAXIMUM_ACCOUNT_CONNECTIONS_EXCEEDED.text());
        }
        identity = result;
        limits = result.limits();
        permissions = result.permissions() == null ? null : new ClientPermissions(result.permissions());
        if (result.expires() != null) {
            long delayMillis = Math.max(0, result.expires().toEpochMilli() - System.currentTimeMillis());
            channel.eventLoop().schedule(this::authenticationExpired, delayMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** The client's account was deleted: nats-server closes its clients with this error. Any thread. */
    public void accountExpired() {
        channel.eventLoop().execute(() -> {
            if (closeReason == null && channel.isActive()) {
                fail(ProtocolError.ACCOUNT_AUTHENTICATION_EXPIRED, "Authentication Expired");
            }
        });
    }

    private void authenticationExpired() {
        if (closeReason == null && channel.isActive()) {
            fail(ProtocolError.USER_AUTHENTICATION_EXPIRED, "Authentication Expired");
        }
    }

    /**
     * The server's authorization changed (reload): a client whose credentials no longer pass, or
     * that would now land in another account, is closed; the others keep their subscriptions and
     * get the new permissions. Callable from any thread.
     */
    public void reauthorize() {
        channel.eventLoop().execute(() -> {
            if (identity == null || closeReason != null) {
                return;
            }
            if (environment.userGoneOrMoved(connect, identity.account())) {
                close(CLIENT_CLOSED);
                return;
            }
            ConnectAttempt again = attempt(connect);
            AuthResult result = environment.authenticate(again);
            if (result == null && environment.revoked(again)) {
                fail(ProtocolError.USER_AUTHENTICATION_REVOKED, "Credentials Revoked");
                outbound.flushNow();
                return;
            }
            if (result == null || !result.account().equals(identity.account())) {
                fail(ProtocolError.AUTHORIZATION_VIOLATION, "Authentication Failure");
                outbound.flushNow();
                return;
            }
            identity = result;
            limits = result.limits();
            permissions = result.permissions() == null ? null : new ClientPermissions(result.permissions());
            dropForbiddenSubscriptions();
            long maxSubscriptions = maxSubscriptions();
            if (maxSubscriptions != ClientLimits.NO_LIMIT && subscriptions.size() > maxSubscriptions) {
                // nats-server: the error at once, the close a moment later.
                logError(ProtocolError.MAXIMUM_SUBSCRIPTIONS_EXCEEDED.text());
                fail(ProtocolError.MAXIMUM_SUBSCRIPTIONS_EXCEEDED, "maximum subscriptions exceeded");
                channel.eventLoop().schedule(() -> close("Maximum Subscriptions Exceeded"), 20,
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            outbound.flushNow();
        });
    }

    /**
     * The account has more connections than its limit allows (a lower limit, or other servers'
     * counts) and this one is among those nats-server closes, with this error. Callable from any
     * thread.
     */
    public void accountConnectionsExceeded() {
        channel.eventLoop().execute(() -> {
            if (closeReason == null) {
                logError(ProtocolError.MAXIMUM_ACCOUNT_CONNECTIONS_EXCEEDED.text());
                fail(ProtocolError.MAXIMUM_ACCOUNT_CONNECTIONS_EXCEEDED, "Maximum Account Connections Exceeded");
            }
        });
    }

    /** The smaller of the account's (or user's) and the server's subscription limit; -1 unlimited. */
    private long maxSubscriptions() {
        int server = environment.options().maxSubscriptions();
        return ClientLimits.min(limits.subscriptions(), server > 0 ? server : ClientLimits.NO_LIMIT);
    }

    /** The smaller of the account's (or user's) and the server's payload limit: INFO's {@code max_payload}. */
    public long maxPayload() {
        return ClientLimits.min(limits.payload(), environment.options().maxPayload());
    }

    /** Subscriptions the new permissions forbid are removed, each with the violation error and nats-server's line. */
    private void dropForbiddenSubscriptions() {
        if (permissions == null) {
            return;
        }
        for (Subscription subscription : subscriptionsSnapshot()) {
            if (!permissions.canSubscribe(subscription.subject(), subscription.queue())) {
                subscriptions.remove(subscription.sid());
                removeFromIndex(subscription);
                sendLine(ProtocolError.revokedSubscription(subscription.subject(), subscription.sid()));
                LOG.info("Removed sub {} (sid {}) for {} - not authorized", GoQuote.quote(subscription.subject()),
                        GoQuote.quote(subscription.sid()), authUser());
            }
        }
    }

    @Override
    public void checkPublish(int totalSize, boolean hasHeaders) throws ProtocolException {
        if (hasHeaders && !connect.headers) {
            throw new ProtocolException(null, "message headers not supported");
        }
        long maxPayload = maxPayload();
        if (maxPayload != ClientLimits.NO_LIMIT && totalSize > maxPayload) {
            throw new ProtocolException(ProtocolError.MAXIMUM_PAYLOAD_VIOLATION,
                    "maximum payload exceeded: " + totalSize + " vs " + maxPayload);
        }
    }

    @Override
    public boolean checksPublishSubjects() {
        return connect.pedantic;
    }

    /**
     * nats-server complains about a pedantic client's invalid publish subject but still delivers
     * the message. (A client's HMSG, with no subject, has no PUB line to check.)
     */
    @Override
    public void publishSubject(String subject) {
        if (!Subjects.isValidPublishSubject(subject)) {
            fail(ProtocolError.INVALID_PUBLISH_SUBJECT, "Invalid Publish Subject");
        }
    }

    @Override
    public void publish(MessageFrame message) {
        statistics.countIn(message.totalSize());
        ConnectOptions options = connect;
        // Mappings rename the message before anything else looks at it, permissions included, as in nats-server.
        MessageFrame routed = account.mapped(message);
        MessageFrame checked = routed == null ? message : routed;
        if ((permissions != null && !permissions.canPublish(checked.subject())) || ReservedReplies.isReservedSubject(checked)) {
            sendLine(ProtocolError.publishViolation(checked.subject()));
            logError("Publish Violation - " + authUser() + ", Subject " + GoQuote.quote(checked.subject()));
            return;
        }
        if (message.hasReply() && ReservedReplies.isReserved(message)) {
            sendLine(ProtocolError.publishReplyViolation(message.reply()));
            logError("Publish Violation - " + authUser() + ", Reply " + GoQuote.quote(message.reply()));
            return;
        }
        if (options.verbose) {
            writeOk();
        }
        int delivered = routed == null ? 0 : environment.router().route(account, routed, this, options.echo, FlushBatch.current());
        if (delivered == 0 && message.hasReply() && options.noResponders) {
            sendNoResponders(message);
        }
    }

    private void sendNoResponders(MessageFrame request) {
        String reply = request.reply();
        var matches = account.subscriptions().match(reply);
        ByteBuf status = io.netty.buffer.Unpooled.wrappedBuffer(
                reply.getBytes(StandardCharsets.UTF_8), NO_RESPONDERS_HEADER);
        MessageFrame frame = new MessageFrame().set(status, reply, 0, status.readableBytes() - NO_RESPONDERS_HEADER.length,
                0, -1, NO_RESPONDERS_HEADER.length, status.readableBytes() - NO_RESPONDERS_HEADER.length,
                NO_RESPONDERS_HEADER.length);
        for (int i = 0; i < matches.plainCount(); i++) {
            Subscription subscription = matches.plain(i);
            if (subscription.subscriber() == this) {
                deliver(subscription, frame, FlushBatch.current());
                return;
            }
        }
    }

    @Override
    public void subscribe(String subject, String queue, String sid) {
        // nats-server's order: permissions, token limit, subscription limit, a reused sid (ignored,
        // even with an invalid subject), and only then the subject itself.
        if (SYSTEM_QUEUE_GROUP.equals(queue) || (permissions != null && !permissions.canSubscribe(subject, queue))) {
            sendLine(ProtocolError.subscribeViolation(subject, queue));
            logError("Subscription Violation - " + authUser() + ", Subject " + GoQuote.quote(subject)
                    + (queue == null ? "" : ", Queue: " + GoQuote.quote(queue)) + ", SID " + sid);
            return;
        }
        int maxTokens = environment.options().maxSubTokens();
        if (maxTokens > 0 && Subjects.tokenCount(subject) > maxTokens) {
            sendLine(ProtocolError.subscribeTooManyTokens(subject));
            logError("Subscription Violation Too Many Tokens - " + authUser() + ", Subject " + GoQuote.quote(subject)
                    + ", SID " + sid);
            return;
        }
        long max = maxSubscriptions();
        if (max != ClientLimits.NO_LIMIT && subscriptions.size() >= max) {
            logError(ProtocolError.MAXIMUM_SUBSCRIPTIONS_EXCEEDED.text());
            fail(ProtocolError.MAXIMUM_SUBSCRIPTIONS_EXCEEDED, "maximum subscriptions exceeded");
            return;
        }
        if (!subscriptions.containsKey(sid)) {
            if (!Subjects.isValidSubject(subject) || (queue != null && !Subjects.isValidQueueName(queue))) {
                fail(ProtocolError.INVALID_SUBJECT, "Invalid Subject");
                return;
            }
            Subscription subscription = new Subscription(this, subject, queue, sid);
            subscriptions.put(sid, subscription);
            account.subscriptions().insert(subscription);
            environment.interestAdded(account, subscription);
        }
        if (connect.verbose) {
            writeOk();
        }
    }

    @Override
    public void unsubscribe(String sid, int maxMessages) {
        Subscription subscription = subscriptions.get(sid);
        boolean removed = subscription != null && (maxMessages <= 0 || subscription.limitTo(maxMessages));
        // nats-server's order, which -V shows: +OK, the removal, then the RS-/LS- it causes on links
        if (connect.verbose) {
            writeOk();
        }
        if (removed) {
            subscriptions.remove(sid);
            if (trace) {
                trace("<-> [DELSUB " + sid + "]");
            }
            removeFromIndex(subscription);
        }
    }

    private void removeFromIndex(Subscription subscription) {
        if (account.subscriptions().remove(subscription)) {
            environment.interestRemoved(account, subscription);
        }
    }

    @Override
    public void ping() {
        keepAlive.clientActive();
        if (!firstPingAnswered && connectReceived) {
            firstPingAnswered = true;
            if (connect.protocol >= 1) {
                int current = environment.connectUrlsVersion();
                // nats-server also tells a client whose account lowers its payload limit.
                if (current != connectUrlsVersionSeen || maxPayload() != environment.options().maxPayload()) {
                    connectUrlsVersionSeen = current;
                    writeRaw(environment.infoLine(this, null));
                }
                asyncInfoReady = true;
            }
        }
        if (trace) {
            trace("->> [PONG]");
        }
        writeRaw(PONG);
    }

    /**
     * The cluster's client URLs changed: clients that asked for async INFO (protocol 1) and have
     * had their first PING answered get a fresh INFO (CLIENT.md §3.2). Callable from any thread.
     */
    public void sendAsyncInfo() {
        if (channel == null) {
            return;
        }
        channel.eventLoop().execute(() -> {
            if (asyncInfoReady && closeReason == null) {
                connectUrlsVersionSeen = environment.connectUrlsVersion();
                writeRaw(environment.infoLine(this, null));
                outbound.flushNow();
            }
        });
    }

    @Override
    public void pong() {
        keepAlive.pongReceived();
    }

    @Override
    public void error(String text) throws ProtocolException {
        throw new ProtocolException(null, CLIENT_ERROR + text);
    }

    // ---- delivery from any event loop ------------------------------------------------------

    @Override
    public boolean deliver(Subscription subscription, MessageFrame message, FlushBatch batch) {
        boolean headers = connect.headers;
        int status;
        synchronized (outbound) {
            ByteBuf out = outbound.buffer();
            if (out == null) {
                return false;
            }
            int lineStart = out.writerIndex();
            MessageEncoder.writeMessage(out, message, subscription.sidBytes(), headers);
            if (trace) {
                traceDelivery(out, lineStart);
            }
            status = outbound.appended(message.totalSize());
        }
        if (!outbound.settle(status, batch)) {
            slowConsumer();
            return false;
        }
        if (permissions != null && message.hasReply() && permissions.allowsResponses()) {
            permissions.grantResponse(message.reply(), System.currentTimeMillis());
        }
        return true;
    }

    private void slowConsumer() {
        if (closeReason == null) {
            LOG.info("{} - {}:{} - Slow Consumer Detected: MaxPending of {} Exceeded", PeerAddress.of(remoteAddress()),
                    idTag(), id,
                    environment.options().maxPending());
            environment.slowConsumer(this);
            outbound.close();
            close("Slow Consumer (Pending Bytes)");
        }
    }

    /** The write deadline passed with the socket still blocked. */
    void writeDeadlineExceeded() {
        if (closeReason == null) {
            ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
            LOG.info("{} - {}:{} - Slow Consumer Detected: WriteDeadline of {} exceeded with {} chunks of {} total bytes.",
                    PeerAddress.of(remoteAddress()), idTag(), id, GoDuration.format(environment.options().writeDeadline()),
                    queued == null ? 0 : queued.size(), queued == null ? 0 : queued.totalPendingWriteBytes());
            environment.slowConsumer(this);
            outbound.close();
            close("Slow Consumer (Write Deadline)");
        }
    }

    @Override
    public void subscriptionExpired(Subscription subscription) {
        channel.eventLoop().execute(() -> {
            if (subscriptions.get(subscription.sid()) == subscription) {
                subscriptions.remove(subscription.sid());
                environment.interestRemoved(account, subscription);
            }
        });
    }

    // ---- writing protocol lines ------------------------------------------------------------

    private void writeOk() {
        if (trace) {
            trace("->> [OK]");
        }
        writeRaw(OK);
    }

    void sendPing() {
        if (trace) {
            trace("->> [PING]");
        }
        writeRaw(PING);
        outbound.flushNow();
    }

    /** An {@code -ERR '...'} line other than a {@link ProtocolError}'s: a permissions violation. */
    private void sendLine(String line) {
        if (trace && line.startsWith("-ERR '")) {
            trace("->> [-ERR " + line.substring("-ERR '".length(), line.length() - "'\r\n".length()) + "]");
        }
        writeRaw(line.getBytes(StandardCharsets.UTF_8));
    }

    // ---- protocol tracing (-V), in nats-server's words --------------------------------------

    @Override
    public boolean tracing() {
        return trace;
    }

    @Override
    public void trace(String text) {
        LOG.trace("{} - {}:{} - {}", PeerAddress.of(remoteAddress()), idTag(), id, text);
    }

    @Override
    public int maxTracedMessageLength() {
        return environment.options().maxTracedMessageLength();
    }

    /** {@code ->> [MSG foo 1 2]}: the line just written for a delivery, without its CRLF. */
    private void traceDelivery(ByteBuf out, int lineStart) {
        int lineEnd = out.indexOf(lineStart, out.writerIndex(), (byte) '\r');
        trace("->> [" + out.toString(lineStart, lineEnd - lineStart, StandardCharsets.US_ASCII) + "]");
    }

    /** Appends a protocol line on the own loop and queues the flush for the end of the read batch. */
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

    // ---- read-only views for monitoring and the server --------------------------------------

    public long id() {
        return id;
    }

    /** Whether this client came in through the websocket listener. */
    public boolean websocket() {
        return websocket;
    }

    public void assignId(long id) {
        this.id = id;
    }

    public InetSocketAddress remoteAddress() {
        return channel == null ? null : (InetSocketAddress) channel.remoteAddress();
    }

    public InetSocketAddress localAddress() {
        return channel == null ? null : (InetSocketAddress) channel.localAddress();
    }

    public ConnectOptions connectOptions() {
        return connect;
    }

    public String user() {
        return identity == null ? null : identity.user();
    }

    /** Who the client authenticated as: user, account, permissions, credential expiry; null before. */
    public AuthResult identity() {
        return identity;
    }

    public String accountName() {
        return account == null ? null : account.name();
    }

    public Instant started() {
        return started;
    }

    public ConnectionStatistics statistics() {
        return statistics;
    }

    public OutboundBuffer outbound() {
        return outbound;
    }

    public KeepAlive keepAlive() {
        return keepAlive;
    }

    public String closeReason() {
        return closeReason;
    }

    /** Snapshot of the subscriptions (monitoring); runs on any thread, so it copies defensively. */
    public Collection<Subscription> subscriptionsSnapshot() {
        return java.util.List.copyOf(subscriptions.values());
    }

    public int subscriptionCount() {
        return subscriptions.size();
    }

    /** Outbound bytes not yet written to the socket; 0 once closed. Takes the outbound monitor. */
    public long pendingBytes() {
        OutboundBuffer out = outbound;
        if (out == null) {
            return 0;
        }
        synchronized (out) {
            return out.isClosed() ? 0 : out.pendingBytes();
        }
    }
}
