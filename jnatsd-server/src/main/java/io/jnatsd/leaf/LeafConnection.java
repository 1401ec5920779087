package io.jnatsd.leaf;

import io.jnatsd.config.Permissions;
import io.jnatsd.config.SubjectPermission;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.FlushBatch;
import io.jnatsd.dispatch.RouteLink;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.link.CompressionNegotiation;
import io.jnatsd.link.LinkConnection;
import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.ProtocolError;
import io.jnatsd.protocol.ProtocolException;
import io.jnatsd.protocol.QueueNames;
import io.jnatsd.protocol.leaf.LeafConnect;
import io.jnatsd.protocol.leaf.LeafInfo;
import io.jnatsd.protocol.leaf.LeafOperations;
import io.jnatsd.protocol.leaf.LeafParser;
import io.jnatsd.protocol.route.RouteMessageEncoder;
import io.jnatsd.subject.Subjects;
import io.jnatsd.transport.tls.LeafTls;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leaf node connection (LEAFNODES.md §3-§9), bound to one account. On an accepted connection
 * this server sends INFO at once, authenticates the CONNECT, binds the account and answers with
 * INFO #2 and its interest. On a solicited one it waits for the peer's INFO, sends CONNECT, and on
 * INFO #2 sends its interest.
 *
 * <p>The handshake direction ({@link #solicited()}) and the role ({@link #spoke()}) are two things:
 * normally the solicitor is the spoke, but a remote with {@code hub: true} makes the solicitor the
 * hub and the acceptor, told so by the CONNECT's {@code is_hub}, the spoke. The role alone decides
 * what interest is announced and where messages go.
 *
 * <p>The peer's interest (LS+) goes into the bound account's subject index tagged with this
 * connection, so one match serves local, route and leaf delivery; it all goes when the link closes.
 * What this side announced is counted in {@link LeafInterest}.
 */
final class LeafConnection extends LinkConnection implements LeafOperations, RouteLink {
    private static final Logger LOG = LoggerFactory.getLogger(LeafConnection.class);
    static final String LOOP_PREFIX = "$LDS.";
    private static final long FIRST_INFO_MILLIS = 1000;
    private static final long CONNECT_PROCESS_MILLIS = 2000;

    private final LeafNodes leafNodes;
    private final LeafRemote remote;
    private final LeafUrl dialed;
    /** Carried in websocket frames (the websocket listener's, or a {@code ws://} remote's): TLS was the upgrade's. */
    private final boolean websocket;
    private final LeafParser parser = new LeafParser(this);
    private final Map<String, Subscription> remoteInterest = new ConcurrentHashMap<>();
    private final LeafInterest announced = new LeafInterest(this);
    private final CompressionNegotiation compression;
    private volatile Account account;
    private volatile boolean headers;
    /** Whether this server is the spoke on this connection; the acceptor learns it from the CONNECT. */
    private volatile boolean spoke;
    private volatile String remoteName = "";
    private volatile String remoteCluster;
    /** The peer's JetStream domain ({@code domain} in its CONNECT or INFO), empty without one. */
    private volatile String remoteDomain = "";
    /** The JetStream subjects that cross this connection neither way, set on registration. */
    private volatile JetStreamDeny jetStream = JetStreamDeny.NONE;
    private volatile String remoteVersion;
    private volatile String remoteUser;
    /** The origin token of route LMSG lines for what this leaf sends, made on first use. */
    private volatile byte[] remoteClusterBytes;
    private volatile long reconnectDelayMillis = -1;
    /** What may cross this connection (deny rules), null when nothing is restricted. */
    private volatile LeafPermissions permissions;
    /** This side's writer mode, as /leafz shows it; empty until negotiated. */
    private volatile String compressionMode = "";
    /** An accepted CONNECT waits for its user's account to be fetched. */
    private boolean awaitingAccount;
    private Handshake handshake = Handshake.AWAIT_INFO;
    /** Acceptor: the first INFO, repeated compressed when the leaf asks for S2 (its nonce stays). */
    private LeafInfo firstInfo;
    /** Acceptor: the leaf's skeleton INFO decided the compression before its CONNECT. */
    private boolean compressionNegotiated;
    /** Solicitor: the hub's nonce, signed with the remote's credentials. */
    private String hubNonce;

    /** Where a solicited connection's handshake is (LEAFNODES.md §3.1, §11). */
    private enum Handshake { AWAIT_INFO, TLS, AWAIT_COMPRESSED_INFO, AWAIT_CONNECT_INFO, DONE }

    /**
     * @param remote    the remote we dialed, null for an accepted connection
     * @param websocket whether the connection is carried in websocket frames
     */
    LeafConnection(LeafNodes leafNodes, long id, LeafRemote remote, LeafUrl dialed, boolean websocket) {
        super(id, remote != null, leafNodes.maxPendingBytes());
        this.leafNodes = leafNodes;
        this.remote = remote;
        this.dialed = dialed;
        this.websocket = websocket;
        this.compression = remote != null ? remote.compression() : leafNodes.compression();
        this.permissions = remote == null ? null : remote.permissions();
        this.spoke = remote != null && !remote.hub();
    }

    @Override
    protected void parse(ByteBuf in) throws ProtocolException {
        parser.parse(in);
    }

    @Override
    protected void onActive() {
        if (!solicited()) {
            LOG.info("{} - Leafnode connection created ", logPrefix());
            LeafTls tls = websocket ? null : leafNodes.tls();
            if (tls != null) {
                tls.accept(channel(), this::logPrefix, this::close);
            }
            firstInfo = leafNodes.firstInfo(id());
            writeRaw(firstInfo.line().getBytes(StandardCharsets.UTF_8));
            startAuthTimer(leafNodes.authTimeoutMillis());
            return;
        }
        remote.dialSucceeded();
        if (websocket) {
            if (dialed.secure() || remote.tlsConfigured()) {
                // wss (or a tls block): TLS under the upgrade, whose request the TLS handler holds until done
                remote.tls().connect(channel(), dialed.host(), dialed.port(), this::logPrefix, this::close, null);
            }
        } else if (remote.tlsConfigured() && remote.tls().handshakeFirst()) {
            handshake = Handshake.TLS;
            remote.tls().connect(channel(), dialed.host(), dialed.port(), this::logPrefix, this::close,
                    () -> handshake = Handshake.AWAIT_INFO);
        }
        // a port that never sends INFO must not hold the remote forever (LEAFNODES.md §3.1, §13)
        deadline(FIRST_INFO_MILLIS + (handshake == Handshake.TLS ? remote.tls().handshakeTimeoutMillis() : 0), () -> {
            if (handshake == Handshake.AWAIT_INFO) {
                LOG.error("{} - Leafnode Error no INFO from the remote within {} ms", logPrefix(), FIRST_INFO_MILLIS);
                close("Read Error");
            }
        });
    }

    @Override
    protected void onClosed() {
        Account bound = account;
        leafNodes.closed(this);
        if (bound != null) {
            for (Subscription subscription : remoteInterest.values()) {
                bound.subscriptions().remove(subscription);
                if (linkTrace().on() && !leafNodes.shuttingDown()) {
                    // nats-server traces this when a peer's link goes, not when it is shutting down itself
                    linkTrace().removed(subscription.sid());
                }
                leafNodes.remoteInterestChanged(this, bound, subscription, false);
            }
        }
        remoteInterest.clear();
    }

    /**
     * nats-server names the leaf's account when one is bound: on the hub once the CONNECT logged
     * in, on the spoke from the dial on (its remote's local account), so also when the hub refused it.
     */
    @Override
    protected String closedSuffix() {
        Account bound = account;
        String name = bound != null ? bound.name() : solicited() ? remote.localAccount() : null;
        return name == null ? "" : " - Account: " + name;
    }

    @Override
    protected String framingHandler() {
        return websocket ? "ws" : null;
    }

    @Override
    protected String idLabel() {
        return websocket ? "lid_ws" : "lid";
    }

    @Override
    protected String kindName() {
        return "Leafnode";
    }

    @Override
    protected long pingIntervalMillis() {
        return leafNodes.pingIntervalMillis();
    }

    @Override
    protected Duration writeDeadline() {
        return leafNodes.writeDeadline();
    }

    @Override
    public int maxTracedMessageLength() {
        return leafNodes.maxTracedMessageLength();
    }

    @Override
    protected void countSlowConsumer() {
        leafNodes.slowConsumer();
    }

    @Override
    protected int pingMax() {
        return leafNodes.pingMax();
    }

    // ---- handshake ------------------------------------------------------------------------------

    @Override
    public void connect(String json) throws ProtocolException {
        if (solicited() || account != null || awaitingAccount) {
            throw new ProtocolException(ProtocolError.UNKNOWN_PROTOCOL_OPERATION, "unexpected CONNECT on leafnode");
        }
        LeafConnect connect = LeafConnect.parse(json);
        if (connect.lang != null) {
            reject("attempted to connect to leaf node port", "Incorrect Port");
            return;
        }
        if (connect.gateway != null) {
            reject("Rejecting connection from gateway \"" + connect.gateway + "\" on the leafnode port", "Protocol Violation");
            return;
        }
        String cluster = connect.cluster == null ? "" : connect.cluster;
        if (cluster.chars().anyMatch(Character::isWhitespace)) {
            reject("cluster name cannot contain spaces or new lines", "Protocol Violation");
            return;
        }
        if (!cluster.isEmpty() && cluster.equals(leafNodes.clusterName())) {
            reject("remote leafnode has same cluster name", "Cluster Names Identical");
            return;
        }
        CompletableFuture<Boolean> lookup = leafNodes.accountLookup(connect.jwt);
        if (lookup != null && !lookup.isDone()) {
            // the user's account is being fetched (LEAFNODES.md §6): the CONNECT is handled when
            // that ends, on this loop; the auth timer keeps running, as nats-server's does
            awaitingAccount = true;
            pauseAfterThisLine(parser::stopAfterThisLine);
            lookup.whenComplete((known, e) -> channel().eventLoop().execute(() -> {
                awaitingAccount = false;
                if (closeReason() != null) {
                    return;
                }
                try {
                    admit(connect, cluster);
                } catch (ProtocolException failure) {
                    LOG.error("{} - Leafnode Error {}", logPrefix(), failure.getMessage());
                    close("Protocol Violation");
                }
                resumeReading();
            }));
            return;
        }
        admit(connect, cluster);
    }

    /** An accepted CONNECT whose account this server knows (or will never know): log in and register. */
    private void admit(LeafConnect connect, String cluster) throws ProtocolException {
        LeafNodes.Admission admission = leafNodes.authenticate(connect, firstInfo.nonce,
                remoteAddress() == null ? null : remoteAddress().getAddress());
        if (admission == null) {
            LOG.error("{} - {}", logPrefix(), authenticationError(connect));
            reject(ProtocolError.AUTHORIZATION_VIOLATION.text(), "Authentication Failure");
            return;
        }
        String minVersion = leafNodes.minVersion();
        if (minVersion != null && !io.jnatsd.config.ServerVersion.parse(minVersion).admits(connect.version)) {
            // as nats-server: the leaf is told, not registered, and the auth timer closes it
            String text = "connection rejected since minimum version required is \"" + minVersion + "\"";
            LOG.error("{} - {}", logPrefix(), text);
            sendError(text);
            return;
        }
        if (!compressionNegotiated) {
            // no skeleton INFO came first: the leaf writes plain, and so do we (LEAFNODES.md §11)
            compressionMode = connect.compressMode == null ? CompressionNegotiation.NOT_SUPPORTED : connect.compressMode;
        }
        Account bound = admission.account();
        Permissions user = admission.permissions();
        // The user's permissions apply swapped, data flowing the other way: what it may subscribe to
        // is what we may send it, what it may publish the interest we may announce. Then the
        // spoke's deny_imports: never send it those (LEAFNODES.md §8.4).
        permissions = LeafPermissions.denyingSend(
                user == null ? null : LeafPermissions.of(user.subscribe(), user.publish()), connect.denyPub);
        headers = connect.headers;
        remoteName = connect.name == null ? "" : connect.name;
        remoteCluster = cluster;
        remoteDomain = connect.domain == null ? "" : connect.domain;
        remoteVersion = connect.version;
        remoteUser = connect.user;
        spoke = connect.hub;   // the dialer declared itself the hub: we take the spoke's role
        if (register(bound, leafNodes.connectInfo(id(), bound.name(), user).line())) {
            return;
        }
        if (admission.leafAuthorization()) {
            // a leafnodes { authorization } user of a full account: nats-server reports a failed login
            LOG.error("{} - {}", logPrefix(), authenticationError(connect));
            reject(ProtocolError.AUTHORIZATION_VIOLATION.text(), "Authentication Failure");
        } else {
            accountConnectionsExceeded();
        }
    }

    /** nats-server's log text for refused leaf credentials. */
    private static String authenticationError(LeafConnect connect) {
        if (connect.jwt != null) {
            return "authentication error";
        }
        if (connect.nkey != null) {
            return "authentication error - Nkey \"" + connect.nkey + "\"";
        }
        return "authentication error - User \"" + (connect.user == null ? "" : connect.user) + "\"";
    }

    private void reject(String error, String reason) {
        sendError(error);
        close(reason);
    }

    @Override
    public void info(String json) throws ProtocolException {
        LeafInfo info = LeafInfo.parse(json);
        if (!solicited()) {
            compressionRequested(info);
            return;
        }
        switch (handshake) {
            case AWAIT_INFO -> hubInfo(info);
            case AWAIT_COMPRESSED_INFO -> sendConnect();   // the hub's first INFO again, now compressed
            case TLS -> throw new ProtocolException(ProtocolError.AUTHORIZATION_VIOLATION, "INFO during the TLS handshake");
            default -> {
                learnUrls(info);
                if (info.importPermission != null || info.exportPermission != null) {
                    // the hub's word on what we may send and subscribe to, merged with our deny rules
                    permissions = remote.permissions(subjects(info.exportPermission), subjects(info.importPermission));
                }
                if (info.connectInfo && account == null) {
                    Account local = leafNodes.account(remote.localAccount());
                    if (local == null) {
                        close("Missing Account");
                        return;
                    }
                    handshake = Handshake.DONE;
                    if (!register(local, "")) {
                        accountConnectionsExceeded();
                    }
                }
            }
        }
    }

    /**
     * Acceptor: a skeleton INFO before CONNECT asks for S2 (LEAFNODES.md §11): we pick our writer
     * mode, repeat our first INFO compressed, and read S2 from the byte after that INFO line.
     */
    private void compressionRequested(LeafInfo info) {
        if (account != null || compressionNegotiated || info.compression == null) {
            return;   // a hub never acts on a leaf's INFO otherwise
        }
        compressionNegotiated = true;
        String mode = compression.negotiate(info.compression, sinceConnected());
        compressionMode = mode;
        if (CompressionNegotiation.compressing(mode)) {
            startCompressing(CompressionNegotiation.level(mode));
            writeLines(firstInfo.line());
            decompressAfterThisLine(parser::stopAfterThisLine);
        }
    }

    /** A websocket remote dials the hub cluster's websocket URLs, any other its leaf node URLs. */
    private void learnUrls(LeafInfo info) {
        remote.learned(websocket ? info.wsConnectUrls : info.leafnodeUrls);
    }

    /** Solicitor: the hub's first INFO. TLS first if either side wants it, then compression, then CONNECT. */
    private void hubInfo(LeafInfo info) {
        if (info.clientId == 0 || info.leafnodeUrls == null) {
            LOG.error("{} - Leafnode Error attempted to connect to wrong port", logPrefix());
            close("Incorrect Port");
            return;
        }
        learnUrls(info);
        headers = info.headers;
        remoteName = info.serverName == null || info.serverName.isEmpty() ? info.serverId : info.serverName;
        remoteCluster = info.cluster;
        remoteDomain = info.domain == null ? "" : info.domain;
        hubNonce = info.nonce;
        String hubCompression = info.compression;
        boolean tlsStarted = channel().pipeline().get(io.netty.handler.ssl.SslHandler.class) != null;
        if (!websocket && !tlsStarted && (remote.tlsConfigured() || info.tlsRequired)) {
            handshake = Handshake.TLS;
            remote.tls().connect(channel(), dialed.host(), dialed.port(), this::logPrefix, this::close,
                    () -> negotiateCompression(hubCompression));
            return;
        }
        negotiateCompression(hubCompression);
    }

    /**
     * Solicitor: when our mode with the hub's is an S2 one, a skeleton INFO (in clear) names our
     * configured mode and both directions switch to S2; CONNECT follows the hub's compressed INFO.
     */
    private void negotiateCompression(String hubCompression) {
        String mode = compression.negotiate(hubCompression, sinceConnected());
        compressionMode = mode;
        if (!CompressionNegotiation.compressing(mode)) {
            sendConnect();
            return;
        }
        LeafInfo skeleton = new LeafInfo();
        skeleton.clientId = id();
        skeleton.compression = compression.advertised();
        writeLines(skeleton.line());
        startCompressing(CompressionNegotiation.level(mode));
        handshake = Handshake.AWAIT_COMPRESSED_INFO;
        decompressAfterThisLine(parser::stopAfterThisLine);
    }

    private void sendConnect() {
        LeafCredentials credentials = remote.credentials();
        if (credentials != null && credentials.credentialsFile() != null) {
            LOG.debug("{} - Authenticating with credentials file \"{}\"", logPrefix(), credentials.credentialsFile());
        }
        String line;
        try {
            line = leafNodes.connect(remote, dialed, compressionMode, hubNonce).line();
        } catch (java.io.IOException e) {
            LOG.error("{} - {}", logPrefix(), LeafCredentials.describe(e));
            close("Write Error");
            return;
        }
        handshake = Handshake.AWAIT_CONNECT_INFO;
        // as nats-server: before the hub's answer, so also for a CONNECT the hub then refuses
        LOG.info("{} - Leafnode connection created for account: {} ", logPrefix(), remote.localAccount());
        writeLines(line);
        LOG.debug("{} - Remote leafnode connect msg sent", logPrefix());
        deadline(CONNECT_PROCESS_MILLIS, () -> {
            if (account == null) {
                reject("Stale Leaf Node Connection - Closing", "Stale Connection");
            }
        });
    }

    private static SubjectPermission subjects(LeafInfo.Permission permission) {
        return permission == null ? null : new SubjectPermission(permission.allow == null ? List.of() : permission.allow,
                permission.deny == null ? List.of() : permission.deny);
    }

    /**
     * Binds the account, then sends {@code first} and this side's interest in one write. False,
     * with nothing bound, when the account's leaf limit refuses the connection.
     */
    private boolean register(Account bound, String first) {
        account = bound;
        if (!leafNodes.register(this)) {
            account = null;
            return false;
        }
        denyJetStream(bound);
        announced.sendInitial(bound, first, leafNodes.loopSubject(bound));
        markRegistered();
        return true;
    }

    /**
     * nats-server keeps JetStream's subjects on its side of a leaf connection unless both servers
     * run JetStream in one domain and share the system account; jnatsd has no JetStream, so no
     * leaf connection carries them, either way ({@link JetStreamDeny}), and the line nats-server
     * logs then says so. On the system account its cluster and raft subjects stay too.
     */
    private void denyJetStream(Account bound) {
        if (leafNodes.systemAccount(bound)) {
            String from = remoteCluster == null || remoteCluster.isEmpty() ? remoteName : remoteName + "/" + remoteCluster;
            LOG.info("{} - System account connected from {}", logPrefix(), from);
            LOG.info("{} - JetStream not extended, domains differ", logPrefix());
            jetStream = JetStreamDeny.SYSTEM;
        } else {
            LOG.info("{} - JetStream using domains: local \"\", remote \"{}\"", logPrefix(), remoteDomain);
            jetStream = JetStreamDeny.CLIENT;
        }
    }

    /**
     * The account has as many leaf connections as its limit allows: nats-server's refusal (its
     * {@code ErrTooManyAccountConnections}, also sent to a leaf closed because the cluster went
     * over the limit).
     */
    void accountConnectionsExceeded() {
        if (!channel().eventLoop().inEventLoop()) {
            channel().eventLoop().execute(this::accountConnectionsExceeded);
            return;
        }
        String text = ProtocolError.MAXIMUM_ACCOUNT_CONNECTIONS_EXCEEDED.text();
        LOG.error("{} - {}", logPrefix(), text);
        sendError(text);
        close("Maximum Account Connections Exceeded");
    }

    // ---- the leaf grammar -----------------------------------------------------------------------

    @Override
    public void ping() {
        sendPong();
    }

    @Override
    public void pong() {
        pongReceived();
        long rtt = rttNanos();
        if (compression.automatic() && CompressionNegotiation.compressing(compressionMode) && rtt > 0) {
            // s2_auto follows the round trip (LEAFNODES.md §11, ROUTES.md §10)
            String mode = compression.byRoundTrip(java.time.Duration.ofNanos(rtt));
            if (!mode.equals(compressionMode)) {
                changeCompression(CompressionNegotiation.level(mode));
                compressionMode = mode;
            }
        }
    }

    @Override
    public void error(String text) {
        LOG.error("{} - Leafnode Error {}", logPrefix(), text);
        // nats-server's follow-up lines; the delay applies to the side that dials
        if (text.contains("remote leafnode has same cluster name")) {
            LOG.error("{} - Leafnode connection dropped with same cluster name error. Delaying attempt to reconnect for {}",
                    logPrefix(), LeafNodes.LOOP_DELAY_TEXT);
        } else if (text.contains("Loop detected")) {
            LOG.error("{} - Loop detected for leafnode account=\"{}\". Delaying attempt to reconnect for {}", logPrefix(),
                    account == null ? "" : account.name(), LeafNodes.LOOP_DELAY_TEXT);
        }
        if (text.contains("Loop detected") || text.contains("remote leafnode has same cluster name")
                || text.contains("Permissions Violation")) {
            reconnectDelayMillis = LeafNodes.LOOP_DELAY_MILLIS;
        }
        if (account != null) {
            close("Parse Error");
        }
        // else a refused handshake: nats-server's spoke leaves the closing to the hub, which follows
        // its -ERR with it (Client Closed); the stale-connection deadline still bounds the wait
    }

    @Override
    public void subscribe(String subject, String queue, int weight) throws ProtocolException {
        Account bound = bound("LS+");
        if (subject.equals(leafNodes.loopSubject(bound))) {
            String text = "Loop detected for leafnode account=\"" + bound.name()
                    + "\". Delaying attempt to reconnect for " + LeafNodes.LOOP_DELAY_TEXT;
            LOG.error("{} - {}", logPrefix(), text);
            reconnectDelayMillis = LeafNodes.LOOP_DELAY_MILLIS;
            reject(text, "Protocol Violation");
            return;
        }
        LeafPermissions allowed = permissions;
        // as nats-server, a literal subject the peer may not be sent is a violation; a wildcard is filtered
        boolean jetStreamDenied = jetStream.denies(subject) && Subjects.isValidLiteralSubject(subject);
        if (jetStreamDenied || allowed != null && !allowed.acceptsInterest(subject)) {
            if (solicited()) {
                return;   // the hub told us what we may send: interest beyond it is just not taken
            }
            LOG.error("{} - Subscription Violation on \"{}\" - Check other side configuration", logPrefix(), subject);
            reject("Permissions Violation for Subscription to \"" + subject + "\"", "Protocol Violation");
            return;
        }
        String key = queue == null ? subject : subject + ' ' + queue;
        Subscription existing = remoteInterest.get(key);
        if (existing != null) {
            int delta = weight - existing.weight();
            existing.weight(weight);
            if (delta != 0 && queue != null) {
                leafNodes.remoteWeightChanged(this, bound, existing, delta);
            }
            return;
        }
        String cluster = remoteCluster;
        Subscription interest = Subscription.remote(this, cluster == null || cluster.isEmpty() ? null : cluster,
                subject, queue, weight, key);
        remoteInterest.put(key, interest);
        bound.subscriptions().insert(interest);
        leafNodes.remoteInterestChanged(this, bound, interest, true);
    }

    @Override
    public void unsubscribe(String subject, String queue) throws ProtocolException {
        Account bound = bound("LS-");
        Subscription interest = remoteInterest.remove(queue == null ? subject : subject + ' ' + queue);
        if (interest != null) {
            bound.subscriptions().remove(interest);
            if (linkTrace().on()) {
                linkTrace().removed(interest.sid());
            }
            leafNodes.remoteInterestChanged(this, bound, interest, false);
        }
    }

    /** Nothing but the handshake is processed before the account is bound (LEAFNODES.md §15). */
    private Account bound(String verb) throws ProtocolException {
        Account bound = account;
        if (bound == null) {
            throw new ProtocolException(ProtocolError.AUTHORIZATION_VIOLATION, verb + " before the handshake");
        }
        return bound;
    }

    @Override
    public void message(MessageFrame message, QueueNames queues) throws ProtocolException {
        Account bound = bound("LMSG");
        countIn(message.totalSize());
        MessageFrame routed = bound.mapped(message);
        if (routed != null) {
            leafNodes.router().deliverFromLeaf(bound, routed, this, queues, !spoke, FlushBatch.current());
        }
    }

    // ---- outbound, from any loop --------------------------------------------------------------------

    @Override
    public void forward(Account ignored, MessageFrame message, QueueNames queues, FlushBatch batch) {
        if (jetStream.denies(message.subject())) {
            return;
        }
        LeafPermissions allowed = permissions;
        if (allowed != null && !allowed.maySend(message.subject())) {
            return;   // deny_exports on a spoke, the spoke's deny_pub on the hub
        }
        int status;
        var outbound = outbound();
        synchronized (outbound) {
            ByteBuf out = outbound.buffer();
            if (out == null) {
                return;
            }
            int lineStart = out.writerIndex();
            RouteMessageEncoder.writeLeafMessage(out, message, queues, headers);
            if (linkTrace().on()) {
                linkTrace().sentMessage(out, lineStart);
            }
            status = outbound.appended(message.totalSize());
        }
        if (!outbound.settle(status, batch)) {
            LOG.info("{} - Slow Consumer Detected: MaxPending of {} Exceeded", logPrefix(), leafNodes.maxPendingBytes());
            leafNodes.slowConsumer();
            outbound.close();
            close("Slow Consumer (Pending Bytes)");
        }
    }

    @Override
    public boolean leafNode() {
        return true;
    }

    @Override
    public boolean receivesRoutedMessages() {
        return !spoke;
    }

    @Override
    public String leafCluster() {
        return remoteCluster;
    }

    @Override
    public byte[] leafClusterBytes() {
        byte[] bytes = remoteClusterBytes;
        if (bytes == null) {
            String cluster = remoteCluster;
            if (cluster == null || cluster.isEmpty()) {
                return null;
            }
            bytes = cluster.getBytes(StandardCharsets.UTF_8);
            remoteClusterBytes = bytes;
        }
        return bytes;
    }

    /** Whether interest in {@code subject} may be announced to the peer (deny_imports on a spoke). */
    boolean mayAnnounce(String subject) {
        LeafPermissions allowed = permissions;
        return !jetStream.denies(subject) && (allowed == null || allowed.mayAnnounce(subject));
    }

    /** An asynchronous INFO (the hub's URLs changed), written at once. */
    void sendInfo(String line) {
        writeLines(line);
    }

    /** Interest lines (LS+, LS-) to the peer, written at once and traced as nats-server traces each. */
    void sendInterest(CharSequence lines) {
        sendInterest("", lines);
    }

    /** {@code first} (INFO #2 on the hub, not traced) and interest lines in one write. */
    void sendInterest(String first, CharSequence lines) {
        if (linkTrace().on()) {
            linkTrace().sentLines(lines);
        }
        writeLines(first.isEmpty() ? lines : first + lines);
    }

    // ---- what LeafNodes and monitoring read -------------------------------------------------------

    Account account() {
        return account;
    }

    /** Whether this server is the spoke on this connection (LEAFNODES.md §8.2); see the class comment. */
    boolean spoke() {
        return spoke;
    }

    LeafNodes leafNodes() {
        return leafNodes;
    }

    LeafRemote remote() {
        return remote;
    }

    LeafInterest announced() {
        return announced;
    }

    String remoteName() {
        return remoteName;
    }

    String remoteCluster() {
        return remoteCluster;
    }

    /** This side's writer mode (/leafz {@code compression}): off, not supported, s2_uncompressed, s2_fast... */
    String compressionMode() {
        return compressionMode;
    }

    int remoteInterestCount() {
        return remoteInterest.size();
    }

    /** The peer's interest entries, for /leafz {@code subs=1}. */
    java.util.Collection<Subscription> remoteInterest() {
        return remoteInterest.values();
    }

    /** The version and user of an accepted leaf's CONNECT, for closed-connection monitoring; null on the spoke. */
    String remoteVersion() {
        return remoteVersion;
    }

    String remoteUser() {
        return remoteUser;
    }

    /** The pause before the remote is dialed again; -1 for the configured reconnect delay. */
    long reconnectDelayMillis() {
        return reconnectDelayMillis;
    }
}
