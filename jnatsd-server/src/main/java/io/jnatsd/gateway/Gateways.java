package io.jnatsd.gateway;

import io.jnatsd.config.GatewayChecks;
import io.jnatsd.config.GatewayOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.FlushBatch;
import io.jnatsd.dispatch.GatewayForwarding;
import io.jnatsd.dispatch.RouteLink;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.link.ConnectErrorReports;
import io.jnatsd.link.LinkDialer;
import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.QueueNames;
import io.jnatsd.protocol.gateway.GatewayConnect;
import io.jnatsd.protocol.gateway.GatewayInfo;
import io.jnatsd.transport.EventLoops;
import io.jnatsd.transport.ServerStartException;
import io.jnatsd.transport.tls.GatewayTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway side of one server (GATEWAYS.md): the gateway listener, one outbound connection per
 * remote cluster (explicit from the configuration, implicit from what peers tell), the accepted
 * inbound ones, the handshake rules, URL gossip, and this cluster's interest as remote clusters see
 * it. Registry changes are rare (connections coming and going), never per message; the message path
 * reads a snapshot array of outbound connections.
 */
public final class Gateways {
    private static final Logger LOG = LoggerFactory.getLogger(Gateways.class);
    private static final long FIRST_SOLICIT_MILLIS = 1000;
    private static final long MAX_PING_INTERVAL_MILLIS = 15_000;

    private final GatewayEnvironment environment;
    private final GatewayOptions options;
    private final String name;
    private final Map<String, RemoteCluster> remotes = new ConcurrentHashMap<>();
    private final List<GatewayConnection> inbound = new CopyOnWriteArrayList<>();
    private volatile GatewayConnection[] outbound = new GatewayConnection[0];
    private final Set<String> clusterUrls = new LinkedHashSet<>();
    private final GatewaySolicitor solicitor;
    private final GatewayHandshake handshake;
    private final GatewayTls tls;
    private final ClusterInterest interest;
    private final MappedReplies replies = new MappedReplies();
    private final RecentInterest recent = new RecentInterest(System::nanoTime);
    private final GatewayForwarder forwarder;
    private final String clusterHash;
    private final String serverHash;
    private Channel listener;
    private volatile String url;
    private volatile boolean shuttingDown;

    /** @throws ServerStartException when the gateway block is incomplete or asks for what jnatsd lacks */
    public Gateways(GatewayEnvironment environment) {
        List<String> problems = GatewayChecks.problems(environment.options());
        if (!problems.isEmpty()) {
            // embedded servers skip the launcher's start-up checks: never run more open than configured
            throw new ServerStartException(String.join("; ", problems), null);
        }
        this.environment = environment;
        this.options = environment.options().gateway();
        this.name = options.name();
        this.tls = new GatewayTls(options);
        this.handshake = new GatewayHandshake(environment, options, tls);
        this.solicitor = new GatewaySolicitor(this, new LinkDialer(environment.eventLoops()), remotes, options, tls,
                new ConnectErrorReports(environment::options));
        this.interest = new ClusterInterest(name, () -> inbound);
        interest.existing(environment.allAccounts());
        this.clusterHash = ReplyPrefix.hash(name);
        this.serverHash = ReplyPrefix.hash(environment.serverId());
        this.forwarder = new GatewayForwarder(() -> outbound, replies, recent,
                ReplyPrefix.of(name, environment.serverId()));
        for (GatewayOptions.RemoteGateway configured : options.gateways()) {
            if (!configured.name().equals(name)) {
                remotes.computeIfAbsent(configured.name(), n -> new RemoteCluster(n, true, options.connectRetries()))
                        .addConfigured(configured.urls());
            }
        }
    }

    /** Binds the gateway port and, after nats-server's 1 s delay, dials every configured remote. */
    public void start() {
        LOG.info("Gateway name is {}", name);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(environment.eventLoops())
                .channel(EventLoops.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                .childHandler(new io.netty.channel.ChannelInitializer<io.netty.channel.socket.SocketChannel>() {
                    @Override
                    protected void initChannel(io.netty.channel.socket.SocketChannel channel) {
                        GatewayConnection connection = new GatewayConnection(Gateways.this,
                                environment.nextConnectionId(), null);
                        channel.pipeline().addLast("gateway", connection);
                        tls.acceptor(channel, connection);
                    }
                });
        try {
            listener = EventLoops.bindPaused(bootstrap, options.host(), Math.max(0, options.port()));
        } catch (Exception e) {
            throw new ServerStartException("Error listening on gateway port: " + options.host() + ":"
                    + options.port() + ", \"" + e.getMessage() + "\"", e);
        }
        LOG.info("Listening for gateways connections on {}:{}", options.host(), listenPort());
        url = GatewayAddress.advertised(options, listenPort());
        if (options.advertise() != null) {
            LOG.info("Advertise address for gateway \"{}\" is set to {}", name, url);
        } else {
            LOG.info("Address for gateway \"{}\" is {}", name, url);
        }
        synchronized (clusterUrls) {
            clusterUrls.add(url);
        }
        EventLoops.startAccepting(listener);
        environment.router().gateways(forwarder);
        environment.eventLoops().scheduleAtFixedRate(replies::purge, 1, 1, TimeUnit.SECONDS);
        environment.eventLoops().schedule(() -> remotes.values().forEach(solicitor::solicit),
                FIRST_SOLICIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Closes the listener; whether one was open (nats-server logs that its accept loop ended). */
    public boolean stopAccepting() {
        if (listener == null || !listener.isOpen()) {
            return false;
        }
        listener.close();
        return true;
    }

    public void shutdown() {
        shuttingDown = true;
        stopAccepting();
        for (GatewayConnection connection : outbound) {
            connection.close("Server Shutdown");
        }
        for (GatewayConnection connection : inbound) {
            connection.close("Server Shutdown");
        }
    }

    // ---- interest, from the server ---------------------------------------------------------------

    /** A subscription joined this cluster: a local one, or one a route peer announced. */
    public void interestAdded(Account account, Subscription subscription) {
        if (!shuttingDown) {
            interest.added(account, subscription);
            recent.added(account, subscription);
        }
    }

    /**
     * A reload whose gateway block changed only in what {@link io.jnatsd.config.ReloadPlan} lets a
     * reload change: the TLS files are read again and new gateway connections use them.
     *
     * @throws io.jnatsd.transport.tls.TlsSetupException when a file cannot be used; nothing changes then
     */
    public void reloadTls(GatewayOptions fresh) {
        tls.reload(fresh);
    }

    /** A new account on this server: switched to interest-only on every inbound connection (GATEWAYS.md §4.4). */
    public void accountRegistered(Account account) {
        if (!shuttingDown) {
            interest.registered(account);
        }
    }

    /** Ignored once shutting down: internal subscribers leave after the event loops are gone. */
    public void interestRemoved(Account account, Subscription subscription) {
        if (!shuttingDown) {
            interest.removed(account, subscription);
            recent.removed(account, subscription);
        }
    }

    // ---- dialing ---------------------------------------------------------------------------------

    /** A remote cluster and URLs learned from an inbound INFO or gossip: dialed when new. */
    void learned(String remoteName, List<String> urls) {
        solicitor.learned(remoteName, urls);
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    long nextConnectionId() {
        return environment.nextConnectionId();
    }

    /** Whether a server of {@code remoteName} is connected to us (an implicit remote is then kept). */
    boolean hasInboundFrom(String remoteName) {
        for (GatewayConnection connection : inbound) {
            if (remoteName.equals(connection.remoteName())) {
                return true;
            }
        }
        return false;
    }

    // ---- gossip over routes (GATEWAYS.md §2.3) ---------------------------------------------------

    /**
     * A route peer joined with its gateway URL: it joins the URLs we advertise, and the peer hears
     * of every remote cluster we have an outbound connection to.
     */
    public String routePeerJoined(String peerUrl) {
        if (peerUrl != null && !peerUrl.isEmpty()) {
            synchronized (clusterUrls) {
                clusterUrls.add(peerUrl);
            }
        }
        StringBuilder lines = new StringBuilder();
        for (RemoteCluster remote : remotes.values()) {
            if (remote.outbound() != null) {
                lines.append(routeGossipLine(remote.name(), remote.urls()));
            }
        }
        return lines.toString();
    }

    /** The route INFO telling peers of a remote gateway: {@code server_id} is {@code GW} + ours. */
    public String routeGossipLine(String remoteName, List<String> urls) {
        io.jnatsd.protocol.route.RouteInfo info = new io.jnatsd.protocol.route.RouteInfo();
        info.serverId = "GW" + environment.serverId();
        info.serverName = environment.serverName();
        info.gateway = remoteName;
        info.gatewayUrls = urls;
        info.gatewayCommand = GatewayInfo.GOSSIP;
        return info.gossipLine();
    }

    /** A route INFO with {@code gateway_cmd}: a peer of this cluster is connected to that remote. */
    public void routeGossip(String remoteName, List<String> urls, int command, String fromServer) {
        if (command != GatewayInfo.GOSSIP) {
            LOG.warn("Unknown command {} from server {}", command, fromServer);
            return;
        }
        learned(remoteName, urls);
    }

    // ---- handshake ------------------------------------------------------------------------------

    void acceptConnect(GatewayConnection connection, GatewayConnect connect) {
        handshake.admit(connection, connect);
    }

    /** The acceptor's INFO arrived on a connection we dialed: check it, answer, register. */
    void outboundInfo(GatewayConnection connection, GatewayInfo info) {
        RemoteCluster remote = connection.dialed();
        GatewayConnect connect = handshake.answer(connection, remote, info);
        if (connect == null) {
            return;
        }
        remote.addUrls(info.gatewayUrls);
        connection.sendConnect(connect, ourInfo());
        LOG.debug("{} - Gateway connect protocol sent to \"{}\"", connection.logPrefix(), remote.name());
        if (!remote.register(connection)) {
            connection.closeForGood("Wrong Gateway");
            return;
        }
        connection.registeredAs(remote.name());
        refreshOutbound();
        LOG.info("{} - Outbound gateway connection to \"{}\" ({}) registered", connection.logPrefix(),
                remote.name(), info.serverId);
        environment.gossipToRoutes(remote.name(), remote.urls());
    }

    /**
     * The solicitor's INFO arrived after its CONNECT: register, send it all our interest, dial its
     * cluster back if new, and tell it of every other remote cluster (GATEWAYS.md §3.2 step 4).
     */
    void inboundInfo(GatewayConnection connection, GatewayInfo info) {
        if (!handshake.acceptable(connection, info)) {
            return;
        }
        connection.registeredAs(info.gateway);
        inbound.add(connection);
        LOG.info("{} - Inbound gateway connection from \"{}\" ({}) registered", connection.logPrefix(),
                info.gateway, info.serverId);
        interest.sendAll(connection, environment.allAccounts());
        LOG.debug("{} - Sent queue subscriptions to gateway", connection.logPrefix());
        learned(info.gateway, info.gatewayUrls);
        StringBuilder gossip = new StringBuilder();
        for (RemoteCluster other : remotes.values()) {
            if (!other.name().equals(info.gateway)) {
                GatewayInfo line = GatewayInfo.command(other.name(), GatewayInfo.GOSSIP, null);
                line.serverId = environment.serverId();
                line.gatewayUrls = other.urls();
                gossip.append(line.line());
            }
        }
        if (gossip.length() > 0) {
            connection.sendInterest(gossip);
        }
    }

    void closed(GatewayConnection connection) {
        if (!connection.solicited()) {
            inbound.remove(connection);
            return;
        }
        RemoteCluster remote = connection.dialed();
        boolean wasRegistered = remote.unregister(connection);
        if (wasRegistered) {
            refreshOutbound();
        }
        if (connection.noReconnect() || shuttingDown) {
            return;
        }
        if (wasRegistered) {
            solicitor.reconnect(remote);
        } else {
            solicitor.retry(remote);
        }
    }

    private synchronized void refreshOutbound() {
        List<GatewayConnection> live = new ArrayList<>();
        for (RemoteCluster remote : remotes.values()) {
            GatewayConnection connection = remote.outbound();
            if (connection != null) {
                live.add(connection);
            }
        }
        outbound = live.toArray(new GatewayConnection[0]);
    }

    /** Our INFO: first line on every accepted connection and the solicitor's answer. */
    GatewayInfo ourInfo() {
        return handshake.ourInfo(url, clusterUrls());
    }

    // ---- messages ---------------------------------------------------------------------------------

    /**
     * A message from another cluster. A mapped reply coming back (subject {@code _GR_.}) is for this
     * cluster only: delivered here when it names this server (or one we have no route to), else
     * passed unchanged over the route to the server it names.
     */
    void received(Account account, MessageFrame message, QueueNames queues, FlushBatch batch) {
        String subject = message.subject();
        if (subject.startsWith(GatewayForwarding.REPLY_PREFIX) && ReplyPrefix.isMapped(subject)) {
            if (!ReplyPrefix.clusterHash(subject).equals(clusterHash)) {
                return;
            }
            String server = ReplyPrefix.serverHash(subject);
            if (!server.equals(serverHash)) {
                RouteLink route = environment.routeTo(id -> ReplyPrefix.hash(id).equals(server));
                if (route != null) {
                    route.forward(account, message, queues, batch);
                    return;
                }
            }
            message = forwarder.unmapped(message);
        }
        environment.router().deliverFromGateway(account, message, queues, batch);
    }

    Account account(String accountName) {
        return environment.account(accountName);
    }

    void slowConsumer() {
        environment.gatewaySlowConsumer();
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

    long authTimeoutMillis() {
        return options.authTimeout().toMillis();
    }

    long pingIntervalMillis() {
        return Math.min(environment.options().pingInterval().toMillis(), MAX_PING_INTERVAL_MILLIS);
    }

    int pingMax() {
        return environment.options().pingMax();
    }

    // ---- what monitoring reads ----------------------------------------------------------------------

    public String name() {
        return name;
    }

    public int listenPort() {
        return listener == null ? 0 : ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** This server's advertised gateway URL ({@code host:port}). */
    public String url() {
        return url;
    }

    public List<String> clusterUrls() {
        synchronized (clusterUrls) {
            return new ArrayList<>(clusterUrls);
        }
    }

    public Collection<GatewayView> outboundViews() {
        List<GatewayView> views = new ArrayList<>();
        for (RemoteCluster remote : remotes.values()) {
            GatewayConnection connection = remote.outbound();
            if (connection != null) {
                views.add(new GatewayView(remote.name(), remote.explicit(), connection));
            }
        }
        return views;
    }

    public Collection<GatewayView> inboundViews() {
        List<GatewayView> views = new ArrayList<>();
        for (GatewayConnection connection : inbound) {
            views.add(new GatewayView(connection.remoteName(), false, connection));
        }
        return views;
    }

    /**
     * The configured remote clusters with every URL known for them, learned ones included (/varz
     * {@code gateway.gateways}; nats-server leaves implicit remotes out there).
     */
    public Map<String, List<String>> configuredRemotes() {
        Map<String, List<String>> known = new java.util.TreeMap<>();
        remotes.values().stream().filter(RemoteCluster::explicit).forEach(r -> known.put(r.name(), r.urls()));
        return known;
    }

    public GatewayOptions options() {
        return options;
    }

    /** Whether remote cluster {@code remote} announced interest matching {@code subject} in {@code account}. */
    public boolean remoteInterest(String remote, String account, String subject) {
        RemoteCluster cluster = remotes.get(remote);
        GatewayConnection connection = cluster == null ? null : cluster.outbound();
        return connection != null && connection.interest().match(account, subject) != null;
    }
}
