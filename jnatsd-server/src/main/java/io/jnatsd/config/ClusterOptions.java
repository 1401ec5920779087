package io.jnatsd.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The {@code cluster {}} block (or the {@code --cluster*} / {@code --routes} flags). Present only
 * when a cluster listen port is configured, as nats-server only clusters then.
 *
 * <p>{@code name} null means a dynamic name negotiated with peers. {@code poolSize} -1 is one
 * classic (2.9 style) route connection without pinning. {@code pingInterval} null means the
 * global ping interval capped at 30 s; {@code pingMax} 0 means the global one.
 */
public record ClusterOptions(
        String name,
        String host,
        int port,
        String advertise,
        boolean noAdvertise,
        List<URI> routes,
        int connectRetries,
        int poolSize,
        List<String> pinnedAccounts,
        String compression,
        List<Duration> compressionRttThresholds,
        Duration pingInterval,
        int pingMax,
        String authUser,
        String authPassword,
        String authToken,
        Duration authTimeout,
        RoutePermissions permissions,
        TlsOptions tls) {

    public static final int DEFAULT_POOL_SIZE = 3;
    public static final String DEFAULT_COMPRESSION = "accept";
    public static final Duration MAX_ROUTE_PING_INTERVAL = Duration.ofSeconds(30);

    public ClusterOptions {
        routes = List.copyOf(routes);
        pinnedAccounts = List.copyOf(pinnedAccounts);
        compressionRttThresholds = List.copyOf(compressionRttThresholds);
    }

    /** A cluster listening on host:port with every other option at its default. */
    public static ClusterOptions listen(String host, int port) {
        return new ClusterOptions(null, host, port, null, false, List.of(), 0, DEFAULT_POOL_SIZE, List.of(),
                DEFAULT_COMPRESSION, List.of(), null, 0, null, null, null, null, null, null);
    }

    public ClusterOptions withName(String v) {
        return new ClusterOptions(v, host, port, advertise, noAdvertise, routes, connectRetries, poolSize,
                pinnedAccounts, compression, compressionRttThresholds, pingInterval, pingMax, authUser,
                authPassword, authToken, authTimeout, permissions, tls);
    }

    public ClusterOptions withRoutes(List<URI> v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, v, connectRetries, poolSize,
                pinnedAccounts, compression, compressionRttThresholds, pingInterval, pingMax, authUser,
                authPassword, authToken, authTimeout, permissions, tls);
    }

    public ClusterOptions withPoolSize(int v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries, v,
                pinnedAccounts, compression, compressionRttThresholds, pingInterval, pingMax, authUser,
                authPassword, authToken, authTimeout, permissions, tls);
    }

    public ClusterOptions withPinnedAccounts(List<String> v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries, poolSize,
                v, compression, compressionRttThresholds, pingInterval, pingMax, authUser,
                authPassword, authToken, authTimeout, permissions, tls);
    }

    public ClusterOptions withAdvertise(String v, boolean noAdvertiseFlag) {
        return new ClusterOptions(name, host, port, v, noAdvertiseFlag, routes, connectRetries, poolSize,
                pinnedAccounts, compression, compressionRttThresholds, pingInterval, pingMax, authUser,
                authPassword, authToken, authTimeout, permissions, tls);
    }

    public ClusterOptions withConnectRetries(int v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, v, poolSize,
                pinnedAccounts, compression, compressionRttThresholds, pingInterval, pingMax, authUser,
                authPassword, authToken, authTimeout, permissions, tls);
    }

    /** Route compression: a nats-server mode name (off, accept, s2_fast, s2_better, s2_best, s2_auto). */
    public ClusterOptions withCompression(String mode) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries, poolSize,
                pinnedAccounts, mode, compressionRttThresholds, pingInterval, pingMax, authUser,
                authPassword, authToken, authTimeout, permissions, tls);
    }

    public ClusterOptions withPermissions(RoutePermissions v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries, poolSize,
                pinnedAccounts, compression, compressionRttThresholds, pingInterval, pingMax, authUser,
                authPassword, authToken, authTimeout, v, tls);
    }

    public ClusterOptions withAddress(String h, int p) {
        return new ClusterOptions(name, h, p, advertise, noAdvertise, routes, connectRetries, poolSize,
                pinnedAccounts, compression, compressionRttThresholds, pingInterval, pingMax, authUser,
                authPassword, authToken, authTimeout, permissions, tls);
    }

    public ClusterOptions withTls(TlsOptions v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries, poolSize,
                pinnedAccounts, compression, compressionRttThresholds, pingInterval, pingMax, authUser,
                authPassword, authToken, authTimeout, permissions, v);
    }

    /** Route import/export permissions (ROUTES.md §6.4). */
    public record RoutePermissions(SubjectPermission importPermission, SubjectPermission exportPermission) {
    }
}
