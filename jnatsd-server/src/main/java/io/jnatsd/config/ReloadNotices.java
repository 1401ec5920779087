package io.jnatsd.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The lines an accepted reload logs before "Reloaded server configuration", worded and ordered as
 * nats-server 2.10 logs them: one per changed option, in the order of the fields of its options
 * struct (checked against 2.10.27 with every option below changed at once).
 *
 * <p>nats-server's habits are kept on purpose, since scripts wait for its lines:
 * {@code authorization users} and {@code accounts} are logged on every reload, changed or not
 * (it cannot compare them), and so are {@code authorization nkey users} while any nkey user is
 * bound to an account; {@code client_advertise} is announced as "Reload:", not "Reloaded:". Its
 * comparison of TLS settings cannot see two readings of a {@code ca_file} as equal either, and it
 * compares options it filled in at start with freshly read ones, so (checked against 2.10.27)
 * {@code tls = enabled} comes with every reload of a client {@code tls} block with a
 * {@code ca_file}, {@code cluster} with every reload of a cluster {@code tls} block with one, or of
 * a gateway whose cluster has no name of its own, and {@code LeafNode compression settings} with
 * every reload of a server with a {@code leafnodes} block.
 */
public final class ReloadNotices {
    /**
     * The line of a changed {@code routes} list. nats-server applies that change between its lines,
     * logging "Removed route ..." just before it: the caller does the same on reaching it.
     */
    public static final String CLUSTER_ROUTES = "Reloaded: cluster routes";
    /** The line of a changed {@code max_connections}, before which nats-server closes the clients over it. */
    public static final String MAX_CONNECTIONS = "Reloaded: max_connections = ";

    private ReloadNotices() {
    }

    public static List<String> between(ServerOptions old, ServerOptions neu) {
        List<String> lines = new ArrayList<>();
        if (!Objects.equals(old.clientAdvertise(), neu.clientAdvertise())) {
            lines.add("Reload: client_advertise = " + text(neu.clientAdvertise()));
        }
        flag(lines, "trace", old.trace(), neu.trace());
        flag(lines, "debug", old.debug(), neu.debug());
        flag(lines, "trace_verbose", old.traceVerbose(), neu.traceVerbose());
        flag(lines, "logtime", old.logtime(), neu.logtime());
        flag(lines, "logtime_utc", old.logtimeUtc(), neu.logtimeUtc());
        if (old.maxConnections() != neu.maxConnections()) {
            lines.add(MAX_CONNECTIONS + neu.maxConnections());
        }
        if (!nkeyUsers(old).equals(nkeyUsers(neu)) || hasAccountNkeyUser(neu)) {
            lines.add("Reloaded: authorization nkey users");
        }
        lines.add("Reloaded: authorization users");
        lines.add("Reloaded: accounts");
        AuthorizationOptions oldAuth = old.authorization();
        AuthorizationOptions newAuth = neu.authorization();
        if (!Objects.equals(oldAuth.user(), newAuth.user())) {
            lines.add("Reloaded: authorization username");
        }
        if (!Objects.equals(oldAuth.password(), newAuth.password())) {
            lines.add("Reloaded: authorization password");
        }
        if (!Objects.equals(oldAuth.token(), newAuth.token())) {
            lines.add("Reloaded: authorization token");
        }
        if (!old.pingInterval().equals(neu.pingInterval())) {
            lines.add("Reloaded: ping_interval = " + GoDuration.format(neu.pingInterval()));
        }
        if (old.pingMax() != neu.pingMax()) {
            lines.add("Reloaded: ping_max = " + neu.pingMax());
        }
        if (!oldAuth.timeout().equals(newAuth.timeout())) {
            lines.add("Reloaded: authorization timeout = " + seconds(newAuth.timeout()));
        }
        if (old.maxControlLine() != neu.maxControlLine()) {
            lines.add("Reloaded: max_control_line = " + neu.maxControlLine());
        }
        if (old.maxPayload() != neu.maxPayload()) {
            lines.add("Reloaded: max_payload = " + neu.maxPayload());
        }
        if (!Objects.equals(old.pidFile(), neu.pidFile()) && neu.pidFile() != null && !neu.pidFile().isEmpty()) {
            lines.add("Reloaded: pid_file = " + neu.pidFile());
        }
        if (!Objects.equals(old.portsFileDir(), neu.portsFileDir())) {
            lines.add("Reloaded: ports_file_dir = " + text(neu.portsFileDir()));
        }
        if (!Objects.equals(old.logFile(), neu.logFile())) {
            lines.add("Reloaded: log_file = " + text(neu.logFile()));
        }
        flag(lines, "syslog", old.syslog(), neu.syslog());
        if (!Objects.equals(old.remoteSyslog(), neu.remoteSyslog())) {
            lines.add("Reloaded: remote_syslog = " + text(neu.remoteSyslog()));
        }
        if (clusterReloaded(old, neu)) {
            lines.add("Reloaded: cluster");
        }
        if (old.leafnodes() != null && neu.leafnodes() != null) {
            lines.add("Reloaded: LeafNode compression settings");
        }
        if (old.cluster() != null && neu.cluster() != null && !old.cluster().routes().equals(neu.cluster().routes())) {
            lines.add(CLUSTER_ROUTES);
        }
        tls(lines, old.tls(), neu.tls());
        if (!old.writeDeadline().equals(neu.writeDeadline())) {
            lines.add("Reloaded: write_deadline = " + GoDuration.format(neu.writeDeadline()));
        }
        if (old.maxTracedMessageLength() != neu.maxTracedMessageLength()) {
            lines.add("Reloaded: max_traced_msg_len = " + neu.maxTracedMessageLength());
        }
        if (old.connectErrorReports() != neu.connectErrorReports()) {
            lines.add("Reloaded: connect_error_reports = " + neu.connectErrorReports());
        }
        if (old.reconnectErrorReports() != neu.reconnectErrorReports()) {
            lines.add("Reloaded: reconnect_error_reports = " + neu.reconnectErrorReports());
        }
        if (!old.serverTags().equals(neu.serverTags())) {
            lines.add("Reloaded: tags");
        }
        return lines;
    }

    /** Whether the reload changes what the log shows or where it goes. */
    public static boolean changesLogging(ServerOptions old, ServerOptions neu) {
        return old.trace() != neu.trace() || old.debug() != neu.debug() || old.traceVerbose() != neu.traceVerbose()
                || old.logtime() != neu.logtime() || old.logtimeUtc() != neu.logtimeUtc()
                || !Objects.equals(old.logFile(), neu.logFile()) || old.syslog() != neu.syslog()
                || !Objects.equals(old.remoteSyslog(), neu.remoteSyslog());
    }

    private static void flag(List<String> lines, String name, boolean old, boolean neu) {
        if (old != neu) {
            lines.add("Reloaded: " + name + " = " + neu);
        }
    }

    /**
     * The client {@code tls} block: its handshake timeout, the rest of it (announced as enabled or
     * disabled) and its pinned certificates are three options in nats-server, logged in that order.
     */
    private static void tls(List<String> lines, TlsOptions old, TlsOptions neu) {
        Duration oldTimeout = old == null ? Duration.ZERO : old.timeout();
        Duration newTimeout = neu == null ? Duration.ZERO : neu.timeout();
        if (!oldTimeout.equals(newTimeout)) {
            lines.add("Reloaded: tls timeout = " + seconds(newTimeout));
        }
        if (!Objects.equals(settings(old), settings(neu)) || (neu != null && neu.caFile() != null)) {
            lines.add("Reloaded: tls = " + (neu == null ? "disabled" : "enabled"));
        }
        Object oldPins = old == null ? null : old.pinnedCerts();
        Object newPins = neu == null ? null : neu.pinnedCerts();
        if (!Objects.equals(oldPins, newPins)) {
            lines.add("Reloaded: " + (neu == null || neu.pinnedCerts() == null ? 0 : neu.pinnedCerts().size())
                    + " pinned_certs");
        }
    }

    /** The cluster block as nats-server's reload finds it changed (see the class comment). */
    private static boolean clusterReloaded(ServerOptions old, ServerOptions neu) {
        ClusterOptions oldCluster = old.cluster();
        ClusterOptions newCluster = neu.cluster();
        if (oldCluster != null && newCluster != null
                && (!Objects.equals(oldCluster.tls(), newCluster.tls())
                        || (newCluster.tls() != null && newCluster.tls().caFile() != null))) {
            return true;
        }
        return old.gateway() != null && neu.gateway() != null && (newCluster == null || newCluster.name() == null);
    }

    private static TlsOptions settings(TlsOptions tls) {
        return tls == null ? null : new TlsOptions(tls.certFile(), tls.keyFile(), tls.caFile(), tls.verify(),
                tls.verifyAndMap(), tls.insecure(), Duration.ZERO, tls.cipherSuites(), tls.curvePreferences(),
                tls.handshakeFirst(), tls.minVersion(), null, tls.connectionRateLimit(), tls.handshakeFirstFallback());
    }

    /** Every nkey user, of the authorization block and of the accounts, in nats-server's order (by key). */
    private static List<UserOptions> nkeyUsers(ServerOptions options) {
        return Stream.concat(options.authorization().users().stream(),
                        options.accounts().stream().flatMap(a -> a.users().stream()))
                .filter(UserOptions::isNkey)
                .sorted(Comparator.comparing(UserOptions::nkey))
                .toList();
    }

    /** An nkey user bound to an account: nats-server's comparison always finds those changed. */
    private static boolean hasAccountNkeyUser(ServerOptions options) {
        return options.authorization().users().stream().anyMatch(u -> u.isNkey() && u.account() != null)
                || options.accounts().stream().flatMap(a -> a.users().stream()).anyMatch(UserOptions::isNkey);
    }

    /** A number of seconds as Go's {@code %v} prints a float64: 2, 0.5, 1.25. */
    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
