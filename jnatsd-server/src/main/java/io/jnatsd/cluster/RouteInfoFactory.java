package io.jnatsd.cluster;

import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.SubjectPermission;
import io.jnatsd.protocol.route.RouteConnect;
import io.jnatsd.protocol.route.RouteInfo;
import io.jnatsd.protocol.Versions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds this server's route INFO and CONNECT (ROUTES.md §3-§4) and reads peers' INFOs for
 * gossip. The first INFO advertises the configured compression mode, later ones the negotiated
 * writer mode ({@link RouteCompression}).
 */
final class RouteInfoFactory {
    private static final char[] NONCE_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClusterEnvironment environment;
    private final ClusterOptions options;
    private final ClusterName name;
    private final int poolSize;
    private final RouteCompression compression;
    private volatile int listenPort;

    RouteInfoFactory(ClusterEnvironment environment, ClusterName name, Set<String> pinnedAccounts) {
        this.environment = environment;
        this.options = environment.options().cluster();
        this.name = name;
        int configured = options.poolSize();
        this.poolSize = configured == 0 ? ClusterOptions.DEFAULT_POOL_SIZE : configured < 0 ? -1 : configured;
        this.compression = new RouteCompression(options.compression(), options.compressionRttThresholds());
    }

    void listening(int port) {
        this.listenPort = port;
    }

    /** Our pool size, or -1 when pooling is off. */
    int poolSize() {
        return poolSize;
    }

    private RouteInfo base() {
        RouteInfo info = new RouteInfo();
        info.serverId = environment.serverId();
        info.serverName = environment.serverName();
        info.version = Versions.PROTOCOL_VERSION;
        info.proto = 2;
        info.go = Versions.RUNTIME;
        String[] advertised = options.advertise() == null ? null : options.advertise().split(":", 2);
        info.host = advertised != null ? advertised[0] : options.host();
        info.port = advertised != null && advertised.length > 1 ? Integer.parseInt(advertised[1]) : listenPort;
        if (advertised != null) {
            info.ip = "nats-route://" + info.host + ":" + info.port + "/";
        }
        info.headers = !environment.options().noHeaderSupport();
        info.authRequired = options.authUser() != null || options.authToken() != null;
        info.tlsRequired = options.tls() != null;
        // nats-server asks every route peer for its certificate, so its INFO says so whenever TLS is on.
        info.tlsVerify = options.tls() != null;
        info.maxPayload = environment.options().maxPayload();
        info.cluster = name.name();
        info.clusterDynamic = name.dynamic();
        if (!options.noAdvertise()) {
            List<String> urls = environment.clientConnectUrls();
            info.connectUrls = urls.isEmpty() ? null : urls;
            List<String> websocketUrls = environment.websocketConnectUrls();
            info.wsConnectUrls = websocketUrls.isEmpty() ? null : websocketUrls;
        }
        // nats-server gossips its leaf URL under the leafnodes block's own no_advertise, not cluster's
        List<String> leafUrls = environment.leafNodeUrls();
        if (!leafUrls.isEmpty()) {
            info.leafnodeUrls = leafUrls;
        }
        if (options.permissions() != null) {
            info.importPermissions = permissionJson(options.permissions().importPermission());
            info.exportPermissions = permissionJson(options.permissions().exportPermission());
        }
        info.lnoc = true;
        info.lnocu = true;
        info.routePoolSize = Math.max(0, poolSize);
        info.gatewayUrl = environment.gatewayUrl();
        return info;
    }

    private static Map<String, List<String>> permissionJson(SubjectPermission permission) {
        if (permission == null) {
            return null;
        }
        Map<String, List<String>> json = new LinkedHashMap<>();
        if (!permission.allow().isEmpty()) {
            json.put("allow", permission.allow());
        }
        if (!permission.deny().isEmpty()) {
            json.put("deny", permission.deny());
        }
        return json;
    }

    /** The INFO an acceptor sends at once: our configured compression mode, a fresh nonce. */
    RouteInfo acceptorInfo() {
        RouteInfo info = base();
        info.nonce = nonce();
        info.compression = compression.advertised();
        return info;
    }

    /** The acceptor's second INFO, sent compressed once compression is negotiated: the mode it writes. */
    RouteInfo acceptorInfo(String negotiatedCompression) {
        RouteInfo info = acceptorInfo();
        info.compression = compression.announced(negotiatedCompression);
        return info;
    }

    /** The solicitor's INFO: negotiated compression, pool index and pinned account. */
    RouteInfo solicitorInfo(int poolIndex, String pinnedAccount, String negotiatedCompression) {
        RouteInfo info = acceptorInfo(negotiatedCompression);
        info.routePoolIndex = poolIndex;
        info.routeAccount = pinnedAccount;
        return info;
    }

    RouteCompression compression() {
        return compression;
    }

    /** The lame duck announcement: no nonce, no compression, {@code ldm:true}. */
    RouteInfo lameDuckInfo() {
        RouteInfo info = base();
        info.lameDuck = true;
        return info;
    }

    /**
     * Our CONNECT on a connection we dial. Its credentials are the URL's only: a configured route
     * carries what its URL says, and a gossiped one was given our own cluster credentials when it
     * was learned ({@link #urlOf}). nats-server does the same, so a configured route without
     * credentials is refused by a peer that requires them, whatever our own authorization says.
     */
    RouteConnect connect(RouteUrl url) {
        RouteConnect connect = new RouteConnect();
        connect.user = url.user();
        connect.pass = url.password();
        connect.tlsRequired = options.tls() != null;
        connect.headers = !environment.options().noHeaderSupport();
        connect.name = environment.serverId();
        connect.cluster = name.name();
        connect.clusterDynamic = name.dynamic();
        return connect;
    }

    /** A peer's INFO with {@code ip} filled from the TCP peer address where it did not send one. */
    RouteInfo withAddress(RouteInfo info, InetSocketAddress peer) {
        if (info.ip != null || peer == null) {
            return info;
        }
        RouteInfo filled = info.copy();
        filled.ip = "nats-route://" + peer.getAddress().getHostAddress() + ":" + info.port + "/";
        return filled;
    }

    /**
     * A peer's INFO as forwarded to other peers: without its nonce, and about the server rather
     * than the connection it came on. The first connection of a new remote may be its pinned
     * {@code $SYS} one; forwarded with {@code route_account}, every receiver would take it for
     * pinned-connection gossip and never dial the newcomer.
     */
    RouteInfo gossip(RouteInfo info) {
        RouteInfo forwarded = info.copy();
        forwarded.nonce = null;
        forwarded.routeAccount = null;
        forwarded.routePoolIndex = 0;
        return forwarded;
    }

    /**
     * The gossip about a peer's pinned connection for {@code account}, forwarded each time one
     * registers: a nats-server that learns of a server through gossip dials its pool from the
     * plain INFO and a pinned connection only for such an INFO (ROUTES.md §8), so without it that
     * pair kept no pinned {@code $SYS} connection. jnatsd peers ignore it (they dial their
     * pinned connections with their pool).
     */
    RouteInfo pinnedGossip(RouteInfo info, String account) {
        RouteInfo forwarded = gossip(info);
        forwarded.routeAccount = account;
        return forwarded;
    }

    /** The URL to dial for a gossiped server, with our own cluster credentials where it needs them. */
    RouteUrl urlOf(RouteInfo info, String user, String password) {
        try {
            String host;
            int port;
            if (info.ip != null) {
                URI uri = URI.create(info.ip);
                host = uri.getHost();
                port = uri.getPort();
            } else {
                host = info.host;
                port = info.port;
            }
            if (host == null || port <= 0) {
                return null;
            }
            return info.authRequired ? new RouteUrl(host, port, user, password, false)
                    : new RouteUrl(host, port, null, null, false);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String nonce() {
        char[] nonce = new char[11];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = NONCE_ALPHABET[RANDOM.nextInt(NONCE_ALPHABET.length)];
        }
        return new String(nonce);
    }
}
