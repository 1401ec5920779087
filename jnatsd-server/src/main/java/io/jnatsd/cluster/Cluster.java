package io.jnatsd.cluster;

import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.TlsOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.MessageRouter;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.link.ConnectErrorReports;
import io.jnatsd.protocol.ProtocolError;
import io.jnatsd.protocol.route.RouteConnect;
import io.jnatsd.protocol.route.RouteInfo;
import io.jnatsd.transport.EventLoops;
import io.jnatsd.transport.ServerStartException;
import io.jnatsd.transport.tls.RouteTls;
import io.jnatsd.transport.tls.TlsSetupException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster side of one server: the route listener, the registry of remotes, the handshake
 * rules (ROUTES.md §2-§11), gossip (§12) and interest propagation (§6). Registry changes hold
 * this object's monitor; they are rare (connections coming and going), never per message.
 */
public final class Cluster {
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

    private final ClusterEnvironment environment;
    private final ClusterOptions options;
    private final ClusterName name;
    private final RouteInfoFactory infos;
    private final RouteDialer dialer;
    private final RouteAdmission admission;
    private final InterestPropagator interest;
    private final ReconnectPolicy reconnects;
    private final Map<String, Remote> remotes = new ConcurrentHashMap<>();
    private final Set<RouteConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<String> pinnedAccounts;
    private volatile List<Remote> remoteList = List.of();
    /** The {@code routes} of the configuration, as a reload may change them. */
    private volatile List<java.net.URI> configuredRoutes;
    private Channel listener;
    private volatile boolean shuttingDown;
    final RouteTls tls;

    public Cluster(ClusterEnvironment environment) {
        this.environment = environment;
        this.options = environment.options().cluster();
        this.configuredRoutes = options.routes();
        this.name = new ClusterName(options.name());
        this.pinnedAccounts = pinnedAccounts(environment.options());
        this.infos = new RouteInfoFactory(environment, name, pinnedAccounts);
        this.dialer = new RouteDialer(this, environment.eventLoops(), new ConnectErrorReports(environment::options));
        this.admission = new RouteAdmission(options);
        this.interest = new InterestPropagator(() -> remoteList, admission::importAllowed);
        this.tls = RouteTls.of(options.tls());
        this.reconnects = new ReconnectPolicy(this, dialer, options.connectRetries());
    }

    private static Set<String> pinnedAccounts(ServerOptions server) {
        ClusterOptions cluster = server.cluster();
        Set<String> pinned = new LinkedHashSet<>();
        if (cluster.poolSize() > 0) {
            pinned.addAll(cluster.pinnedAccounts());
            if (server.systemAccountName() != null) {
                pinned.add(server.systemAccountName());
            }
        }
        return pinned;
    }

    // ---- lifecycle -------------------------------------------------------------------------

    public void start() {
        if (name.dynamic()) {
            LOG.warn("Cluster name was dynamically generated, consider setting one");
        }
        LOG.info("Cluster name is {}", name.name());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(environment.eventLoops())
                .channel(EventLoops.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        RouteConnection connection = newConnection(null);
                        channel.pipeline().addLast("route", connection);
                        tls.acceptor(channel, connection.id(), connection::close);
                    }
                });
        try {
            listener = EventLoops.bindPaused(bootstrap, options.host(), Math.max(0, options.port()));
        } catch (Exception e) {
            throw new ServerStartException("Error listening on router port: " + options.host() + ":"
                    + options.port() + ", \"" + e.getMessage() + "\"", e);
        }
        infos.listening(listenPort());
        EventLoops.startAccepting(listener);
        LOG.info("Listening for route connections on {}:{}", options.host(), listenPort());
        for (java.net.URI uri : configuredRoutes) {
            dialConfigured(uri);
        }
    }

    private void dialConfigured(java.net.URI uri) {
        RouteUrl url = RouteUrl.of(uri, true);
        if (dialer.isSelf(url, listenPort())) {
            LOG.debug("Skipping route to self: {}", url);
        } else {
            dialer.dial(RouteDial.explicit(url));
        }
    }

    /**
     * A reload: the route TLS files are read again, so certificates rotated under the same names
     * serve the route connections made from now on (nats-server re-reads them at every reload).
     *
     * @throws TlsSetupException when a file cannot be used; the running TLS stays
     */
    public void reloadTls(TlsOptions fresh) {
        tls.reload(fresh);
    }

    /**
     * A reload changed the {@code routes} list, as nats-server applies it: the connections this
     * server dialed through a route no longer listed are closed and not dialed again ("Removed
     * route", once per connection), and a newly listed route is dialed. A server reached through
     * a removed route stays a peer where gossip or its own dial keeps it one.
     */
    public void reloadRoutes(List<java.net.URI> routes) {
        List<java.net.URI> before = configuredRoutes;
        configuredRoutes = List.copyOf(routes);
        for (java.net.URI removed : before) {
            if (routes.contains(removed)) {
                continue;
            }
            for (RouteConnection connection : connections) {
                RouteDial dial = connection.dial();
                if (dial != null && dial.url().explicit() && dialer.isConfigured(dial.url(), List.of(removed))) {
                    connection.closeForGood("Route Removed");
                    LOG.info("Removed route {}", removed);
                }
            }
        }
        for (java.net.URI added : routes) {
            if (!before.contains(added)) {
                dialConfigured(added);
            }
        }
    }

    /** Whether a dial may go ahead: an explicit route's only while the configuration still lists it. */
    boolean stillConfigured(RouteUrl url) {
        return !url.explicit() || dialer.isConfigured(url, configuredRoutes);
    }

    public void shutdown() {
        shuttingDown = true;
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        for (RouteConnection connection : connections) {
            connection.closeForGood("Server Shutdown");
        }
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    RouteConnection newConnection(RouteDial dial) {
        RouteConnection connection = new RouteConnection(this, environment.nextConnectionId(), dial);
        connections.add(connection);
        return connection;
    }

    // ---- handshake ---------------------------------------------------------------------------

    void startAuthTimer(RouteConnection connection, EventExecutor executor) {
        if (admission.authRequired()) {
            executor.schedule(() -> {
                if (!connection.isRegistered() && connection.remoteInfo() == null) {
                    connection.sendError(ProtocolError.AUTHENTICATION_TIMEOUT.text());
                    connection.close("Authentication Timeout");
                }
            }, admission.authTimeoutMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The acceptor's checks of a route CONNECT: not a client, credentials, cluster name. */
    void acceptConnect(RouteConnection connection, RouteConnect connect) {
        String refusal = admission.refusal(connect);
        if (refusal != null) {
            connection.announce();
            LOG.error("{} - rid:{} - {}", connection.peer(), connection.id(), refusal);
            connection.sendError(refusal.equals("authentication error")
                    ? ProtocolError.AUTHORIZATION_VIOLATION.text() : refusal);
            connection.close(refusal.equals("authentication error") ? "Authentication Failure" : "Protocol Violation");
            return;
        }
        String before = name.name();
        if (!name.reconcile(connect.cluster, connect.clusterDynamic)) {
            String error = "Rejecting connection, cluster name \"" + connect.cluster + "\" does not match \""
                    + before + "\"";
            connection.announce();
            LOG.error("{} - rid:{} - {}", connection.peer(), connection.id(), error);
            connection.sendError(error);
            connection.refuseThenReport("Cluster Name Conflict", "cluster name from remote server conflicts");
        } else if (!before.equals(name.name())) {
            clusterNameAdopted(connection);
        }
    }

    private void clusterNameAdopted(RouteConnection keep) {
        LOG.info("Cluster name updated to {}", name.name());
        for (RouteConnection other : connections) {
            if (other != keep) {
                other.close("Cluster Name Conflict");
            }
        }
    }

    /** The peer's first INFO on a connection: validate, answer (solicitor) and register. */
    void firstInfo(RouteConnection connection, RouteInfo info) {
        if (info.serverId == null || info.serverId.isEmpty()) {
            // Without an ID the peer can be neither told apart from others nor gossiped.
            LOG.error("{} - rid:{} - Route INFO without a server ID", connection.peer(), connection.id());
            connection.close("Protocol Violation");
            return;
        }
        RouteInfo peer = infos.withAddress(info, connection.remoteAddress());
        if (environment.serverId().equals(info.serverId)) {
            LOG.debug("Detected route to self, ignoring {}", connection.dialUrl());
            connection.closeForGood("Duplicate Route");
            return;
        }
        if (connection.solicited()) {
            String before = name.name();
            if (!name.reconcile(info.cluster, info.clusterDynamic)) {
                // nats-server's solicitor logs no error of its own here: the acceptor refuses our
                // CONNECT too, and its -ERR names both clusters.
                connection.announce();
                connection.close("Cluster Name Conflict");
                return;
            } else if (!before.equals(name.name())) {
                clusterNameAdopted(connection);
            }
        }
        RouteAdmission.Slot slot = admission.slot(connection, info, infos.poolSize(), pinnedAccounts);
        if (slot.error() != null) {
            LOG.error("{} - rid:{} - {}", connection.peer(), connection.id(), slot.error());
            connection.sendError(slot.error());
            if (slot.final_()) {
                connection.closeForGood("Protocol Violation");
            } else {
                connection.close("Protocol Violation");
            }
            return;
        }
        if (connection.solicited()) {
            String mode = infos.compression().negotiate(info.compression, connection.sinceConnected());
            if (RouteCompression.compressing(mode)) {
                // The pool slot is chosen when the connection registers, so this first INFO names
                // none (as nats-server's); the one sent on registering does.
                connection.sendOurInfo(infos.solicitorInfo(0, slot.pinnedAccount(), mode));
                connection.compressFromNowOn(mode);
                // nats-server switches its reader only after the whole read holding our INFO, so
                // nothing compressed may follow until its compressed INFO shows it has switched.
                connection.awaitCompressedInfo(second -> register(connection, peer, slot, mode));
                return;
            }
            connection.compressFromNowOn(mode);
            register(connection, peer, slot, mode);
            return;
        } else {
            String mode = infos.compression().negotiate(info.compression, connection.sinceConnected());
            connection.compressFromNowOn(mode);
            if (RouteCompression.compressing(mode)) {
                connection.sendOurInfo(infos.acceptorInfo(mode));
                // The solicitor's compressed second INFO is the one that names its pool slot.
                connection.awaitCompressedInfo(second -> admitCompressed(connection, second));
                return;
            }
        }
        register(connection, peer, slot, null);
    }

    private void admitCompressed(RouteConnection connection, RouteInfo second) {
        RouteAdmission.Slot slot = admission.slot(connection, second, infos.poolSize(), pinnedAccounts);
        if (slot.error() != null) {
            LOG.error("{} - rid:{} - {}", connection.peer(), connection.id(), slot.error());
            connection.sendError(slot.error());
            connection.close("Protocol Violation");
            return;
        }
        register(connection, infos.withAddress(second, connection.remoteAddress()), slot, null);
    }

    /**
     * Takes the connection's slot, or closes it. A connection we dialed takes the first free slot
     * of the peer's pool whatever slot its dial was started for, and our INFO (sent here, with
     * the negotiated {@code ourInfoMode}) names that slot, as nats-server 2.10 does: dials that
     * cross while both sides fill then land in different slots instead of being closed. Only a
     * dialed connection finding the pool full, or an accepted one whose named slot is taken, is
     * closed as a duplicate.
     *
     * @param ourInfoMode the compression of our INFO for a connection we dialed, null if accepted
     */
    private void register(RouteConnection connection, RouteInfo info, RouteAdmission.Slot slot, String ourInfoMode) {
        if (connection.closeReason() != null) {
            return;   // closed while its INFO was read (a TLS check that failed): it must leave no remote behind
        }
        Remote remote;
        boolean newRemote;
        synchronized (this) {
            remote = remotes.get(info.serverId);
            newRemote = remote == null;
            if (newRemote) {
                remote = new Remote(info, infos.poolSize(), pinnedAccounts, environment.serverId());
            }
            int index = slot.poolIndex();
            if (connection.solicited() && slot.pinnedAccount() == null && remote.pooled()) {
                index = remote.firstFreeSlot();
                if (index < 0) {
                    LOG.debug("{} - rid:{} - Route pool size reached, closing extra connection to \"{}\"",
                            connection.peer(), connection.id(), info.serverId);
                    connection.closeForGood("Duplicate Route");
                    return;
                }
            }
            connection.assignSlot(slot.pinnedAccount(), index);
            if (!remote.claim(connection) && !takeOverCrossedDial(remote, connection, info)) {
                RouteConnection survivor = remote.occupant(connection);
                LOG.debug("{} - rid:{} - Detected duplicate remote route \"{}\"", connection.peer(),
                        connection.id(), info.serverId);
                if (survivor != null && connection.solicited() && !survivor.solicited()) {
                    remote.adoptUrl(connection.dialUrl());
                }
                connection.closeForGood("Duplicate Route");
                return;
            }
            if (ourInfoMode != null) {
                // Before anything else can reach the connection through its slot.
                connection.sendOurInfo(infos.solicitorInfo(index, slot.pinnedAccount(), ourInfoMode));
            }
            if (newRemote) {
                remotes.put(info.serverId, remote);
                remoteList = List.copyOf(remotes.values());
            }
        }
        connection.registered();
        // The interest first: the peer delivers nothing to this server until it has it, and the
        // log line is a synchronous write.
        interest.syncTo(connection, environment.allAccounts());
        connection.announce();
        if (connection.pinnedAccount() == null) {
            LOG.debug("{} - Registering remote route \"{}\"", connection.logPrefix(), info.serverId);
        } else {
            LOG.debug("{} - Registering remote route \"{}\" for account \"{}\"", connection.logPrefix(), info.serverId,
                    connection.pinnedAccount());
        }
        if (connection.pinnedAccount() != null) {
            gossip(remote, infos.pinnedGossip(remote.info(), connection.pinnedAccount()));
        }
        if (newRemote) {
            gossip(remote, infos.gossip(remote.info()));
            environment.peerClientUrlsChanged();
            String gatewayGossip = environment.routePeerJoined(info.gatewayUrl);
            if (!gatewayGossip.isEmpty()) {
                connection.sendInterest(gatewayGossip);
            }
        }
        reconnects.registered(connection, remote);
    }

    /**
     * Two servers that dial each other at the same moment each register their own connection
     * first, in the slot their INFO then names; each then finds the peer's connection naming a
     * taken slot. nats-server closes the peer's connection on both ends, so both die and are
     * dialed again. Here, when the slot is held by a connection this server dialed, the dial of
     * the server whose ID sorts first survives on both ends: if that is the peer, its connection
     * takes the slot and ours is closed. That costs nothing on the wire: the peer is closing ours
     * anyway, because the slot it named was free on its side when it registered its own, so ours
     * can only be a duplicate there. Only for pool connections: a 2.10 solicitor sends the INFO
     * naming their slot after registering them, whereas a pinned connection without compression
     * (nats-server) or a peer without pooling (2.9) sends its INFO before registering, and such a
     * peer may still keep ours.
     *
     * @return whether {@code connection} took the slot
     */
    private boolean takeOverCrossedDial(Remote remote, RouteConnection connection, RouteInfo info) {
        if (connection.solicited() || connection.pinnedAccount() != null || !remote.pooled()
                || info.serverId.compareTo(environment.serverId()) >= 0) {
            return false;
        }
        RouteConnection ours = remote.takeOver(connection);
        if (ours == null) {
            return false;
        }
        LOG.debug("{} - rid:{} - Detected duplicate remote route \"{}\"", ours.peer(), ours.id(), info.serverId);
        ours.closeForGood("Duplicate Route");
        return true;
    }

    /** Tells every other remote about {@code newcomer}, on its first connection. */
    private void gossip(Remote newcomer, RouteInfo about) {
        String line = about.gossipLine();
        for (Remote other : remoteList) {
            if (other != newcomer) {
                RouteConnection first = other.first();
                if (first != null) {
                    first.sendInterest(line);
                }
            }
        }
    }

    /**
     * Whether a configured route's dial (not a pool fill) would reach a server that is already
     * connected: one whose INFO names that address. nats-server would dial, close the new
     * connection as a duplicate and give the surviving one the URL; here the survivor takes the
     * URL without the extra connection, which would otherwise race a peer dialing us at the same
     * moment (both sides then keep their own and close the other's).
     */
    boolean alreadyConnected(RouteDial dial) {
        if (dial.attemptsLeft() != RouteDial.FOREVER || dial.poolIndex() != 0 || dial.pinnedAccount() != null) {
            return false;
        }
        for (Remote remote : remoteList) {
            if (remote.reachableAt(dial.url())) {
                remote.adoptUrl(dial.url());
                return true;
            }
        }
        // Two closes of one peer (the old connection and a duplicate) each ask for a re-dial: the
        // second must not open a connection beside the first one's handshake.
        for (RouteConnection connection : connections) {
            if (connection.dialingFirstTo(dial.url())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code remote} is still the registered one for its server (not removed or replaced). */
    boolean isCurrent(Remote remote) {
        return remotes.get(remote.serverId()) == remote;
    }

    /** An async INFO on a registered connection (ROUTES.md §12). */
    void asyncInfo(RouteConnection connection, RouteInfo info) {
        if (info.gatewayCommand != 0) {
            environment.routeGatewayGossip(info.gateway, info.gatewayUrls, info.gatewayCommand, info.serverName);
            return;
        }
        if (info.serverId != null && !info.serverId.equals(connection.remoteInfo().serverId)) {
            gossipReceived(info);
            return;
        }
        Remote remote = remotes.get(connection.remoteInfo().serverId);
        if (remote == null) {
            return;
        }
        if (info.lameDuck) {
            remote.lameDuck(true);
            environment.peerClientUrlsChanged();
        } else if (changed(info.connectUrls, remote.info().connectUrls)
                || changed(info.wsConnectUrls, remote.info().wsConnectUrls)
                || changed(info.leafnodeUrls, remote.info().leafnodeUrls)) {
            RouteInfo updated = remote.info().copy();
            if (info.connectUrls != null) {
                updated.connectUrls = info.connectUrls;
            }
            if (info.wsConnectUrls != null) {
                updated.wsConnectUrls = info.wsConnectUrls;
            }
            if (info.leafnodeUrls != null) {
                updated.leafnodeUrls = info.leafnodeUrls;
            }
            remote.info(updated);
            environment.peerClientUrlsChanged();
        }
    }

    /** An INFO update names a list only when it sends one. */
    private static boolean changed(List<String> announced, List<String> known) {
        return announced != null && !announced.equals(known);
    }

    private void gossipReceived(RouteInfo info) {
        if (environment.serverId().equals(info.serverId) || info.routeAccount != null
                || remotes.containsKey(info.serverId) || shuttingDown) {
            return;
        }
        RouteUrl url = infos.urlOf(info, options.authUser(), options.authPassword());
        if (url == null || dialer.isConfigured(url, configuredRoutes) || dialer.isSelf(url, listenPort())) {
            return;
        }
        if (handshaking(info.serverId, url)) {
            // That server is dialing us, or we it, right now: a second dial would race it and one
            // of the two would be closed as a duplicate (both, when each side keeps the other's).
            // Look again once that handshake had time to finish.
            dialer.later(() -> {
                if (!remotes.containsKey(info.serverId) && !handshaking(info.serverId, url) && !shuttingDown) {
                    dialer.dialOnce(RouteDial.implicit(url, options.connectRetries()));
                }
            });
            return;
        }
        dialer.dialOnce(RouteDial.implicit(url, options.connectRetries()));
    }

    /** Whether a connection {@code serverId} dialed is in its handshake here (its CONNECT named it). */
    boolean peerDialing(String serverId) {
        for (RouteConnection connection : connections) {
            if (!connection.solicited() && connection.handshakingWith(serverId, null)) {
                return true;
            }
        }
        return false;
    }

    private boolean handshaking(String serverId, RouteUrl url) {
        for (RouteConnection connection : connections) {
            if (connection.handshakingWith(serverId, url)) {
                return true;
            }
        }
        return false;
    }

    /** A connection closed: forget it, and re-dial where nats-server would (ROUTES.md §15). */
    void connectionClosed(RouteConnection connection) {
        connections.remove(connection);
        Remote remote = null;
        boolean remoteGone = false;
        if (connection.isRegistered()) {
            synchronized (this) {
                remote = remotes.get(connection.remoteInfo().serverId);
                if (remote != null) {
                    remote.release(connection);
                    if (remote.isEmpty()) {
                        remotes.remove(remote.serverId());
                        remoteList = List.copyOf(remotes.values());
                        remoteGone = true;
                    }
                }
            }
        }
        if (connection.announced()) {
            LOG.info("{} - rid:{} - Router connection closed: {}", connection.peer(), connection.id(),
                    connection.closeReason() == null ? "Client Closed" : connection.closeReason());
        }
        if (connection.errorAfterClose() != null) {
            LOG.error("{} - rid:{} - {}", connection.peer(), connection.id(), connection.errorAfterClose());
        }
        if (remoteGone) {
            environment.peerClientUrlsChanged();
        }
        reconnects.closed(connection, remote, remoteGone);
    }

    /** A dial that never connected: its connection object is dropped without a close event. */
    void connectionAbandoned(RouteConnection connection) {
        connections.remove(connection);
    }

    /** A dial for a pool slot or pinned account that could not connect. */
    void fillDialFailed(RouteDial dial) {
        reconnects.fillDialFailed(dial);
    }

    // ---- used by route connections -----------------------------------------------------------

    ServerOptions options() {
        return environment.options();
    }

    long routePingIntervalMillis() {
        long global = environment.options().pingInterval().toMillis();
        long configured = options.pingInterval() == null ? global : options.pingInterval().toMillis();
        return Math.min(configured, ClusterOptions.MAX_ROUTE_PING_INTERVAL.toMillis());
    }

    int routePingMax() {
        return options.pingMax() > 0 ? options.pingMax() : environment.options().pingMax();
    }

    String connectLine(RouteUrl url) {
        return infos.connect(url).line();
    }

    RouteInfo ourInfo() {
        return infos.acceptorInfo();
    }

    RouteCompression routeCompression() {
        return infos.compression();
    }

    Account account(String accountName) {
        return environment.account(accountName);
    }

    MessageRouter router() {
        return environment.router();
    }

    void routeInterestChanged(Account account, Subscription subscription, boolean added) {
        if (added) {
            environment.routeInterestAdded(account, subscription);
        } else {
            environment.routeInterestRemoved(account, subscription);
        }
    }

    void routeInterestWeightChanged(Account account, Subscription subscription, int delta) {
        environment.routeInterestWeightChanged(account, subscription, delta);
    }

    boolean exportAllowed(String subject) {
        return admission.exportAllowed(subject);
    }

    void slowConsumer() {
        environment.routeSlowConsumer();
    }

    boolean carries(RouteConnection connection, String account) {
        Remote remote = remotes.get(connection.remoteInfo().serverId);
        return remote != null && remote.connectionFor(account) == connection;
    }

    // ---- the server's view -------------------------------------------------------------------

    public void localInterestAdded(Account account, Subscription subscription) {
        interest.added(account, subscription);
    }

    public void localInterestRemoved(Account account, Subscription subscription) {
        interest.removed(account, subscription);
    }

    /** A leaf this server is the hub of re-announced a queue weight: {@code delta} members more (or fewer). */
    public void localInterestWeightChanged(Account account, Subscription subscription, int delta) {
        interest.changed(account, subscription, delta);
    }

    public String name() {
        return name.name();
    }

    public int listenPort() {
        return listener == null ? 0 : ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public int poolSize() {
        return infos.poolSize();
    }

    /** Client URLs of every peer that is not in lame duck mode, unless {@code no_advertise}. */
    public List<String> peerClientUrls() {
        return peerUrls(info -> info.connectUrls);
    }

    /** Websocket URLs of every peer that is not in lame duck mode, unless {@code no_advertise}. */
    public List<String> peerWebsocketUrls() {
        return peerUrls(info -> info.wsConnectUrls);
    }

    /** Leaf node URLs of every peer that is not in lame duck mode (the cluster's no_advertise does not apply). */
    public List<String> peerLeafNodeUrls() {
        List<String> urls = new ArrayList<>();
        for (Remote remote : remoteList) {
            List<String> own = remote.info().leafnodeUrls;
            if (!remote.lameDuck() && own != null) {
                urls.addAll(own);
            }
        }
        return urls;
    }

    private List<String> peerUrls(java.util.function.Function<RouteInfo, List<String>> announced) {
        List<String> urls = new ArrayList<>();
        if (options.noAdvertise()) {
            return urls;
        }
        for (Remote remote : remoteList) {
            List<String> own = announced.apply(remote.info());
            if (!remote.lameDuck() && own != null) {
                urls.addAll(own);
            }
        }
        return urls;
    }

    public int remoteCount() {
        return remoteList.size();
    }

    /** Every registered route connection. */
    public List<RouteConnection> routes() {
        List<RouteConnection> all = new ArrayList<>();
        for (Remote remote : remoteList) {
            all.addAll(remote.connections());
        }
        return all;
    }

    /**
     * Stops accepting route connections (lame duck, shutdown); established routes stay up.
     * Whether a listener was open: nats-server logs that its accept loop ended.
     */
    public boolean stopAccepting() {
        if (listener == null || !listener.isOpen()) {
            return false;
        }
        listener.close();
        return true;
    }

    /** Sends one INFO line to every peer (gateway gossip, GATEWAYS.md §2.3). */
    public void tellEveryPeer(String infoLine) {
        for (Remote remote : remoteList) {
            RouteConnection first = remote.first();
            if (first != null) {
                first.sendInterest(infoLine);
            }
        }
    }

    /** Tells every peer this server is entering lame duck mode (ROUTES.md §13). */
    public void announceLameDuck() {
        String line = infos.lameDuckInfo().line();
        for (Remote remote : remoteList) {
            RouteConnection first = remote.first();
            if (first != null) {
                first.sendInterest(line);
            }
        }
    }
}
