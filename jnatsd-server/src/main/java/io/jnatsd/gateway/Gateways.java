package io.jnatsd.gateway;

import io.jnatsd.auth.Passwords;
import io.jnatsd.config.GatewayOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.FlushBatch;
import io.jnatsd.dispatch.GatewayForwarding;
import io.jnatsd.dispatch.RouteLink;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.link.LinkDialer;
import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.ProtocolError;
import io.jnatsd.protocol.QueueNames;
import io.jnatsd.protocol.gateway.GatewayConnect;
import io.jnatsd.protocol.gateway.GatewayInfo;
import io.jnatsd.transport.EventLoops;
import io.jnatsd.transport.ServerStartException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;
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
    private final LinkDialer dialer;
    private final ClusterInterest interest;
    private final MappedReplies replies = new MappedReplies();
    private final GatewayForwarder forwarder;
    private final String clusterHash;
    private final String serverHash;
    private Channel listener;
    private volatile String url;
    private volatile boolean shuttingDown;

    public Gateways(GatewayEnvironment environment) {
        this.environment = environment;
        this.options = environment.options().gateway();
        this.name = options.name();
        this.dialer = new LinkDialer(environment.eventLoops());
        this.interest = new ClusterInterest(name, () -> inbound);
        this.clusterHash = ReplyPrefix.hash(name);
        this.serverHash = ReplyPrefix.hash(environment.serverId());
        this.forwarder = new GatewayForwarder(() -> outbound, replies, ReplyPrefix.of(name, environment.serverId()));
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
                        channel.pipeline().addLast("gateway",
                                new GatewayConnection(Gateways.this, environment.nextConnectionId(), null));
                    }
                });
        try {
            listener = bootstrap.bind(options.host(), Math.max(0, options.port())).sync().channel();
        } catch (Exception e) {
            throw new ServerStartException("Error listening on gateway port: " + options.host() + ":"
                    + options.port() + ", \"" + e.getMessage() + "\"", e);
        }
        LOG.info("Listening for gateways connections on {}:{}", options.host(), listenPort());
        url = advertisedUrl();
        if (options.advertise() != null) {
            LOG.info("Advertise address for gateway \"{}\" is set to {}", name, url);
        } else {
            LOG.info("Address for gateway \"{}\" is {}", name, url);
        }
        synchronized (clusterUrls) {
            clusterUrls.add(url);
        }
        environment.router().gateways(forwarder);
        environment.eventLoops().scheduleAtFixedRate(replies::purge, 1, 1, TimeUnit.SECONDS);
        environment.eventLoops().schedule(() -> remotes.values().forEach(this::solicit),
                FIRST_SOLICIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private String advertisedUrl() {
        if (options.advertise() != null) {
            return options.advertise();
        }
        String host = options.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = firstNonLoopbackAddress();
        }
        return host + ":" + listenPort();
    }

    /** nats-server's choice for a gateway listening on every interface without advertise. */
    private static String firstNonLoopbackAddress() {
        try {
            for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (java.net.InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                    if (address instanceof java.net.Inet4Address && !address.isLoopbackAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (java.net.SocketException e) {
            LOG.debug("no network interfaces: {}", e.toString());
        }
        return "127.0.0.1";
    }

    public void stopAccepting() {
        if (listener != null) {
            listener.close();
        }
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
        interest.added(account, subscription);
    }

    public void interestRemoved(Account account, Subscription subscription) {
        interest.removed(account, subscription);
    }

    // ---- dialing ---------------------------------------------------------------------------------

    private void solicit(RemoteCluster remote) {
        if (shuttingDown || remote.outbound() != null) {
            return;
        }
        String target = remote.nextUrl();
        if (target == null) {
            if (remote.exhausted()) {
                forget(remote);
            }
            return;
        }
        String kind = remote.explicit() ? "explicit" : "implicit";
        int attempt = remote.attempt();
        if (attempt == 1) {
            LOG.info("Connecting to {} gateway \"{}\" ({}) at {} (attempt {})", kind, remote.name(), target, target, attempt);
        } else {
            LOG.debug("Connecting to {} gateway \"{}\" ({}) at {} (attempt {})", kind, remote.name(), target, target, attempt);
        }
        int colon = target.lastIndexOf(':');
        String host = target.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(target.substring(colon + 1));
        GatewayConnection connection = new GatewayConnection(this, environment.nextConnectionId(), remote);
        dialer.dial(host, port, connection, cause -> {
            if (attempt == 1) {
                LOG.error("Error connecting to {} gateway \"{}\" ({}) at {} (attempt {}): dial tcp {}: {}", kind,
                        remote.name(), target, target, attempt, target, cause.getMessage());
            }
            retry(remote);
        });
    }

    /** A dial or handshake failed: the next URL of the round now, else a new round after 1 s. */
    private void retry(RemoteCluster remote) {
        if (remote.failed()) {
            solicit(remote);
        } else {
            dialer.later(() -> solicit(remote), LinkDialer.RETRY_MILLIS);
        }
    }

    /** An implicit remote used up its rounds: forgotten, unless one of its servers is connected to us. */
    private void forget(RemoteCluster remote) {
        if (remote.explicit()) {
            return;
        }
        for (GatewayConnection connection : inbound) {
            if (remote.name().equals(connection.remoteName())) {
                dialer.later(() -> solicit(remote), LinkDialer.RETRY_MILLIS);
                return;
            }
        }
        remotes.remove(remote.name(), remote);
    }

    /** A remote cluster and URLs learned from an inbound INFO or gossip: dialed when new. */
    void learned(String remoteName, List<String> urls) {
        if (remoteName == null || remoteName.isEmpty() || remoteName.equals(name)) {
            return;
        }
        RemoteCluster known = remotes.get(remoteName);
        if (known != null) {
            known.addUrls(urls);
            return;
        }
        if (options.rejectUnknown()) {
            return;
        }
        RemoteCluster fresh = new RemoteCluster(remoteName, false, options.connectRetries());
        fresh.addUrls(urls);
        if (remotes.putIfAbsent(remoteName, fresh) == null) {
            solicit(fresh);
        } else {
            remotes.get(remoteName).addUrls(urls);
        }
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
        if (connect.gateway == null || connect.gateway.isEmpty()) {
            if (options.authRequired()) {
                LOG.error("{} - authentication error", connection.logPrefix());
                connection.fail(ProtocolError.AUTHORIZATION_VIOLATION.text(), "Authentication Failure");
            } else {
                connection.fail(ProtocolError.ATTEMPTED_TO_CONNECT_TO_GATEWAY_PORT.text(), "Wrong Port");
            }
            return;
        }
        if (options.rejectUnknown() && !isConfigured(connect.gateway)) {
            LOG.error("Rejecting connection from gateway \"{}\"", connect.gateway);
            connection.fail(ProtocolError.gatewayRejected(name), "Wrong Gateway");
            return;
        }
        if (options.authRequired() && !(options.user().equals(connect.user)
                && Passwords.matches(connect.pass, options.password()))) {
            LOG.error("{} - authentication error", connection.logPrefix());
            connection.fail(ProtocolError.AUTHORIZATION_VIOLATION.text(), "Authentication Failure");
        }
    }

    private boolean isConfigured(String remoteName) {
        return options.gateways().stream().anyMatch(g -> remoteName.equals(g.name()));
    }

    /** The acceptor's INFO arrived on a connection we dialed: check it, answer, register. */
    void outboundInfo(GatewayConnection connection, GatewayInfo info) {
        RemoteCluster remote = connection.dialed();
        if (info.gateway == null || info.gateway.isEmpty()) {
            connection.fail(ProtocolError.gatewayWrongPort(remote.name()), "Wrong Port");
            return;
        }
        if (!info.gateway.equals(remote.name())) {
            LOG.error("Failing connection to gateway \"{}\", remote gateway name is \"{}\"", remote.name(), info.gateway);
            connection.fail(ProtocolError.gatewayWrongName(name, remote.name(), info.gateway), "Wrong Gateway");
            return;
        }
        if (duplicateName(info)) {
            connection.close("Duplicate Server Name");
            return;
        }
        remote.addUrls(info.gatewayUrls);
        GatewayConnect connect = new GatewayConnect();
        connect.name = environment.serverId();
        connect.gateway = name;
        connect.user = remote.user() != null ? remote.user() : options.user();
        connect.pass = remote.user() != null ? remote.password() : options.password();
        connection.sendConnect(connect, ourInfo());
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

    /** The solicitor's INFO arrived after its CONNECT: register and send it our interest. */
    void inboundInfo(GatewayConnection connection, GatewayInfo info) {
        if (info.gateway == null || info.gateway.isEmpty()) {
            connection.fail(ProtocolError.AUTHORIZATION_VIOLATION.text(), "Wrong Gateway");
            return;
        }
        if (duplicateName(info)) {
            connection.close("Duplicate Server Name");
            return;
        }
        connection.registeredAs(info.gateway);
        inbound.add(connection);
        LOG.info("{} - Inbound gateway connection from \"{}\" ({}) registered", connection.logPrefix(),
                info.gateway, info.serverId);
        interest.sendAll(connection, environment.allAccounts());
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

    private boolean duplicateName(GatewayInfo info) {
        if (info.serverName != null && info.serverName.equals(environment.serverName())) {
            LOG.error("Remote server has a duplicate name: \"{}\"", info.serverName);
            return true;
        }
        return false;
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
            LOG.debug("Attempting reconnect for gateway \"{}\"", remote.name());
            dialer.later(() -> solicit(remote), remote.explicit() ? LinkDialer.RETRY_MILLIS : 0);
        } else {
            retry(remote);
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
        GatewayInfo info = new GatewayInfo();
        info.serverId = environment.serverId();
        info.serverName = environment.serverName();
        info.version = io.jnatsd.protocol.Versions.PROTOCOL_VERSION;
        String own = url;
        int colon = own.lastIndexOf(':');
        info.host = own.substring(0, colon);
        info.port = Integer.parseInt(own.substring(colon + 1));
        info.headers = !environment.options().noHeaderSupport();
        info.authRequired = options.authRequired();
        info.maxPayload = environment.options().maxPayload();
        info.gateway = name;
        info.gatewayUrls = clusterUrls();
        info.gatewayUrl = own;
        info.newReplyPrefix = true;
        info.interestOnlyMode = true;
        return info;
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

    long maxPendingBytes() {
        return environment.options().maxPending();
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

    /** Every remote cluster known, with its URLs (/varz {@code gateway.gateways}). */
    public Map<String, List<String>> knownRemotes() {
        Map<String, List<String>> known = new java.util.TreeMap<>();
        remotes.values().forEach(r -> known.put(r.name(), r.urls()));
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
