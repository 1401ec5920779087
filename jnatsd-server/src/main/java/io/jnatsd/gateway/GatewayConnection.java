package io.jnatsd.gateway;

import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.FlushBatch;
import io.jnatsd.dispatch.RouteLink;
import io.jnatsd.link.LinkConnection;
import io.jnatsd.link.RemoteInterest;
import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.ProtocolError;
import io.jnatsd.protocol.ProtocolException;
import io.jnatsd.protocol.QueueNames;
import io.jnatsd.protocol.gateway.GatewayConnect;
import io.jnatsd.protocol.gateway.GatewayInfo;
import io.jnatsd.protocol.route.RouteMessageEncoder;
import io.jnatsd.protocol.route.RouteOperations;
import io.jnatsd.protocol.route.RouteParser;
import io.jnatsd.transport.tls.GatewayTls;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway connection (GATEWAYS.md §2-§5). Connections are one-way: on an outbound one (we
 * dialed) we send messages and receive the remote cluster's interest; on an inbound one we receive
 * messages and send our cluster's interest. The dialect is the route grammar with the account token
 * ({@link RouteParser}); what the handshake decides is {@link Gateways}'.
 */
final class GatewayConnection extends LinkConnection implements RouteOperations, RouteLink, GatewayTls.Peer {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayConnection.class);
    private static final int MAX_REFUSED_ACCOUNTS = 10_000;

    private final Gateways gateways;
    private final RemoteCluster dialed;
    private final RouteParser parser = new RouteParser(this);
    private final RemoteInterest interest = new RemoteInterest(this);
    private final InterestModes modes = new InterestModes();
    /** Unknown accounts answered with A- on this connection; only its loop touches it. */
    private final Set<String> refusedAccounts = new HashSet<>();
    private GatewayInfo remoteInfo;
    private GatewayConnect connect;
    private volatile String remoteName;
    private volatile String remoteHash = "";
    private volatile boolean headersSupported;
    private volatile boolean newReplyPrefix;
    private volatile boolean noReconnect;

    /** @param dialed the remote cluster we dialed, null for an accepted connection */
    GatewayConnection(Gateways gateways, long id, RemoteCluster dialed) {
        super(id, dialed != null, gateways.maxPendingBytes());
        this.gateways = gateways;
        this.dialed = dialed;
        if (dialed != null) {
            remoteName = dialed.name();
        }
    }

    @Override
    protected void parse(ByteBuf in) throws ProtocolException {
        parser.parse(in);
    }

    @Override
    protected void onActive() {
        if (solicited()) {
            LOG.info("{} - Creating outbound gateway connection to \"{}\"", logPrefix(), dialed.name());
        } else {
            LOG.info("{} - Processing inbound gateway connection", logPrefix());
            writeRaw(gateways.ourInfo().line().getBytes(StandardCharsets.UTF_8));
            startAuthTimer(gateways.authTimeoutMillis());
        }
    }

    @Override
    protected void onClosed() {
        interest.clear();
        gateways.closed(this);
    }

    @Override
    protected String idLabel() {
        return "gid";
    }

    @Override
    protected String kindName() {
        return "Gateway";
    }

    @Override
    protected long pingIntervalMillis() {
        return gateways.pingIntervalMillis();
    }

    @Override
    protected Duration writeDeadline() {
        return gateways.writeDeadline();
    }

    @Override
    public int maxTracedMessageLength() {
        return gateways.maxTracedMessageLength();
    }

    @Override
    protected void countSlowConsumer() {
        gateways.slowConsumer();
    }

    @Override
    protected int pingMax() {
        return gateways.pingMax();
    }

    // ---- handshake ------------------------------------------------------------------------------

    @Override
    public void connect(String json) throws ProtocolException {
        if (solicited() || connect != null) {
            throw new ProtocolException(ProtocolError.UNKNOWN_PROTOCOL_OPERATION, "unexpected CONNECT on gateway");
        }
        connect = GatewayConnect.parse(json);
        gateways.acceptConnect(this, connect);
    }

    @Override
    public void info(String json) throws ProtocolException {
        GatewayInfo info = GatewayInfo.parse(json);
        if (remoteInfo == null) {
            if (!solicited() && connect == null) {
                throw new ProtocolException(ProtocolError.AUTHORIZATION_VIOLATION, "INFO before CONNECT");
            }
            remoteInfo = info;
            headersSupported = info.headers;
            newReplyPrefix = info.newReplyPrefix;
            if (solicited()) {
                modes.peerAnnounced(info.interestOnlyMode);
                gateways.outboundInfo(this, info);
            } else {
                remoteName = info.gateway;
                gateways.inboundInfo(this, info);
            }
            return;
        }
        if (!registered()) {
            return;
        }
        switch (info.gatewayCommand) {
            case 0 -> { }
            case GatewayInfo.GOSSIP -> {
                if (solicited() && info.gateway != null && !info.gateway.equals(remoteName)) {
                    gateways.learned(info.gateway, info.gatewayUrls);
                }
            }
            case GatewayInfo.ALL_SUBS_START, GatewayInfo.ALL_SUBS_COMPLETE -> commandAccount(info);
            default -> LOG.warn("{} - Received unknown command {} from gateway \"{}\"", logPrefix(),
                    info.gatewayCommand, remoteName);
        }
    }

    /**
     * Interest-only switching of one account ({@link InterestModes}). A peer that announced
     * {@code gateway_iom} switches every account at connect; this side never sent it anything
     * without interest, so there the switch changes nothing but must be valid.
     */
    private void commandAccount(GatewayInfo info) throws ProtocolException {
        if (info.gatewayCommandPayload == null || info.gatewayCommandPayload.length == 0) {
            String which = info.gatewayCommand == GatewayInfo.ALL_SUBS_START ? "start" : "complete";
            throw new ProtocolException(null, "Account absent from receive-all-subscriptions-" + which + " command");
        }
        String account = new String(info.gatewayCommandPayload, StandardCharsets.UTF_8);
        boolean complete = info.gatewayCommand == GatewayInfo.ALL_SUBS_COMPLETE;
        if (complete) {
            modes.switchCompleted(account);
        } else {
            modes.switchStarted(account);
        }
        LOG.debug("{} - Gateway \"{}\": switching account \"{}\" to Interest-Only mode{}", logPrefix(), remoteName,
                account, complete ? " complete" : "");
    }

    /** The solicitor's answer to a good INFO: CONNECT and our INFO in one write. */
    void sendConnect(GatewayConnect ours, GatewayInfo ourInfo) {
        writeLines(ours.line() + ourInfo.line());
    }

    void registeredAs(String name) {
        remoteName = name;
        remoteHash = ReplyPrefix.hash(name);
        markRegistered();
    }

    /** Closes for good: the remote is not re-dialed through this connection (duplicate outbound). */
    void closeForGood(String reason) {
        noReconnect = true;
        close(reason);
    }

    /**
     * Refuses the link while its handshake line is handled. Parsing stops after that line, as in
     * nats-server, where the refusal ends the read: a solicitor's INFO sent with the CONNECT just
     * refused must not register the gateway (nor have its cluster dialed back).
     */
    void fail(String errorText, String reason) {
        parser.stopAfterThisLine();
        if (errorText != null) {
            sendError(errorText);
        }
        close(reason);
    }

    // ---- the route grammar ----------------------------------------------------------------------

    @Override
    public void ping() {
        sendPong();
    }

    @Override
    public void pong() {
        pongReceived();
    }

    @Override
    public void error(String text) {
        LOG.error("{} - Gateway Error {}", logPrefix(), text);
        close(registered() ? "Parse Error" : "Wrong Gateway");
    }

    @Override
    public void subscribe(String origin, String account, String subject, String queue, int weight)
            throws ProtocolException {
        checkInterestAllowed("RS+");
        interest.add(account, subject, queue, 1);
        if (queue == null) {
            modes.subjectWanted(account, subject);
        }
    }

    @Override
    public void unsubscribe(String origin, String account, String subject, String queue) throws ProtocolException {
        checkInterestAllowed("RS-");
        interest.remove(account, subject, queue);
        if (queue == null) {
            modes.subjectRefused(account, subject);
        }
    }

    /** A+/A- from an optimistic peer (GATEWAYS.md §4.4): travels where RS+/RS- do. */
    @Override
    public void accountInterest(String account, boolean wanted) throws ProtocolException {
        checkInterestAllowed(wanted ? "A+" : "A-");
        if (wanted) {
            modes.accountWanted(account);
        } else {
            modes.accountRefused(account);
        }
    }

    private void checkInterestAllowed(String verb) throws ProtocolException {
        if (!registered()) {
            throw new ProtocolException(ProtocolError.AUTHORIZATION_VIOLATION, verb + " before the handshake");
        }
        if (!solicited()) {
            // interest travels on the connection the other side dialed (GATEWAYS.md §2.1)
            LOG.error("{} - Received {} from gateway on inbound connection", logPrefix(), verb);
            close("Protocol Violation");
        }
    }

    @Override
    public void message(String accountName, MessageFrame message, QueueNames queues) throws ProtocolException {
        if (!registered()) {
            throw new ProtocolException(ProtocolError.AUTHORIZATION_VIOLATION, "message before the handshake");
        }
        countIn(message.totalSize());
        Account account = gateways.account(accountName);
        if (account == null) {
            LOG.debug("{} - Unknown account \"{}\" for gateway message on subject: \"{}\"", logPrefix(), accountName,
                    message.subject());
            refuseUnknownAccount(accountName);
            return;
        }
        gateways.received(account, message, queues, FlushBatch.current());
    }

    /**
     * {@code A- <acc>} for an account this server does not have, once per account and connection as
     * nats-server 2.10.27 answers (a peer that ignores it is not told again). The names are bounded
     * so a peer inventing accounts costs a line each, not memory.
     */
    private void refuseUnknownAccount(String accountName) {
        if (refusedAccounts.contains(accountName)) {
            return;
        }
        if (refusedAccounts.size() < MAX_REFUSED_ACCOUNTS) {
            refusedAccounts.add(accountName);
        }
        if (linkTrace().on()) {
            linkTrace().sent("A- " + accountName);
        }
        writeLines("A- " + accountName + "\r\n");
    }

    // ---- outbound, from any loop --------------------------------------------------------------------

    /** Appends one RMSG/HMSG with the account token; prefixes null or the {@code _GR_.} mapping. */
    void send(Account account, MessageFrame message, QueueNames queues, byte[] subjectPrefix, byte[] replyPrefix,
              FlushBatch batch) {
        int status;
        var outbound = outbound();
        synchronized (outbound) {
            ByteBuf out = outbound.buffer();
            if (out == null) {
                return;
            }
            int lineStart = out.writerIndex();
            RouteMessageEncoder.writeMessage(out, account.nameBytes(), message, queues, headersSupported,
                    subjectPrefix, newReplyPrefix ? replyPrefix : null);
            if (linkTrace().on()) {
                linkTrace().sentMessage(out, lineStart);
            }
            status = outbound.appended(message.totalSize());
        }
        if (!outbound.settle(status, batch)) {
            LOG.info("{} - Slow Consumer Detected: MaxPending of {} Exceeded", logPrefix(), gateways.maxPendingBytes());
            gateways.slowConsumer();
            outbound.close();
            close("Slow Consumer (Pending Bytes)");
        }
    }

    @Override
    public void forward(Account account, MessageFrame message, QueueNames queues, FlushBatch batch) {
        send(account, message, queues, null, null, batch);
    }

    /** Interest lines to the remote (inbound connections only): a switch or gossip, not traced. */
    void sendInterest(CharSequence lines) {
        if (registered()) {
            writeLines(lines);
        }
    }

    /** One RS+ or RS- to the remote (inbound connections only), traced as nats-server traces it. */
    void sendInterestChange(String line) {
        if (registered()) {
            if (linkTrace().on()) {
                linkTrace().sentLines(line);
            }
            writeLines(line);
        }
    }

    // ---- what Gateways and monitoring read --------------------------------------------------------

    RemoteCluster dialed() {
        return dialed;
    }

    String remoteName() {
        return remoteName;
    }

    /** The remote gateway name's hash, as mapped replies name their cluster. */
    String remoteHash() {
        return remoteHash;
    }

    GatewayInfo remoteInfo() {
        return remoteInfo;
    }

    boolean noReconnect() {
        return noReconnect;
    }

    RemoteInterest interest() {
        return interest;
    }

    InterestModes modes() {
        return modes;
    }

    String remoteServerId() {
        return remoteInfo == null ? connect == null ? "" : connect.name : remoteInfo.serverId;
    }
}
