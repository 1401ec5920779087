package io.jnatsd.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a reload (SIGHUP) would change, option by option, and whether nats-server would accept it.
 * nats-server refuses the whole reload when any refused option changed ("config reload not supported
 * for ..."), keeping the old configuration; jnatsd should do the same.
 *
 * <p>Facts from nats-server's reload.go (diffOptions and validateClusterOpts): logging switches,
 * TLS, authorization, users, accounts, limits on connections/payload/control line, pings, write
 * deadline, client_advertise, pid file, ports file dir, error-report throttles, traced message
 * length, routes, the cluster block and the TLS of the leafnodes block are reloadable; the cluster's
 * host and port are not (jnatsd reloads the routes and the cluster's TLS files and settings, and
 * refuses other changes of the cluster block, which it applies at start). Every
 * other option falls into diffOptions' default branch and is refused: host, port (unless the new
 * one is 0), server_name, the monitoring listeners, max_pending, max_subscriptions, lame duck
 * timers, no_header_support, allow_non_tls, system account switches, and no_auth_user (except
 * removing it when that user is gone too).
 */
public record ReloadPlan(List<Change> changes) {
    /** The change of the cluster's {@code routes} list, which the running cluster applies. */
    public static final String CLUSTER_ROUTES = "cluster routes";

    public ReloadPlan {
        changes = List.copyOf(changes);
    }

    /** One changed option, named as in the configuration file. */
    public record Change(String option, boolean reloadable) {
    }

    private record Option(String name, Function<ServerOptions, Object> value, boolean reloadable) {
    }

    private static final List<Option> OPTIONS = List.of(
            new Option("server_name", ServerOptions::serverName, false),
            new Option("host", ServerOptions::host, false),
            new Option("client_advertise", ServerOptions::clientAdvertise, true),
            new Option("max_connections", ServerOptions::maxConnections, true),
            new Option("max_payload", ServerOptions::maxPayload, true),
            new Option("max_control_line", ServerOptions::maxControlLine, true),
            new Option("max_pending", ServerOptions::maxPending, false),
            new Option("max_subscriptions", ServerOptions::maxSubscriptions, false),
            new Option("max_sub_tokens", ServerOptions::maxSubTokens, false),
            new Option("ping_interval", ServerOptions::pingInterval, true),
            new Option("ping_max", ServerOptions::pingMax, true),
            new Option("write_deadline", ServerOptions::writeDeadline, true),
            new Option("lame_duck_duration", ServerOptions::lameDuckDuration, false),
            new Option("lame_duck_grace_period", ServerOptions::lameDuckGracePeriod, false),
            new Option("no_header_support", ServerOptions::noHeaderSupport, false),
            new Option("max_closed_clients", ServerOptions::maxClosedClients, false),
            new Option("http_host", ServerOptions::httpHost, false),
            new Option("http_port", ServerOptions::httpPort, false),
            new Option("https_port", ServerOptions::httpsPort, false),
            new Option("http_base_path", ServerOptions::httpBasePath, false),
            new Option("debug", ServerOptions::debug, true),
            new Option("trace", ServerOptions::trace, true),
            new Option("trace_verbose", ServerOptions::traceVerbose, true),
            new Option("logtime", ServerOptions::logtime, true),
            new Option("logtime_utc", ServerOptions::logtimeUtc, true),
            new Option("log_file", ServerOptions::logFile, true),
            new Option("log_size_limit", ServerOptions::logSizeLimit, false),
            new Option("log_max_num", ServerOptions::logMaxFiles, false),
            new Option("syslog", ServerOptions::syslog, true),
            new Option("remote_syslog", ServerOptions::remoteSyslog, true),
            new Option("pid_file", ServerOptions::pidFile, true),
            new Option("ports_file_dir", ServerOptions::portsFileDir, true),
            new Option("max_traced_msg_len", ServerOptions::maxTracedMessageLength, true),
            new Option("connect_error_reports", ServerOptions::connectErrorReports, true),
            new Option("reconnect_error_reports", ServerOptions::reconnectErrorReports, true),
            new Option("authorization", ServerOptions::authorization, true),
            new Option("accounts", ServerOptions::accounts, true),
            new Option("mappings", ServerOptions::mappings, true),
            new Option("system_account", ServerOptions::systemAccount, false),
            new Option("no_system_account", ServerOptions::noSystemAccount, false),
            new Option("tls", ServerOptions::tls, true),
            new Option("allow_non_tls", ServerOptions::allowNonTls, false),
            new Option("websocket", ServerOptions::websocket, false));

    public static ReloadPlan between(ServerOptions old, ServerOptions neu) {
        List<Change> changes = new ArrayList<>();
        for (Option option : OPTIONS) {
            if (!Objects.equals(option.value().apply(old), option.value().apply(neu))) {
                changes.add(new Change(option.name(), option.reloadable()));
            }
        }
        if (old.port() != neu.port()) {
            changes.add(new Change("port", neu.port() == 0));
        }
        if (!Objects.equals(old.noAuthUser(), neu.noAuthUser())) {
            changes.add(new Change("no_auth_user", neu.noAuthUser() == null && !hasUser(neu, old.noAuthUser())));
        }
        clusterChanges(old.cluster(), neu.cluster(), changes);
        leafnodeChanges(old.leafnodes(), neu.leafnodes(), changes);
        gatewayChanges(old.gateway(), neu.gateway(), changes);
        return new ReloadPlan(changes);
    }

    private static boolean hasUser(ServerOptions options, String user) {
        return options.authorization().users().stream().anyMatch(u -> user.equals(u.identity()))
                || options.accounts().stream().flatMap(a -> a.users().stream()).anyMatch(u -> user.equals(u.identity()));
    }

    private static void clusterChanges(ClusterOptions old, ClusterOptions neu, List<Change> changes) {
        if (Objects.equals(old, neu)) {
            return;
        }
        String oldHost = old == null ? "" : old.host();
        String newHost = neu == null ? "" : neu.host();
        int oldPort = old == null ? 0 : old.port();
        int newPort = neu == null ? 0 : neu.port();
        if (!oldHost.equals(newHost)) {
            changes.add(new Change("cluster host", false));
        }
        if (oldPort != newPort) {
            changes.add(new Change("cluster port", false));
        }
        if (old == null || neu == null) {
            return;
        }
        ClusterOptions oldRest = old.withRoutes(List.of()).withTls(reloadFixed(old.tls()));
        ClusterOptions newRest = neu.withRoutes(List.of()).withAddress(old.host(), old.port()).withTls(reloadFixed(neu.tls()));
        if (!oldRest.equals(newRest)) {
            // nats-server also reloads route authorization, permissions, compression and the pool;
            // jnatsd's cluster takes those once, at start, so it refuses rather than log a change it
            // does not make (a new route password must not leave old routes admitted).
            changes.add(new Change("cluster", false));
        } else if (!Objects.equals(old.tls(), neu.tls())) {
            // certificate, key and CA files, ciphers, min_version: new route connections use them
            changes.add(new Change("cluster", true));
        }
        if (!old.routes().equals(neu.routes())) {
            changes.add(new Change(CLUSTER_ROUTES, true));
        }
    }

    /**
     * nats-server 2.10.27 reloads the TLS of the leafnode listener and of the remotes (and the
     * compression, and {@code handshake_first}); any other change of the {@code leafnodes} block is
     * refused. jnatsd reloads the TLS files and settings a gateway's reload may change, and refuses
     * everything else, compression and {@code handshake_first} included, failing closed.
     */
    private static void leafnodeChanges(LeafNodeOptions old, LeafNodeOptions neu, List<Change> changes) {
        if (Objects.equals(old, neu)) {
            return;
        }
        boolean tlsOnly = old != null && neu != null && old.remotes().size() == neu.remotes().size()
                && withoutReloadableTls(old).equals(withoutReloadableTls(neu));
        changes.add(new Change("leafnodes", tlsOnly));
    }

    private static LeafNodeOptions withoutReloadableTls(LeafNodeOptions leafnodes) {
        return leafnodes.withTls(reloadFixed(leafnodes.tls()),
                leafnodes.remotes().stream().map(r -> reloadFixed(r.tls())).toList());
    }

    /**
     * nats-server 2.10.27 reloads a gateway block whose only differences are inside its {@code tls}
     * blocks (the gateway's or a remote's): certificate, key and CA files, cipher suites,
     * {@code min_version}; new gateway connections use them. A {@code tls} block added or removed, or
     * its {@code timeout} or {@code verify_and_map} changed, refuses the reload like any other
     * gateway change (checked against the server). jnatsd also keeps {@code insecure} and
     * {@code handshake_first} fixed, failing closed.
     */
    private static void gatewayChanges(GatewayOptions old, GatewayOptions neu, List<Change> changes) {
        if (Objects.equals(old, neu)) {
            return;
        }
        boolean tlsOnly = old != null && neu != null
                && withoutReloadableTls(old).equals(withoutReloadableTls(neu));
        changes.add(new Change("gateway", tlsOnly));
    }

    private static GatewayOptions withoutReloadableTls(GatewayOptions gateway) {
        List<GatewayOptions.RemoteGateway> remotes = gateway.gateways().stream()
                .map(r -> new GatewayOptions.RemoteGateway(r.name(), r.urls(), reloadFixed(r.tls())))
                .toList();
        return gateway.withTls(reloadFixed(gateway.tls())).withGateways(remotes);
    }

    /**
     * What of a {@code tls} block a reload may not change: whether it is there, and these settings
     * ({@code pinned_certs} too: connections made under the old pins are not checked again).
     */
    private static TlsOptions reloadFixed(TlsOptions tls) {
        return tls == null ? null : new TlsOptions(null, null, null, false, tls.verifyAndMap(), tls.insecure(),
                tls.timeout(), List.of(), List.of(), tls.handshakeFirst(), null, tls.pinnedCerts(), 0);
    }

    public List<String> changed() {
        return changes.stream().map(Change::option).toList();
    }

    /** The changed options nats-server would refuse to reload. */
    public List<String> refused() {
        return changes.stream().filter(c -> !c.reloadable()).map(Change::option).toList();
    }

    public boolean canReload() {
        return refused().isEmpty();
    }
}
