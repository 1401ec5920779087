package io.jnatsd.leaf;

import io.jnatsd.auth.AuthResult;
import io.jnatsd.auth.ConnectAttempt;
import io.jnatsd.auth.Passwords;
import io.jnatsd.config.LeafNodeOptions;
import io.jnatsd.config.Permissions;
import io.jnatsd.config.SubjectPermission;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.MessageRouter;
import io.jnatsd.dispatch.RouteLink;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.auth.Nonces;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.link.CompressionNegotiation;
import io.jnatsd.link.ConnectErrorReports;
import io.jnatsd.link.DialError;
import io.jnatsd.link.LinkDialer;
import io.jnatsd.protocol.ConnectOptions;
import io.jnatsd.protocol.GoJson;
import io.jnatsd.protocol.ProtocolException;
import io.jnatsd.protocol.Versions;
import io.jnatsd.protocol.leaf.LeafConnect;
import io.jnatsd.protocol.leaf.LeafInfo;
import io.jnatsd.transport.ServerStartException;
import io.jnatsd.transport.EventLoops;
import io.jnatsd.transport.tls.LeafTls;
import io.jnatsd.transport.websocket.UpgradeTarget;
import io.jnatsd.transport.websocket.WebsocketUpgradeClient;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The leaf node side of one server (LEAFNODES.md): the leafnode listener and the remotes it dials
 * (as the spoke, or the hub with {@code hub: true}), account binding, which interest each connection is
 * offered (§8.2), and the {@code $LDS.} loop subject of every account (§8.3). Registry changes are
 * rare; the message path reaches leaf connections through the account's subject index.
 */
public final class LeafNodes {
    private static final Logger LOG = LoggerFactory.getLogger(LeafNodes.class);
    static final long LOOP_DELAY_MILLIS = 30_000;
    /** The same, as nats-server's lines print it (Go's duration text). */
    static final String LOOP_DELAY_TEXT = "30s";
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LeafEnvironment environment;
    private final LeafNodeOptions options;
    private final LinkDialer dialer;
    private final ConnectErrorReports errorReports;
    /** The listener's TLS, null without one; replaced by a reload that reads its files again. */
    private volatile LeafTls tls;
    private final CompressionNegotiation compression;
    private final List<LeafConnection> connections = new CopyOnWriteArrayList<>();
    private final List<LeafRemote> remotes = new ArrayList<>();
    private final Map<String, String> loopSubjects = new ConcurrentHashMap<>();
    private final LeafTraffic closedTraffic = new LeafTraffic();
    private final ClosedLeafs closedLeafs;
    private Channel listener;
    private volatile String advertisedUrl;
    /** The hub URLs and websocket URLs leafs were last told. */
    private List<List<String>> announcedHubUrls;
    private volatile boolean shuttingDown;

    public LeafNodes(LeafEnvironment environment) {
        this.environment = environment;
        this.options = environment.options().leafnodes();
        this.dialer = new LinkDialer(environment.eventLoops());
        this.errorReports = new ConnectErrorReports(environment::options);
        this.closedLeafs = new ClosedLeafs(environment.options().maxClosedClients());
        this.tls = LeafTls.acceptor(options.tls());
        this.compression = new CompressionNegotiation(options.compression());
        for (LeafNodeOptions.Remote remote : options.remotes()) {
            remotes.add(new LeafRemote(remote, LeafTls.pinsOf(options.tls())));
            if (remote.credentials() != null) {
                LeafCredentials.checkReadable(remote.credentials());
            }
        }
    }

    /** Opens the leafnode listener, when the block has a port (before the routes: their INFO carries its URL). */
    public void startListening() {
        if (options.listening()) {
            listen();
        }
    }

    /** Dials every remote. */
    public void startSoliciting() {
        for (LeafRemote remote : remotes) {
            solicit(remote);
        }
    }

    private void listen() {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(environment.eventLoops())
                .channel(EventLoops.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast("leafnode",
                                new LeafConnection(LeafNodes.this, environment.nextConnectionId(), null, null, false));
                    }
                });
        try {
            listener = EventLoops.bindPaused(bootstrap, options.host(), Math.max(0, options.port()));
        } catch (Exception e) {
            throw new ServerStartException("Error listening on leafnode port: " + options.host() + ":"
                    + options.port() + ", \"" + e.getMessage() + "\"", e);
        }
        LOG.info("Listening for leafnode connections on {}:{}", options.host(), listenPort());
        if (options.advertise() != null) {
            advertisedUrl = options.advertise().contains(":") ? options.advertise()
                    : options.advertise() + ":" + listenPort();
            LOG.info("Advertise address for leafnode is set to {}", advertisedUrl);
        } else {
            String host = options.host().equals("0.0.0.0") || options.host().equals("::") ? "127.0.0.1" : options.host();
            advertisedUrl = host + ":" + listenPort();
        }
        synchronized (this) {
            announcedHubUrls = List.of(hubUrls(), environment.peerWebsocketUrls());   // what every first INFO says
        }
        EventLoops.startAccepting(listener);
    }

    /**
     * Whether leaf nodes may come in through the websocket listener: as in nats-server, when the
     * {@code leafnodes {}} block has a listen port.
     */
    public boolean acceptsWebsocket() {
        return options.listening();
    }

    /** A leaf node connection for a websocket upgrade on {@code /leafnode}, and its close reason. */
    public UpgradeTarget.Client acceptWebsocket() {
        LeafConnection connection = new LeafConnection(this, environment.nextConnectionId(), null, null, true);
        return new UpgradeTarget.Client(connection, connection::closeReason);
    }

    /** The largest inflated websocket message a leaf link reads. */
    private int maxWebsocketMessageBytes() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(maxPendingBytes(), environment.options().maxPayload()));
    }

    /** Closes the listener; whether one was open (nats-server logs that its accept loop ended). */
    public boolean stopAccepting() {
        if (listener == null || !listener.isOpen()) {
            return false;
        }
        listener.close();
        return true;
    }

    /** Whether this server is shutting down: its links then close without the trace of a lost peer. */
    boolean shuttingDown() {
        return shuttingDown;
    }

    public void shutdown() {
        shuttingDown = true;
        stopAccepting();
        for (LeafConnection connection : connections) {
            connection.close("Server Shutdown");
        }
        for (LeafRemote remote : remotes) {
            LeafConnection pending = remote.connection();
            if (pending != null) {
                pending.close("Server Shutdown");
            }
        }
    }

    // ---- dialing --------------------------------------------------------------------------------------

    private void solicit(LeafRemote remote) {
        if (shuttingDown) {
            return;
        }
        LeafUrl url = remote.next();
        if (url == null) {
            return;
        }
        LOG.debug("Trying to connect as leafnode to remote server on \"{}\"", url.hostPort());
        LeafConnection connection = new LeafConnection(this, environment.nextConnectionId(), remote, url, url.websocket());
        remote.connection(connection);
        ChannelHandler handlers = connection;
        if (url.websocket()) {
            handlers = new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channel.pipeline().addLast("ws-upgrade", new WebsocketUpgradeClient(url.hostPort(), url.path(),
                            remote.websocketCompression(), remote.websocketNoMasking(), maxWebsocketMessageBytes(),
                            connection::closeReason, why -> {
                                LOG.error("{} - Error soliciting websocket connection: {}", connection.logPrefix(), why);
                                connection.close("Read Error");
                            }));
                    channel.pipeline().addLast("leafnode", connection);
                }
            };
        }
        dialer.dial(url.host(), url.port(), handlers, cause -> {
            LeafRemote.DialAttempt attempt = remote.dialFailed();
            String why = DialError.describe(url.host(), url.port(), cause);
            if (errorReports.asError(attempt.firstConnect(), attempt.number())) {
                LOG.error("Error trying to connect as leafnode to remote server \"{}\" (attempt {}): {}", url.hostPort(),
                        attempt.number(), why);
            } else {
                LOG.debug("Error trying to connect as leafnode to remote server \"{}\" (attempt {}): {}", url.hostPort(),
                        attempt.number(), why);
            }
            remote.connection(null);
            // after a failed dial nats-server waits reconnect plus a random part of it (LEAFNODES.md §13)
            long reconnect = options.reconnect().toMillis();
            dialer.later(() -> solicit(remote), reconnect + ThreadLocalRandom.current().nextLong(reconnect + 1));
        });
    }

    // ---- connections ----------------------------------------------------------------------------------

    /** Registers a connection bound to its account, unless the account's leaf limit is reached. */
    boolean register(LeafConnection connection) {
        Account account = connection.account();
        if (!environment.joinLeafAccount(account, () -> connections.add(connection))) {
            return false;
        }
        environment.leafAccountChanged(account.name());
        return true;
    }

    void closed(LeafConnection connection) {
        if (connections.remove(connection)) {
            closedTraffic.closed(new LeafView(connection));
            closedLeafs.add(ClosedLeaf.of(connection, java.time.Instant.now()));
            Account account = connection.account();
            if (account != null) {
                environment.leafAccountChanged(account.name());
            }
        }
        LeafRemote remote = connection.remote();
        if (remote == null || shuttingDown) {
            return;
        }
        remote.connection(null);
        long delay = connection.reconnectDelayMillis() >= 0 ? connection.reconnectDelayMillis()
                : options.reconnect().toMillis();
        dialer.later(() -> solicit(remote), delay);
    }

    /**
     * An accepted leaf's account, its user's permissions (null: none), and whether the user is
     * one of {@code leafnodes { authorization }} (nats-server refuses those, when their account
     * is full, as a failed login).
     */
    record Admission(Account account, Permissions permissions, boolean leafAuthorization) {
    }

    /**
     * The account an accepted leaf binds to and its user's permissions (LEAFNODES.md §6), or null
     * when its credentials are refused. {@code nonce} is the one our first INFO carried (NKey and
     * JWT leafs sign it).
     */
    Admission authenticate(LeafConnect connect, String nonce, java.net.InetAddress address) throws ProtocolException {
        if (!options.users().isEmpty()) {
            for (LeafNodeOptions.LeafUser user : options.users()) {
                if (user.nkey() != null ? user.nkey().equals(connect.nkey)
                        && Nonces.verify(user.nkey(), NKeyType.USER, nonce, connect.sig)
                        : user.user().equals(connect.user) && Passwords.matches(connect.pass == null ? "" : connect.pass,
                        user.password())) {
                    Account account = environment.account(user.account() == null ? "$G" : user.account());
                    return account == null ? null : new Admission(account, null, true);
                }
            }
            return null;
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        if (connect.user != null) {
            credentials.put("user", connect.user);
        }
        if (connect.pass != null) {
            credentials.put("pass", connect.pass);
        }
        if (connect.authToken != null) {
            credentials.put("auth_token", connect.authToken);
        }
        if (connect.nkey != null) {
            credentials.put("nkey", connect.nkey);
        }
        if (connect.jwt != null) {
            credentials.put("jwt", connect.jwt);
        }
        if (connect.sig != null) {
            credentials.put("sig", connect.sig);
        }
        String json;
        try {
            json = GoJson.compact().writeValueAsString(credentials);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
        AuthResult result = environment.authenticate(ConnectAttempt.leaf(ConnectOptions.parse(json), nonce, address));
        if (result == null) {
            return null;
        }
        Account account = environment.account(result.account());
        return account == null ? null : new Admission(account, result.permissions(), false);
    }

    /**
     * When a leaf's user JWT belongs to an account this server does not know and its resolver is
     * fetching it: completes when the fetch ends. Null when there is nothing to wait for.
     */
    java.util.concurrent.CompletableFuture<Boolean> accountLookup(String userJwt) {
        return options.users().isEmpty() && userJwt != null ? environment.leafAccountLookup(userJwt) : null;
    }

    /**
     * Whether {@code subscription} is announced on {@code to} (LEAFNODES.md §8.2): a hub offers
     * everything of the account except the leaf's own and what originates in its cluster (held by
     * another leaf of that cluster here or on a route peer); a spoke only local interest and that
     * of leafs it is the hub of, never interest learned from routes or from its hub.
     */
    boolean offers(LeafConnection to, Subscription subscription) {
        RouteLink from = subscription.route();
        if (from == to) {
            return false;
        }
        String origin = subscription.origin();
        if (origin != null && !origin.isEmpty() && origin.equals(to.remoteCluster())) {
            return false;
        }
        if (!to.mayAnnounce(subscription.subject())) {
            return false;
        }
        if (from instanceof LeafConnection leaf) {
            return !to.spoke() || !leaf.spoke();
        }
        return from == null || !to.spoke();
    }

    /** The account's mappings changed: its leaf connections hear of sources they were not sent yet. */
    public void mappingsChanged(Account account) {
        for (LeafConnection connection : connections) {
            if (connection.account() == account) {
                account.mappings().sources().stream().filter(connection::mayAnnounce)
                        .forEach(source -> connection.announced().forceAdd(source));
            }
        }
    }

    /** A local subscription, a route's or a hub-side leaf's interest changed: tell the leaf connections that offer it. */
    public void interestChanged(Account account, Subscription subscription, boolean added) {
        for (LeafConnection connection : connections) {
            if (connection.account() == account && offers(connection, subscription)) {
                connection.announced().changed(subscription, added);
            }
        }
    }

    /** A route's or another leaf's queue weight changed by {@code delta}: the sums we announce change with it. */
    public void weightChanged(Account account, Subscription subscription, int delta) {
        for (LeafConnection connection : connections) {
            if (connection.account() == account && offers(connection, subscription)) {
                connection.announced().changed(subscription, delta);
            }
        }
    }

    /** {@code from} announced or withdrew interest. */
    void remoteInterestChanged(LeafConnection from, Account account, Subscription subscription, boolean added) {
        if (from.spoke()) {
            interestChanged(account, subscription, added);   // the hub's interest: only our own leafs hear of it
        } else if (added) {
            environment.leafInterestAdded(account, subscription);
        } else {
            environment.leafInterestRemoved(account, subscription);
        }
    }

    /** {@code from} re-announced a queue weight, {@code delta} members more or fewer. */
    void remoteWeightChanged(LeafConnection from, Account account, Subscription subscription, int delta) {
        if (from.spoke()) {
            weightChanged(account, subscription, delta);
        } else {
            environment.leafInterestWeightChanged(account, subscription, delta);
        }
    }

    /** The account's {@code $LDS.} subject, made on first use and kept for the life of the server. */
    String loopSubject(Account account) {
        return loopSubjects.computeIfAbsent(account.name(), name -> {
            char[] id = new char[22];
            for (int i = 0; i < id.length; i++) {
                id[i] = BASE62[RANDOM.nextInt(BASE62.length)];
            }
            return LeafConnection.LOOP_PREFIX + new String(id);
        });
    }

    // ---- the dialect's handshake lines -------------------------------------------------------------

    private LeafInfo info(long clientId) {
        ServerOptions server = environment.options();
        LeafInfo info = new LeafInfo();
        info.serverId = environment.serverId();
        info.serverName = environment.serverName();
        info.version = Versions.PROTOCOL_VERSION;
        info.proto = 1;
        info.go = Versions.RUNTIME;
        int colon = advertisedUrl.lastIndexOf(':');
        info.host = advertisedUrl.substring(0, colon);
        info.port = Integer.parseInt(advertisedUrl.substring(colon + 1));
        info.headers = !server.noHeaderSupport();
        info.authRequired = true;
        info.maxPayload = server.maxPayload();
        info.ip = advertisedUrl;
        info.clientId = clientId;
        info.cluster = server.cluster() != null ? server.cluster().name() : null;
        info.infoOnConnect = true;
        info.leafnodeUrls = hubUrls();
        info.wsConnectUrls = environment.peerWebsocketUrls();
        return info;
    }

    /**
     * The {@code leafnode_urls} leafs are told: this server's (unless {@code no_advertise}) and its
     * route peers', so that a leaf fails over to another server of the hub's cluster (LEAFNODES.md §13).
     */
    private List<String> hubUrls() {
        List<String> urls = new ArrayList<>();
        if (!options.noAdvertise() && advertisedUrl != null) {
            urls.add(advertisedUrl);
        }
        for (String url : environment.peerLeafNodeUrls()) {
            if (!urls.contains(url)) {
                urls.add(url);
            }
        }
        return urls;
    }

    /** This server's leaf node URL for its route peers ({@code leafnode_urls} of route INFO); none unadvertised. */
    public List<String> ownUrls() {
        return !options.listening() || options.noAdvertise() || advertisedUrl == null ? List.of()
                : List.of(advertisedUrl);
    }

    /**
     * The hub's cluster changed: when the URLs or websocket URLs leafs are told changed, every
     * accepted leaf gets an INFO with them, as nats-server sends one.
     */
    public void hubUrlsChanged() {
        if (!options.listening()) {
            return;
        }
        List<List<String>> now = List.of(hubUrls(), environment.peerWebsocketUrls());
        synchronized (this) {
            if (now.equals(announcedHubUrls)) {
                return;
            }
            announcedHubUrls = now;
        }
        String line = info(0).line();
        for (LeafConnection connection : connections) {
            if (!connection.solicited()) {
                connection.sendInfo(line);
            }
        }
    }

    /** The acceptor's first INFO: with a nonce, the TLS requirement and the compression mode offered. */
    LeafInfo firstInfo(long clientId) {
        LeafInfo info = info(clientId);
        info.tlsRequired = tls != null;
        info.tlsVerify = tls != null && tls.verify();
        info.nonce = Nonces.next();
        info.compression = compression.advertised();
        return info;
    }

    /** INFO #2, the answer to an accepted CONNECT. */
    LeafInfo connectInfo(long clientId, String account, Permissions permissions) {
        LeafInfo info = info(clientId);
        info.connectInfo = true;
        info.remoteAccount = account;
        if (permissions != null) {
            info.importPermission = wire(permissions.subscribe());
            info.exportPermission = wire(permissions.publish());
        }
        return info;
    }

    private static LeafInfo.Permission wire(SubjectPermission permission) {
        return permission == null || (permission.allow().isEmpty() && permission.deny().isEmpty()) ? null
                : new LeafInfo.Permission(permission.allow(), permission.deny());
    }

    /**
     * The solicitor's CONNECT: the remote's creds file or seed signs the hub's {@code nonce}, else
     * the URL's user info is sent; {@code compressMode} is our negotiated writer mode.
     */
    LeafConnect connect(LeafRemote remote, LeafUrl url, String compressMode, String nonce) throws java.io.IOException {
        LeafConnect connect = new LeafConnect();
        connect.version = Versions.PROTOCOL_VERSION;
        LeafCredentials credentials = remote.credentials();
        if (credentials != null) {
            credentials.sign(connect, nonce);
        } else {
            connect.user = remote.user(url);
            connect.pass = remote.password(url);
        }
        connect.serverId = environment.serverId();
        connect.name = environment.serverName();
        connect.cluster = clusterName();
        connect.headers = !environment.options().noHeaderSupport();
        connect.denyPub = remote.denyImports().isEmpty() ? null : remote.denyImports();
        connect.compressMode = compressMode;
        connect.remoteAccount = remote.localAccount();
        connect.hub = remote.hub();
        return connect;
    }

    /** This server's cluster name; a server without one uses its name (LEAFNODES.md §2.2). */
    String clusterName() {
        ServerOptions server = environment.options();
        if (server.cluster() != null && server.cluster().name() != null) {
            return server.cluster().name();
        }
        return environment.serverName();
    }

    // ---- what connections and monitoring read ------------------------------------------------------

    Account account(String name) {
        return environment.account(name);
    }

    MessageRouter router() {
        return environment.router();
    }

    void slowConsumer() {
        environment.leafSlowConsumer();
    }

    long maxPendingBytes() {
        return environment.options().maxPending();
    }

    Duration writeDeadline() {
        return environment.options().writeDeadline();
    }

    int maxTracedMessageLength() {
        return environment.options().maxTracedMessageLength();
    }

    long pingIntervalMillis() {
        return environment.options().pingInterval().toMillis();
    }

    int pingMax() {
        return environment.options().pingMax();
    }

    /** Whether {@code account} is this server's system account. */
    boolean systemAccount(Account account) {
        return account.name().equals(environment.options().systemAccountName());
    }

    /** The oldest version an accepted leaf may run, null for any. */
    String minVersion() {
        return options.minVersion();
    }

    /** The listener's TLS, null without one. */
    LeafTls tls() {
        return tls;
    }

    /**
     * A reload: the TLS files of the listener and of every remote are read again, so certificates
     * rotated under the same names serve the leaf connections made from now on, as nats-server's
     * reload does; established connections keep their session. The caller has checked that only
     * what a reload may change in those {@code tls} blocks differs.
     *
     * @throws io.jnatsd.transport.tls.TlsSetupException when a file cannot be used; nothing is replaced then
     */
    public void reloadTls(LeafNodeOptions fresh) {
        LeafTls listener = LeafTls.acceptor(fresh.tls());
        List<LeafTls> solicitors = new ArrayList<>();
        for (LeafNodeOptions.Remote remote : fresh.remotes()) {
            solicitors.add(remote.tls() == null ? null : LeafTls.solicitor(remote.tls(), LeafTls.pinsOf(fresh.tls())));
        }
        tls = listener;
        for (int i = 0; i < remotes.size(); i++) {
            remotes.get(i).reloadTls(solicitors.get(i));
        }
    }

    /** The compression accepted leafs are offered. */
    CompressionNegotiation compression() {
        return compression;
    }

    long authTimeoutMillis() {
        return options.authTimeout().toMillis();
    }

    /** The bound leafnode port, 0 when not listening. */
    public int listenPort() {
        return listener == null ? 0 : ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The writer compression mode of each registered leaf connection (/leafz {@code compression}). */
    public List<String> compressionModes() {
        return connections.stream().map(LeafConnection::compressionMode).toList();
    }

    /** This server's registered leaf connections bound to the account, accepted and solicited (as nats-server counts them). */
    public long accountConnections(String account) {
        long count = 0;
        for (LeafConnection connection : connections) {
            Account bound = connection.account();
            if (bound != null && bound.name().equals(account)) {
                count++;
            }
        }
        return count;
    }

    /** Closes the account's {@code count} newest leaf connections: the cluster went over the account's leaf limit. */
    public void closeNewest(String account, int count) {
        int left = count;
        List<LeafConnection> registered = List.copyOf(connections);
        for (int i = registered.size() - 1; i >= 0 && left > 0; i--) {
            LeafConnection connection = registered.get(i);
            Account bound = connection.account();
            if (bound != null && bound.name().equals(account)) {
                connection.accountConnectionsExceeded();
                left--;
            }
        }
    }

    /** Registered leaf connections, for monitoring and tests. */
    public int connectionCount() {
        return connections.size();
    }

    /** The registered leaf connections in the order of their ids, for monitoring. */
    public List<LeafView> views() {
        List<LeafView> views = new ArrayList<>(connections.size());
        for (LeafConnection connection : connections) {
            views.add(new LeafView(connection));
        }
        views.sort(java.util.Comparator.comparingLong(LeafView::cid));
        return views;
    }

    /** What leaf connections carried before they closed (registered ones only). */
    public LeafTraffic closedTraffic() {
        return closedTraffic;
    }

    /** The last closed leaf connections, oldest first, for {@code /connz?state=closed}. */
    public List<ClosedLeaf> closedConnections() {
        return closedLeafs.snapshot();
    }

    /** The leafnode options this side runs with (the {@code /varz} leaf block). */
    public LeafNodeOptions options() {
        return options;
    }
}
