package io.jnatsd.server;

import io.jnatsd.transport.ServerStartException;
import io.jnatsd.protocol.Versions;
import io.jnatsd.auth.AccountFetcher;
import io.jnatsd.auth.AuthResult;
import io.jnatsd.auth.Authenticator;
import io.jnatsd.auth.ConnectAttempt;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.ClientEnvironment;
import io.jnatsd.cluster.Cluster;
import io.jnatsd.cluster.ClusterEnvironment;
import io.jnatsd.config.MonitorChecks;
import io.jnatsd.config.ReloadNotices;
import io.jnatsd.config.ReloadPlan;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.TlsOptions;
import io.jnatsd.dispatch.RouteLink;
import io.jnatsd.gateway.GatewayEnvironment;
import io.jnatsd.gateway.Gateways;
import io.jnatsd.leaf.LeafEnvironment;
import io.jnatsd.leaf.LeafNodes;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.AccountImports;
import io.jnatsd.dispatch.ResponseTracker;
import io.jnatsd.dispatch.MessageRouter;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.protocol.ConnectOptions;
import io.jnatsd.transport.EventLoops;
import io.jnatsd.transport.tls.CertificatePins;
import io.jnatsd.transport.tls.ClientTls;
import io.jnatsd.transport.tls.TlsSetupException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One jnatsd server: owns the event loops, the client listener, the accounts, the registry of
 * connections and (when clustering) the {@link Cluster}; it is the environment client and route
 * connections work in, and where the two meet.
 */
public final class NatsServer implements ClientEnvironment, ClusterEnvironment, GatewayEnvironment, LeafEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(NatsServer.class);
    /** nats-server warns about a max_payload above 8 MiB. */
    private static final int LARGE_PAYLOAD_BYTES = 8 * 1024 * 1024;

    private volatile ServerOptions options;
    private final ServerIdentity identity = new ServerIdentity();
    private final Accounts accounts;
    private volatile Authenticator authenticator;
    private final MessageRouter router = new MessageRouter();
    private final ServerStatistics statistics = new ServerStatistics();
    private final ClosedConnections closedConnections;
    private final Map<Long, ClientConnection> clients = new ConcurrentHashMap<>();
    /** Connections of every kind since the start; each one's id is this count plus {@link #internalClientIds}. */
    private final AtomicLong connectionsStarted = new AtomicLong();
    private final long internalClientIds;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Instant startTime = Instant.now();
    private EventLoopGroup loops;
    private Channel clientListener;
    private volatile ClientTls clientTls;
    private volatile ClientInfo clientInfo;
    private volatile boolean shuttingDown;
    private volatile Cluster cluster;
    private volatile Gateways gateways;
    private volatile LeafNodes leafNodes;
    /** Null without a websocket listener; its classes load only when one is configured. */
    private volatile WebsocketClients websocket;
    /** What re-applies debug, trace, logtime and log_file on a reload: the launcher's logging, if any. */
    private volatile Consumer<ServerOptions> loggingReload;
    private final ConnectUrlLists connectUrlLists = new ConnectUrlLists();
    /** A peer has registered once: from then on connect_urls lists at least this server. */
    private volatile Instant configLoadTime = startTime;
    private volatile boolean lameDuck;
    private volatile ConnectionEvents connectionEvents = ConnectionEvents.NONE;
    /** Hears each account registered once in use (the system account asks the others for its counts). */
    private volatile java.util.function.Consumer<String> accountRegistered = name -> { };
    /** Runs first on shutdown, while routes are still up (the system account's SHUTDOWN event). */
    private volatile Runnable shutdownAnnouncement = () -> { };
    private volatile Runnable lameDuckAnnouncement = () -> { };
    private volatile AccountFetcher accountFetcher;
    private volatile JwtAccountWiring jwtWiring;
    private volatile ResponseTracker responses;
    /** Writes the Nats-Request-Info header of every request crossing a service import. */
    private final RequesterInfoHeaders requesterInfo = new RequesterInfoHeaders(this);
    private final AccountConnections accountConnections = new AccountConnections(clients.values());
    private final AccountLeafConnections accountLeafConnections = new AccountLeafConnections(account -> {
        LeafNodes current = leafNodes;
        return current == null ? 0 : current.accountConnections(account);
    });

    public NatsServer(ServerOptions options) {
        this.options = options;
        this.accounts = new Accounts(options);
        this.internalClientIds = internalClientIds(options, accounts);
        this.authenticator = new Authenticator(options);
        this.closedConnections = new ClosedConnections(options.maxClosedClients());
    }

    /** Binds the client port and starts serving; returns when the server is ready. */
    public void start() throws InterruptedException {
        // The loops first: the server's key is made meanwhile (ServerIdentity).
        loops = EventLoops.newConnectionGroup("jnatsd-loop");
        LOG.info("Starting jnatsd");
        LOG.info("  Version:  {} (nats-server {} compatible)", Versions.JNATSD_VERSION, Versions.PROTOCOL_VERSION);
        // Work that needs neither the server's ID nor a log line comes before the lines that print
        // the ID: the key is still being made on another thread, and this thread would only wait.
        try {
            clientTls = ClientTls.of(options);
        } catch (TlsSetupException e) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new ServerStartException(e.getMessage(), e);
        }
        if (options.tls() != null && options.tls().connectionRateLimit() > 0) {
            loops.scheduleAtFixedRate(this::reportThrottledClients, 1, 1, TimeUnit.SECONDS);
        }
        ServerBootstrap bootstrap = clientBootstrap();
        try {
            if (options.clusterEnabled()) {
                cluster = new Cluster(this);
            }
            if (options.gatewayEnabled()) {
                gateways = new Gateways(this);
                accounts.onCreated(gateways::accountRegistered);
            }
            if (options.leafnodesEnabled()) {
                leafNodes = new LeafNodes(this);
            }
        } catch (TlsSetupException e) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new ServerStartException(e.getMessage(), e);
        } catch (ServerStartException e) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        String clusterName = cluster != null ? cluster.name() : gateways != null ? options.gateway().name() : null;
        if (clusterName != null) {
            LOG.info("  Cluster:  {}", clusterName);
        }
        LOG.info("  Name:     {}", serverName());
        LOG.info("  ID:       {}", serverId());
        warnAboutPlaintextPasswords(authenticator);
        if (options.configFile() != null) {
            LOG.info("Using configuration file: {}", options.configFile());
        }
        String monitoring = MonitorChecks.problem(options);
        if (monitoring != null) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new ServerStartException(monitoring, null);
        }
        if (options.maxPayload() > LARGE_PAYLOAD_BYTES) {
            LOG.warn("Maximum payloads over 8.00 MB are generally discouraged and could lead to poor performance");
        }
        if (options.systemAccountName() != null) {
            LOG.debug("Created system account: \"{}\"", options.systemAccountName());
        }
        authenticator.operatorLines().forEach(LOG::info);
        ResponseTracker responses = new ResponseTracker(router, this::interestAdded, this::interestRemoved);
        this.responses = responses;
        // Reply mappings whose responder went quiet expire even when no new request comes.
        loops.scheduleWithFixedDelay(responses::sweep, 1, 1, TimeUnit.SECONDS);
        AccountImports.bind(options.accounts(), accounts::get, router, responses, requesterInfo,
                this::interestAdded);
        ConfiguredMappings.fromOptions(options, accounts, this::mappingClusterName, this::mappingsChanged);
        jwtWiring = new JwtAccountWiring(accounts, router, responses, requesterInfo, this::interestAdded,
                this::interestRemoved, this::mappingClusterName, this::mappingsChanged);
        jwtWiring.rewire(() -> authenticator, loops);
        if (options.websocketEnabled()) {
            startWebsocket();   // nats-server opens it before the client port
        }
        try {
            clientListener = EventLoops.bindPaused(bootstrap, options.host(), Math.max(0, options.port()));
        } catch (Exception e) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new ServerStartException("Error listening on port: " + options.host() + ":" + options.port()
                    + ", \"" + e.getMessage() + "\"", e);
        }
        InetSocketAddress bound = (InetSocketAddress) clientListener.localAddress();
        clientInfo = new ClientInfo(serverId(), xkey(), options, authenticator.required(), advertisedHost(bound), bound.getPort());
        connectUrlLists.own(ClientUrls.of(options, bound.getPort()));
        EventLoops.startAccepting(clientListener);
        if (websocket != null) {
            websocket.startAccepting();   // its connections' INFO is derived from the client port's
        }
        LOG.info("Listening for client connections on {}:{}", options.host(), bound.getPort());
        if (options.tls() != null) {
            LOG.info("TLS required for client connections"); // nats-server's line, allow_non_tls or not
            if (options.tls().handshakeFirst() && options.tls().handshakeFirstFallback().isZero()) {
                LOG.warn("Clients that are not using \"TLS Handshake First\" option will fail to connect");
            }
        }
    }

    /**
     * Re-reads a link kind's TLS files when it runs ({@code running}); returns the option to
     * name as refused when a file cannot be used (logged as nats-server logs a failed reload), else null.
     */
    private static String linkTlsUnreadable(String option, boolean running, Runnable reload) {
        if (!running) {
            return null;
        }
        try {
            reload.run();
            return null;
        } catch (TlsSetupException e) {
            LOG.error("Failed to reload server configuration: {}", e.getMessage());
            return option;
        }
    }

    /** nats-server's warning, at a start whose configuration has one (a reload does not repeat it). */
    private static void warnAboutPlaintextPasswords(Authenticator authenticator) {
        if (authenticator.plaintextPasswords()) {
            LOG.warn("Plaintext passwords detected, use nkeys or bcrypt");
        }
    }

    private void startWebsocket() {
        try {
            websocket = WebsocketClients.start(this, loops);
        } catch (RuntimeException e) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e instanceof ServerStartException start ? start : new ServerStartException(e.getMessage(), e);
        }
    }

    /** The client listener's set-up; each accepted channel becomes a {@link ClientConnection}. */
    private ServerBootstrap clientBootstrap() {
        return EventLoops.clientListener(loops)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        ClientConnection client = new ClientConnection(NatsServer.this);
                        channel.pipeline().addLast("client", client);
                        ClientTls tls = clientTls;
                        if (tls != null) {
                            tls.install(channel, client::id, client::close);
                        }
                    }
                });
    }

    private String advertisedHost(InetSocketAddress bound) {
        if (options.clientAdvertise() != null) {
            return options.clientAdvertise().split(":")[0];
        }
        return options.host();
    }

    /**
     * Starts the route listener and dials the configured routes (when clustering is configured),
     * then the gateway listener and the configured remote clusters (when gateways are).
     */
    public void startCluster() {
        if (gateways != null) {
            gateways.start();   // first: route INFOs carry the gateway URL
        }
        if (leafNodes != null) {
            leafNodes.startListening();   // and the leaf node URL
        }
        if (cluster != null) {
            cluster.start();
        }
        if (leafNodes != null) {
            leafNodes.startSoliciting();
        }
    }

    /**
     * A reload that pins client certificates anew closes the clients the new {@code pinned_certs}
     * do not admit (a plain client of {@code allow_non_tls} included), as nats-server does.
     */
    private void closeUnpinnedClients(TlsOptions before, TlsOptions after) {
        java.util.Set<String> pins = after == null ? null : after.pinnedCerts();
        if (pins == null || Objects.equals(before == null ? null : before.pinnedCerts(), pins)) {
            return;
        }
        CertificatePins check = CertificatePins.of(pins);
        List<ClientConnection> unpinned = clients.values().stream()
                .filter(client -> !client.websocket() && !client.pinnedBy(check)).toList();
        if (!unpinned.isEmpty()) {
            LOG.info("Disconnect {} clients due to pinned certs reload", unpinned.size());
            unpinned.forEach(client -> client.close("TLS Handshake Failure"));
        }
    }

    /** nats-server's once-a-second warning about TLS clients {@code connection_rate_limit} turned away. */
    private void reportThrottledClients() {
        ClientTls tls = clientTls;
        long rejected = tls == null ? 0 : tls.rejected();
        if (rejected > 0) {
            LOG.warn("Rejected {} connections due to TLS rate limiting", rejected);
        }
    }

    /** Logs readiness once every listener of the server is up. */
    public void ready() {
        LOG.info("Server is ready");
    }

    public void shutdown() {
        if (shuttingDown) {
            return;
        }
        shuttingDown = true;
        LOG.info("Initiating Shutdown...");
        shutdownAnnouncement.run();
        if (options.systemAccountName() != null) {
            // nats-server's line for its system account's internal client, which goes first
            LOG.debug("SYSTEM - System connection closed: Client Closed");
        }
        // nats-server closes every listener before any connection, each accept loop saying so
        if (leafNodes != null && leafNodes.stopAccepting()) {
            LOG.debug("Leafnode accept loop exiting..");
        }
        if (cluster != null && cluster.stopAccepting()) {
            LOG.debug("Route accept loop exiting..");
        }
        if (gateways != null && gateways.stopAccepting()) {
            LOG.debug("Gateway accept loop exiting..");
        }
        if (clientListener != null) {
            clientListener.close().awaitUninterruptibly();
            LOG.debug("Client accept loop exiting..");
        }
        if (websocket != null) {
            websocket.stopAccepting();
        }
        if (gateways != null) {
            gateways.shutdown();
        }
        if (leafNodes != null) {
            leafNodes.shutdown();
        }
        if (cluster != null) {
            cluster.shutdown();
        }
        for (ClientConnection client : clients.values()) {
            client.close("Server Shutdown");
        }
        if (loops != null) {
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        LOG.info("Server Exiting..");
        stopped.countDown();
    }

    /**
     * Lame duck mode (SIGUSR2, CLIENT.md §10, ROUTES.md §13): stop accepting clients and routes,
     * tell peers (they drop our client URLs) and clients (an INFO with {@code ldm:true} listing the
     * other servers), wait the grace period, then close the clients one by one spread over the
     * rest of {@code lame_duck_duration} so they reconnect elsewhere gradually, then shut down.
     * Returns at once; the server stops by itself.
     */
    public synchronized void enterLameDuckMode() {
        if (lameDuck || shuttingDown) {
            return;
        }
        lameDuck = true;
        LOG.info("Entering lame duck mode, stop accepting new clients");
        lameDuckAnnouncement.run();
        if (clientListener != null) {
            clientListener.close();
        }
        if (websocket != null) {
            websocket.stopAccepting();
        }
        if (cluster != null) {
            cluster.stopAccepting();
            cluster.announceLameDuck();
        }
        // Gateways stay as they are: nats-server 2.10.27 in lame duck keeps accepting gateway
        // connections and keeps its own until the shutdown, so remote clusters still reach the
        // clients that have not moved yet.
        if (leafNodes != null) {
            leafNodes.stopAccepting();
        }
        for (ClientConnection client : clients.values()) {
            client.sendAsyncInfo();
        }
        Thread closer = new Thread(new LameDuckCloser(this, options.lameDuckDuration(),
                options.lameDuckGracePeriod()), "jnatsd-lame-duck");
        closer.setDaemon(true);
        closer.start();
    }

    public boolean lameDuck() {
        return lameDuck;
    }

    /**
     * Lets a reload that changes {@code debug}, {@code trace}, {@code trace_verbose}, {@code logtime}
     * or {@code log_file} hand the new options to whoever owns the log output (the launcher); an
     * embedded server's logging belongs to its application, which a reload leaves alone.
     */
    public void onLoggingReload(Consumer<ServerOptions> reconfigure) {
        loggingReload = reconfigure;
    }

    /**
     * Applies a re-read configuration (SIGHUP). Options nats-server cannot reload are refused as
     * a whole and the running configuration stays; otherwise limits, logging flags and
     * authorization change in place, and every client is re-checked against the new users and
     * permissions without disturbing those that are still allowed.
     *
     * @return the options that were refused (empty when the reload was applied)
     */
    public synchronized List<String> reload(ServerOptions fresh) {
        ReloadPlan plan = ReloadPlan.between(options, fresh);
        if (!plan.canReload()) {
            LOG.error("Failed to reload server configuration: config reload not supported for {}", plan.refusal());
            return plan.refused();
        }
        ClientTls freshTls;
        try {
            // rebuilt on every reload, so certificates replaced under the same file names are picked up
            freshTls = ClientTls.of(fresh);
        } catch (TlsSetupException e) {
            LOG.error("Failed to reload server configuration: {}", e.getMessage());
            return List.of("tls");
        }
        Authenticator freshAuthenticator;
        try {
            freshAuthenticator = new Authenticator(fresh);
        } catch (IllegalArgumentException e) {
            LOG.error("Failed to reload server configuration: {}", e.getMessage());
            return List.of("authorization");
        }
        // The links' TLS files are read again on every reload, as the client TLS above (rotation).
        Gateways runningGateways = gateways;
        Cluster runningCluster = cluster;
        LeafNodes runningLeafNodes = leafNodes;
        String unreadable = linkTlsUnreadable("gateway", runningGateways != null && fresh.gateway() != null,
                () -> runningGateways.reloadTls(fresh.gateway()));
        if (unreadable == null) {
            unreadable = linkTlsUnreadable("cluster", runningCluster != null && fresh.cluster() != null,
                    () -> runningCluster.reloadTls(fresh.cluster().tls()));
        }
        if (unreadable == null) {
            unreadable = linkTlsUnreadable("leafnodes", runningLeafNodes != null && fresh.leafnodes() != null,
                    () -> runningLeafNodes.reloadTls(fresh.leafnodes()));
        }
        if (unreadable != null) {
            return List.of(unreadable);
        }
        for (io.jnatsd.config.AccountOptions account : fresh.accounts()) {
            accounts.getOrCreate(account.name());
            accounts.register(account.name());
        }
        if (fresh.operator() != null) {
            fresh.operator().preload().keySet().forEach(accounts::getOrCreate);
            accounts.addStored(fresh);
        }
        ConfiguredMappings.fromOptions(fresh, accounts, this::mappingClusterName, this::mappingsChanged);
        clientTls = freshTls;
        ServerOptions previous = options;
        TlsOptions previousTls = previous.tls();
        options = fresh;
        authenticator = freshAuthenticator;
        InetSocketAddress bound = (InetSocketAddress) clientListener.localAddress();
        clientInfo = new ClientInfo(serverId(), xkey(), fresh, authenticator.required(), advertisedHost(bound), bound.getPort());
        if (jwtWiring != null) {
            jwtWiring.rewire(() -> authenticator, loops);
        }
        for (ClientConnection client : clients.values()) {
            client.reauthorize();
        }
        closeUnpinnedClients(previousTls, fresh.tls());
        for (String line : ReloadNotices.between(previous, fresh)) {
            // nats-server applies these two between its lines, logging what they did before them.
            if (line.equals(ReloadNotices.CLUSTER_ROUTES) && runningCluster != null) {
                runningCluster.reloadRoutes(fresh.cluster().routes());
            } else if (line.startsWith(ReloadNotices.MAX_CONNECTIONS)) {
                closeOverMaxConnections(fresh.maxConnections());
            }
            LOG.info(line);
        }
        Consumer<ServerOptions> logging = loggingReload;
        if (logging != null && ReloadNotices.changesLogging(previous, fresh)) {
            // as nats-server: the option lines in the old log, the closing line in the new one
            logging.accept(fresh);
        }
        configLoadTime = Instant.now();
        LOG.info("Reloaded server configuration");
        return List.of();
    }

    /** Closes clients, in no particular order, until at most {@code max} remain. */
    private void closeOverMaxConnections(int max) {
        int over = clients.size() - max;
        if (max <= 0 || over <= 0) {
            return;
        }
        int closed = 0;
        for (ClientConnection client : clients.values()) {
            if (closed == over) {
                break;
            }
            client.closeOverMaxConnections();
            closed++;
        }
        LOG.info("Closed {} connections to fall within max_connections", closed);
    }

    /** The cluster whose scoped mapping destinations apply here: the cluster's name, empty without one. */
    private String mappingClusterName() {
        Cluster running = cluster;
        return running != null ? running.name() : "";
    }

    /** New mapping sources are interest that leaf connections of the account must hear of. */
    private void mappingsChanged(Account account) {
        LeafNodes leafs = leafNodes;
        if (leafs != null && account.mappings() != null) {
            leafs.mappingsChanged(account);
        }
    }

    /** Why the resolver may not use this account JWT (untrusted issuer, limits not enforced), or null. */
    public String accountClaimsProblem(io.jnatsd.auth.jwt.AccountClaims claims) {
        return authenticator.accountUpdateProblem(claims);
    }

    /**
     * Puts an account JWT the resolver accepted in use: the account exists from now on and the
     * account's clients are checked again, so changed permissions apply and users the account
     * now revokes are closed. Serialized with {@link #reload} so a reload never drops an update.
     */
    public synchronized void accountClaimsUpdated(io.jnatsd.auth.jwt.AccountClaims claims) {
        accounts.getOrCreate(claims.subject());
        authenticator.accountUpdated(claims);
        accounts.updated(claims.subject());
        JwtAccountWiring wiring = jwtWiring;
        if (wiring != null) {
            wiring.rewire(() -> authenticator, loops);
        }
        List<ClientConnection> over = accountConnections.beyondLimit(claims.subject(), claims.connections());
        over.forEach(ClientConnection::accountConnectionsExceeded);
        for (ClientConnection client : clients.values()) {
            if (claims.subject().equals(client.accountName()) && !over.contains(client)) {
                client.reauthorize();
            }
        }
    }

    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    // ---- ClientEnvironment -----------------------------------------------------------------

    @Override
    public ServerOptions options() {
        return options;
    }

    @Override
    public MessageRouter router() {
        return router;
    }

    @Override
    public boolean register(ClientConnection connection) {
        connection.assignId(nextConnectionId());
        if (shuttingDown || clients.size() >= options.maxConnections()) {
            return false;
        }
        clients.put(connection.id(), connection);
        statistics.totalConnections.incrementAndGet();
        return true;
    }

    @Override
    public void unregister(ClientConnection connection) {
        if (clients.remove(connection.id()) != null) {
            statistics.addClosed(connection.accountName(), connection.statistics().inMessages(),
                    connection.statistics().inBytes(), connection.outbound().outMessages(),
                    connection.outbound().outBytes());
            ConnectionSnapshot closed = ConnectionSnapshot.closed(connection, Instant.now());
            closedConnections.add(closed);
            connectionEvents.disconnected(closed);
        }
    }

    @Override
    public void clientConnected(ClientConnection connection) {
        // nats-server leaves the global account's activity out of its account events, so its
        // clients need no snapshot (hundreds of bytes of garbage per connect otherwise).
        if (!Account.GLOBAL.equals(connection.accountName())) {
            connectionEvents.connected(ConnectionSnapshot.open(connection, false));
        }
    }

    @Override
    public byte[] infoLine(ClientConnection connection, String nonce) {
        Cluster current = cluster;
        if (lameDuck) {
            return clientInfo.line(connection, nonce, current == null ? List.of() : current.peerClientUrls(),
                    current == null ? null : current.name(), true);
        }
        return clientInfo.line(connection, nonce, current == null ? null : connectUrls(),
                current == null ? null : current.name(), false);
    }

    @Override
    public int connectUrlsVersion() {
        return connectUrlLists.plainVersion();
    }

    /** Counts changes of the websocket clients' {@code connect_urls}, as {@link #connectUrlsVersion} does. */
    int websocketUrlsVersion() {
        return connectUrlLists.websocketVersion();
    }

    @Override
    public boolean authRequired() {
        return authenticator.required();
    }

    @Override
    public boolean nonceRequired() {
        return authenticator.nonceRequired();
    }

    @Override
    public AuthResult authenticate(ConnectAttempt attempt) {
        return authenticator.authenticate(attempt);
    }

    @Override
    public boolean revoked(ConnectAttempt attempt) {
        return authenticator.revoked(attempt);
    }

    @Override
    public boolean userGoneOrMoved(ConnectOptions connect, String account) {
        Authenticator current = authenticator;
        return current.namesConfiguredUser(connect)
                && !current.configuredAccountOf(connect).map(account::equals).orElse(false);
    }

    @Override
    public String authenticationFailure(ConnectOptions connect) {
        return authenticator.failureDescription(connect);
    }

    @Override
    public Account account(String name) {
        Account account = accounts.get(name);
        if (account != null && accounts.registeredAt(name) == null) {
            register(name, new java.util.HashSet<>());
        }
        return account;
    }

    /**
     * Something uses the account (a client, leaf or peer names it): it is registered, with the
     * accounts its JWT imports from, as nats-server resolves an importer's exporters when it
     * loads the importer.
     */
    private void register(String name, java.util.Set<String> seen) {
        if (!seen.add(name)) {
            return;
        }
        if (accounts.register(name)) {
            accountRegistered.accept(name);
        }
        io.jnatsd.auth.jwt.AccountClaims claims = authenticator.accountClaims(name);
        if (claims != null) {
            for (io.jnatsd.auth.jwt.JwtImport imported : claims.imports()) {
                if (imported.account() != null) {
                    register(imported.account(), seen);
                }
            }
        }
    }

    /** This server's client connections bound to {@code account}, as reported to the other servers. */
    public long accountConnections(String account) {
        return accountConnections.local(account);
    }

    /**
     * Another server reports its connection count for an account. When the cluster is then over
     * the account's limit, nats-server closes this server's newest connections of the account
     * to make up the difference.
     */
    public void remoteAccountConnections(String serverId, String account, int connections) {
        accountConnections.reported(serverId, account, connections, authenticator.accountConnectionLimit(account))
                .forEach(ClientConnection::accountConnectionsExceeded);
    }

    /**
     * Another server shut down or went silent: its account connections no longer count. A lost
     * route alone does not forget them, as nats-server does not either.
     */
    public void forgetRemoteServer(String serverId) {
        accountConnections.forgetServer(serverId);
        accountLeafConnections.forgetServer(serverId);
    }

    /**
     * How many other servers report client or leaf connections of {@code account}: those that
     * answer a count request about it (nats-server's expected remote responses).
     */
    public int serversWithConnections(String account) {
        Set<String> servers = new HashSet<>(accountConnections.reportingServers(account));
        servers.addAll(accountLeafConnections.reportingServers(account));
        return servers.size();
    }

    /** This server's leaf connections bound to {@code account}, as reported to the other servers. */
    public long accountLeafConnections(String account) {
        return accountLeafConnections.local(account);
    }

    /**
     * Another server reports its leaf count for an account. When the cluster is then over the
     * account's leaf limit, nats-server closes this server's newest leafs of the account.
     */
    public void remoteAccountLeafConnections(String serverId, String account, int leafs) {
        int over = accountLeafConnections.reported(serverId, account, leafs, authenticator.accountLeafLimit(account));
        LeafNodes current = leafNodes;
        if (over > 0 && current != null) {
            current.closeNewest(account, over);
        }
    }

    @Override
    public boolean joinLeafAccount(Account account, Runnable join) {
        return accountLeafConnections.join(account.name(), authenticator.accountLeafLimit(account.name()), join);
    }

    @Override
    public void leafAccountChanged(String account) {
        connectionEvents.leafCountChanged(account);
    }

    @Override
    public boolean joinAccount(ClientConnection connection, Account account, long maxConnections, Runnable join) {
        if (accounts.registeredAt(account.name()) == null) {
            register(account.name(), new java.util.HashSet<>());
        }
        // nats-server 2.10.27 counts this server's leafs of the account against its connection
        // limit too (the other servers report clients only): a leaf takes a client's place here
        long limit = maxConnections < 0 ? maxConnections
                : Math.max(0, maxConnections - accountLeafConnections.local(account.name()));
        return accountConnections.join(connection, account.name(), limit, join);
    }

    @Override
    public void interestAdded(Account account, Subscription subscription) {
        Cluster current = cluster;
        if (current != null) {
            current.localInterestAdded(account, subscription);
        }
        gatewayInterest(account, subscription, true);
        leafInterest(account, subscription, true);
    }

    @Override
    public void interestRemoved(Account account, Subscription subscription) {
        Cluster current = cluster;
        if (current != null) {
            current.localInterestRemoved(account, subscription);
        }
        gatewayInterest(account, subscription, false);
        leafInterest(account, subscription, false);
    }

    /** A leaf's interest reaches routes, gateways and the other leafs like a local subscription (LEAFNODES.md §8.2). */
    @Override
    public void leafInterestAdded(Account account, Subscription subscription) {
        interestAdded(account, subscription);
    }

    @Override
    public void leafInterestRemoved(Account account, Subscription subscription) {
        interestRemoved(account, subscription);
    }

    /** Routes count the leaf's members (LS+ weight) for the queue weight they announce; leafs sum them too. */
    @Override
    public void leafInterestWeightChanged(Account account, Subscription subscription, int delta) {
        Cluster current = cluster;
        if (current != null) {
            current.localInterestWeightChanged(account, subscription, delta);
        }
        interestWeightChanged(account, subscription, delta);
    }

    @Override
    public void routeInterestWeightChanged(Account account, Subscription subscription, int delta) {
        interestWeightChanged(account, subscription, delta);
    }

    private void interestWeightChanged(Account account, Subscription subscription, int delta) {
        LeafNodes current = leafNodes;
        if (current != null) {
            current.weightChanged(account, subscription, delta);
        }
    }

    private void leafInterest(Account account, Subscription subscription, boolean added) {
        LeafNodes current = leafNodes;
        if (current != null) {
            current.interestChanged(account, subscription, added);
        }
    }

    // ---- what the cluster and gateway layers tell each other -----------------------------------

    @Override
    public void routeInterestAdded(Account account, Subscription subscription) {
        gatewayInterest(account, subscription, true);
        leafInterest(account, subscription, true);
    }

    @Override
    public void routeInterestRemoved(Account account, Subscription subscription) {
        gatewayInterest(account, subscription, false);
        leafInterest(account, subscription, false);
    }

    /** Remote clusters hear of this cluster's interest: local and route-learned alike (GATEWAYS.md §4.2). */
    private void gatewayInterest(Account account, Subscription subscription, boolean added) {
        Gateways current = gateways;
        if (current == null) {
            return;
        }
        if (added) {
            current.interestAdded(account, subscription);
        } else {
            current.interestRemoved(account, subscription);
        }
    }

    @Override
    public RouteLink routeTo(java.util.function.Predicate<String> serverId) {
        Cluster current = cluster;
        if (current == null) {
            return null;
        }
        for (io.jnatsd.cluster.RouteConnection route : current.routes()) {
            if (route.pinnedAccount() == null && route.remoteInfo() != null && serverId.test(route.remoteInfo().serverId)) {
                return route;
            }
        }
        return null;
    }

    @Override
    public void gossipToRoutes(String gateway, List<String> urls) {
        Cluster current = cluster;
        Gateways ours = gateways;
        if (current != null && ours != null) {
            current.tellEveryPeer(ours.routeGossipLine(gateway, urls));
        }
    }

    @Override
    public String gatewayUrl() {
        Gateways current = gateways;
        return current == null ? null : current.url();
    }

    @Override
    public String routePeerJoined(String peerGatewayUrl) {
        Gateways current = gateways;
        return current == null ? "" : current.routePeerJoined(peerGatewayUrl);
    }

    @Override
    public void routeGatewayGossip(String gateway, List<String> urls, int command, String fromServer) {
        Gateways current = gateways;
        if (current != null) {
            current.routeGossip(gateway, urls, command, fromServer);
        }
    }

    // ---- ClusterEnvironment ----------------------------------------------------------------

    @Override
    public EventLoopGroup eventLoops() {
        return loops;
    }

    @Override
    public long nextConnectionId() {
        return internalClientIds + connectionsStarted.incrementAndGet();
    }

    /**
     * The ids nats-server's internal clients take at start, before any connection's: with a
     * system account, two of its own and one per account (the system imports' client), so that
     * 2.10.27's first client is cid 5 on a default server ($G and $SYS) and 3 + n with n accounts;
     * without a system account, none. Clients see their id in INFO ({@code client_id}), monitors
     * in {@code /connz} and the log lines. Operator mode registers accounts as they are used, so
     * there the ids are not kept in step.
     */
    private static long internalClientIds(ServerOptions options, Accounts accounts) {
        if (options.systemAccountName() == null || options.operator() != null) {
            return 0;
        }
        return 2 + accounts.registered().size();
    }

    @Override
    public Collection<Account> allAccounts() {
        return accounts.all();
    }

    @Override
    public List<String> clientConnectUrls() {
        return connectUrlLists.own();
    }

    @Override
    public List<String> leafNodeUrls() {
        LeafNodes leafs = leafNodes;
        return leafs == null ? List.of() : leafs.ownUrls();
    }

    @Override
    public List<String> peerLeafNodeUrls() {
        Cluster current = cluster;
        return current == null ? List.of() : current.peerLeafNodeUrls();
    }

    @Override
    public List<String> peerWebsocketUrls() {
        Cluster current = cluster;
        return current == null ? List.of() : current.peerWebsocketUrls();
    }

    @Override
    public List<String> websocketConnectUrls() {
        WebsocketClients current = websocket;
        return current == null ? List.of() : current.connectUrls();
    }

    @Override
    public void peerClientUrlsChanged() {
        if (shuttingDown) {
            // Closing its routes shortens the list; told that, a client prunes the servers still
            // up from its pool and retries only this one. nats-server sends nothing once shutting down.
            return;
        }
        LeafNodes leafs = leafNodes;
        if (leafs != null) {
            leafs.hubUrlsChanged();
        }
        ConnectUrlLists.Changed changed = connectUrlLists.peersChanged(cluster, websocket,
                options.cluster() != null && options.cluster().noAdvertise(), lameDuck);
        if (!changed.any()) {
            return;
        }
        for (ClientConnection client : clients.values()) {
            if (client.websocket() ? changed.websocket() : changed.plain()) {
                client.sendAsyncInfo();
            }
        }
    }

    @Override
    public void routeSlowConsumer() {
        statistics.slowConsumers.incrementAndGet();
        statistics.slowConsumerRoutes.incrementAndGet();
    }

    @Override
    public void gatewaySlowConsumer() {
        statistics.slowConsumers.incrementAndGet();
        statistics.slowConsumerGateways.incrementAndGet();
    }

    @Override
    public void leafSlowConsumer() {
        statistics.slowConsumers.incrementAndGet();
        statistics.slowConsumerLeafs.incrementAndGet();
    }

    @Override
    public void slowConsumer(ClientConnection connection) {
        statistics.addSlowConsumerClient(connection.accountName());
    }

    /** Sets (or with null removes) what fetches accounts this server does not know (a directory resolver). */
    public void accountFetcher(AccountFetcher fetcher) {
        accountFetcher = fetcher;
    }

    @Override
    public boolean fetchesAccounts() {
        return accountFetcher != null;
    }

    @Override
    public CompletableFuture<Boolean> accountLookup(ConnectOptions connect) {
        AccountFetcher fetcher = accountFetcher;
        String account = fetcher == null ? null : authenticator.unknownAccountOf(connect.jwt);
        return account == null ? null : fetcher.fetch(account);
    }

    @Override
    public CompletableFuture<Boolean> leafAccountLookup(String userJwt) {
        AccountFetcher fetcher = accountFetcher;
        String account = fetcher == null ? null : authenticator.unknownAccountOf(userJwt);
        return account == null ? null : fetcher.fetch(account);
    }

    /** Whether this server holds (or deleted) the account's JWT. */
    public boolean holdsAccount(String account) {
        return authenticator.holdsAccount(account);
    }

    /** The account JWT in use for this account (operator mode), or null. */
    public io.jnatsd.auth.jwt.AccountClaims accountClaims(String account) {
        return authenticator.accountClaims(account);
    }

    /** The operator keys that may sign a resolver delete request. */
    public List<String> deleteSigners() {
        return authenticator.deleteSigners();
    }

    /**
     * A resolver delete removed the account: new users are refused and connected ones closed
     * with {@code Account Authentication Expired}, as nats-server disables a deleted account.
     */
    public synchronized void accountDeleted(String account) {
        authenticator.accountDeleted(account);
        for (ClientConnection client : clients.values()) {
            if (account.equals(client.accountName())) {
                client.accountExpired();
            }
        }
    }

    /** Sets who hears of clients connecting and disconnecting (the system account's advisories). */
    public void connectionEvents(ConnectionEvents listener) {
        connectionEvents = listener == null ? ConnectionEvents.NONE : listener;
    }

    /** Sets who hears of an account registered once in use; it must not block (an event loop calls it). */
    public void accountRegistered(java.util.function.Consumer<String> listener) {
        accountRegistered = listener == null ? name -> { } : listener;
    }

    /**
     * Sets what shutdown runs before it closes anything, so peers hear this server leave (as
     * nats-server sends its SHUTDOWN event first); it must return within a second or so.
     */
    public void shutdownAnnouncement(Runnable announcement) {
        shutdownAnnouncement = announcement == null ? () -> { } : announcement;
    }

    /** Sets what entering lame duck mode runs first (the system account's LAMEDUCK event); it must not block. */
    public void lameDuckAnnouncement(Runnable announcement) {
        lameDuckAnnouncement = announcement == null ? () -> { } : announcement;
    }

    // ---- read-only views -------------------------------------------------------------------

    public String serverId() {
        return identity.serverId();
    }

    /** The public curve key of this run, the {@code xkey} of client INFO (ServerIdentity). */
    String xkey() {
        return identity.xkey();
    }

    public String serverName() {
        return options.serverName() == null ? serverId() : options.serverName();
    }

    public int clientPort() {
        return ((InetSocketAddress) clientListener.localAddress()).getPort();
    }

    public Instant startTime() {
        return startTime;
    }

    /** The websocket listener's bound port; 0 without one. */
    public int websocketPort() {
        WebsocketClients current = websocket;
        return current == null ? 0 : current.port();
    }

    public ServerStatistics statistics() {
        return statistics;
    }

    /** Connections of every kind (clients, routes, gateways, leaf nodes) since the start: each took an id. */
    public long connectionsSinceStart() {
        return connectionsStarted.get();
    }

    public Collection<ClientConnection> clients() {
        return clients.values();
    }

    /** A JWT account's usable imports and its exports, as worked out from the account JWTs; null for others. */
    public io.jnatsd.config.AccountOptions jwtAccountOptions(String account) {
        JwtAccountWiring wiring = jwtWiring;
        return wiring == null ? null : wiring.declared(account);
    }

    /** The reply mappings of service imports in flight (null before {@link #start}). */
    public ResponseTracker responses() {
        return responses;
    }

    public RequesterInfoHeaders requesterInfo() {
        return requesterInfo;
    }

    public Accounts accounts() {
        return accounts;
    }

    /** The {@code connect_urls} of plain clients (ConnectUrlLists#forClients). */
    public List<String> connectUrls() {
        return connectUrlLists.forClients(cluster, options.cluster() != null && options.cluster().noAdvertise());
    }

    /** The {@code connect_urls} of websocket clients (ConnectUrlLists#forWebsocketClients). */
    List<String> websocketClientConnectUrls() {
        return connectUrlLists.forWebsocketClients(cluster, websocket,
                options.cluster() != null && options.cluster().noAdvertise(), lameDuck);
    }

    /** The leaf node side, or null when this server neither accepts nor dials leaf nodes. */
    public LeafNodes leafNodes() {
        return leafNodes;
    }

    /** The gateways, or null when this server is not part of a supercluster. */
    public Gateways gateways() {
        return gateways;
    }

    /** The cluster, or null when this server does not cluster. */
    public Cluster cluster() {
        return cluster;
    }

    /** The last {@code max_closed_clients} closed client connections, oldest first. */
    public List<ConnectionSnapshot> closedConnections() {
        return closedConnections.snapshot();
    }

    /** One view per registered route connection (pool members and pinned ones separately). */
    public List<RouteView> routeViews() {
        Cluster current = cluster;
        if (current == null) {
            return List.of();
        }
        List<RouteView> views = new java.util.ArrayList<>();
        for (io.jnatsd.cluster.RouteConnection route : current.routes()) {
            views.add(RouteViews.of(route, options.cluster()));
        }
        return views;
    }

    /** When the options in use were loaded: the start, or the last successful reload. */
    public Instant configLoadTime() {
        return configLoadTime;
    }

    public boolean shuttingDown() {
        return shuttingDown;
    }
}
