package io.jnatsd.config;

import java.util.ArrayList;
import java.util.Comparator;
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

    /**
     * One changed option, named as in the configuration file; {@code refusal} is how nats-server
     * words a refused one after "config reload not supported for " (its field's name, and the old
     * and new values where they are plain), null for one it does not refuse.
     */
    public record Change(String option, boolean reloadable, String refusal) {
        public Change(String option, boolean reloadable) {
            this(option, reloadable, reloadable ? null : option);
        }
    }

    /** {@code goName}: the field of nats-server's options that holds it, for refused ones. */
    private record Option(String name, String goName, Function<ServerOptions, Object> value, boolean reloadable) {
        Option(String name, Function<ServerOptions, Object> value) {
            this(name, null, value, true);
        }
    }

    private static final List<Option> OPTIONS = List.of(
            new Option("server_name", "ServerName", ServerOptions::serverName, false),
            new Option("host", "Host", ServerOptions::host, false),
            new Option("client_advertise", ServerOptions::clientAdvertise),
            new Option("max_connections", ServerOptions::maxConnections),
            new Option("max_payload", ServerOptions::maxPayload),
            new Option("max_control_line", ServerOptions::maxControlLine),
            new Option("max_pending", "MaxPending", ServerOptions::maxPending, false),
            new Option("max_subscriptions", "MaxSubs", ServerOptions::maxSubscriptions, false),
            new Option("max_sub_tokens", "MaxSubTokens", ServerOptions::maxSubTokens, false),
            new Option("ping_interval", ServerOptions::pingInterval),
            new Option("ping_max", ServerOptions::pingMax),
            new Option("write_deadline", ServerOptions::writeDeadline),
            new Option("lame_duck_duration", "LameDuckDuration", ServerOptions::lameDuckDuration, false),
            new Option("lame_duck_grace_period", "LameDuckGracePeriod", ServerOptions::lameDuckGracePeriod, false),
            new Option("no_header_support", "NoHeaderSupport", ServerOptions::noHeaderSupport, false),
            new Option("max_closed_clients", "MaxClosedClients", ServerOptions::maxClosedClients, false),
            new Option("http_host", "HTTPHost", ServerOptions::httpHost, false),
            new Option("http_port", "HTTPPort", ServerOptions::httpPort, false),
            new Option("https_port", "HTTPSPort", ServerOptions::httpsPort, false),
            new Option("http_base_path", "HTTPBasePath", ServerOptions::httpBasePath, false),
            new Option("debug", ServerOptions::debug),
            new Option("trace", ServerOptions::trace),
            new Option("trace_verbose", ServerOptions::traceVerbose),
            new Option("logtime", ServerOptions::logtime),
            new Option("logtime_utc", ServerOptions::logtimeUtc),
            new Option("log_file", ServerOptions::logFile),
            new Option("log_size_limit", "LogSizeLimit", ServerOptions::logSizeLimit, false),
            new Option("log_max_num", "LogMaxFiles", ServerOptions::logMaxFiles, false),
            new Option("syslog", ServerOptions::syslog),
            new Option("remote_syslog", ServerOptions::remoteSyslog),
            new Option("pid_file", ServerOptions::pidFile),
            new Option("ports_file_dir", ServerOptions::portsFileDir),
            new Option("max_traced_msg_len", ServerOptions::maxTracedMessageLength),
            new Option("connect_error_reports", ServerOptions::connectErrorReports),
            new Option("reconnect_error_reports", ServerOptions::reconnectErrorReports),
            new Option("server_tags", ServerOptions::serverTags),
            new Option("authorization", ServerOptions::authorization),
            new Option("accounts", ServerOptions::accounts),
            new Option("mappings", ServerOptions::mappings),
            new Option("system_account", "SystemAccount", ServerOptions::systemAccount, false),
            new Option("no_system_account", "NoSystemAccount", ServerOptions::noSystemAccount, false),
            new Option("tls", ServerOptions::tls),
            new Option("allow_non_tls", "AllowNonTLS", ServerOptions::allowNonTls, false),
            new Option("websocket", "Websocket", ServerOptions::websocket, false));

    public static ReloadPlan between(ServerOptions old, ServerOptions neu) {
        List<Change> changes = new ArrayList<>();
        for (Option option : OPTIONS) {
            Object before = option.value().apply(old);
            Object after = option.value().apply(neu);
            if (!Objects.equals(before, after)) {
                changes.add(option.reloadable() ? new Change(option.name(), true)
                        : new Change(option.name(), false, refusal(option.goName(), before, after)));
            }
        }
        if (old.port() != neu.port()) {
            changes.add(neu.port() == 0 ? new Change("port", true)
                    : new Change("port", false, refusal("Port", old.port(), neu.port())));
        }
        if (!Objects.equals(old.noAuthUser(), neu.noAuthUser())) {
            boolean removable = neu.noAuthUser() == null && !hasUser(neu, old.noAuthUser());
            changes.add(removable ? new Change("no_auth_user", true)
                    : new Change("no_auth_user", false, refusal("NoAuthUser", old.noAuthUser(), neu.noAuthUser())));
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
            changes.add(new Change("cluster host", false, refusal("cluster host", oldHost, newHost)));
        }
        if (oldPort != newPort) {
            changes.add(new Change("cluster port", false, refusal("cluster port", oldPort, newPort)));
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
        changes.add(tlsOnly ? new Change("leafnodes", true) : new Change("leafnodes", false, "LeafNode"));
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
        changes.add(tlsOnly ? new Change("gateway", true) : new Change("gateway", false, "Gateway"));
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

    /**
     * nats-server's words for the first refused option, as its error line ends: {@code Port:
     * old=4222, new=4333}; only the field's name where its value is a whole block (nats-server
     * prints its Go structure). nats-server stops at the first one, in the order of its fields.
     */
    public String refusal() {
        return changes.stream().filter(c -> !c.reloadable())
                .min(Comparator.comparingInt(c -> goOrder(c.option())))
                .map(Change::refusal).orElse("");
    }

    /** The refusable options in the order of nats-server's options fields (checked against 2.10.27 where two change at once). */
    private static final List<String> GO_ORDER = List.of("server_name", "host", "port", "no_header_support",
            "max_subscriptions", "max_sub_tokens", "no_auth_user", "system_account", "no_system_account", "http_host",
            "http_port", "http_base_path", "https_port", "max_pending", "cluster host", "cluster port", "cluster",
            "gateway", "leafnodes", "websocket", "log_size_limit", "log_max_num", "allow_non_tls",
            "max_closed_clients", "lame_duck_duration", "lame_duck_grace_period");

    private static int goOrder(String option) {
        int rank = GO_ORDER.indexOf(option);
        return rank < 0 ? GO_ORDER.size() : rank;
    }

    private static String refusal(String goName, Object before, Object after) {
        if (!plain(before) || !plain(after)) {
            return goName;
        }
        return goName + ": old=" + goText(before) + ", new=" + goText(after);
    }

    private static boolean plain(Object value) {
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof java.time.Duration;
    }

    /** A value as Go's {@code %v} prints it: nil strings empty, durations as {@code 2m0s}. */
    private static String goText(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof java.time.Duration duration ? GoDuration.format(duration) : value.toString();
    }

    /** The changed options nats-server would refuse to reload. */
    public List<String> refused() {
        return changes.stream().filter(c -> !c.reloadable()).map(Change::option).toList();
    }

    public boolean canReload() {
        return refused().isEmpty();
    }
}
