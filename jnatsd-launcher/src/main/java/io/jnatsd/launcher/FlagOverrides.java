package io.jnatsd.launcher;

import io.jnatsd.config.AuthorizationOptions;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.TlsOptions;
import io.jnatsd.config.UnsupportedOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays the command-line flags over a base set of options (the defaults, or what a configuration
 * file gave): a flag that was given wins, one that was not leaves the base value alone, as in
 * nats-server. Cluster flags only matter once a cluster listen address exists, from a flag or
 * from the file; nats-server ignores {@code --routes} and friends without one.
 */
final class FlagOverrides {

    private FlagOverrides() {
    }

    static ServerOptions apply(CommandLineFlags flags, ServerOptions base) throws LaunchException {
        ServerOptions.Builder options = base.toBuilder();
        if (flags.host != null) options.host(flags.host);
        if (flags.port != null) options.port(flags.port);
        if (flags.serverName != null) options.serverName(flags.serverName);
        if (flags.clientAdvertise != null) options.clientAdvertise(flags.clientAdvertise);
        if (flags.httpPort != null) options.httpPort(flags.httpPort);
        if (flags.httpsPort != null) options.httpsPort(flags.httpsPort);
        if (flags.pidFile != null) options.pidFile(flags.pidFile);
        if (flags.portsFileDir != null) options.portsFileDir(flags.portsFileDir);
        if (flags.configFile != null) options.configFile(Path.of(flags.configFile));
        if (flags.logFile != null) options.logFile(flags.logFile);
        if (flags.logtime != null) options.logtime(flags.logtime);
        if (flags.logSizeLimit != null) options.logSizeLimit(flags.logSizeLimit);
        if (flags.syslog != null) options.syslog(flags.syslog);
        if (flags.remoteSyslog != null) options.remoteSyslog(flags.remoteSyslog);
        if (flags.debugOverride() != null) options.debug(flags.debugOverride());
        if (flags.traceOverride() != null) options.trace(flags.traceOverride());
        if (flags.maxTracedMessageLength != null) options.maxTracedMessageLength(flags.maxTracedMessageLength);
        options.authorization(authorization(flags, base.authorization()));
        options.tls(tls(flags, base.tls()));
        options.cluster(cluster(flags, base.cluster()));
        return options.build();
    }

    /**
     * Notices for the flags jnatsd accepts but does not implement, as the configuration file's
     * notices for the same options ({@link UnsupportedOptions}) word them: JetStream
     * ({@code -js}, {@code -sd}) and the profiling port. Each is given only where nats-server would
     * act on the flag ({@code -js=false} or {@code --profile 0} ask for nothing).
     */
    static List<String> ignoredFlagNotices(CommandLineFlags flags) {
        List<String> notices = new ArrayList<>();
        if (Boolean.TRUE.equals(flags.jetStream)) {
            notices.add(ignoredFlagNotice("--jetstream", "jetstream"));
        }
        if (flags.storeDir != null && !flags.storeDir.isEmpty()) {
            notices.add(ignoredFlagNotice("--store_dir", "store_dir"));
        }
        if (flags.profilePort != null && flags.profilePort != 0) {
            notices.add(ignoredFlagNotice("--profile", "prof_port"));
        }
        return notices;
    }

    private static String ignoredFlagNotice(String flag, String option) {
        String meaning = UnsupportedOptions.find(UnsupportedOptions.Scope.SERVER, option).orElseThrow().meaning();
        return "\"" + flag + "\" is accepted but not supported by jnatsd (" + meaning + "), ignored";
    }

    private static AuthorizationOptions authorization(CommandLineFlags flags, AuthorizationOptions base) {
        if (flags.user == null && flags.password == null && flags.token == null) {
            return base;
        }
        return new AuthorizationOptions(
                flags.user != null ? flags.user : base.user(),
                flags.password != null ? flags.password : base.password(),
                flags.token != null ? flags.token : base.token(),
                base.users(), base.timeout(), base.defaultPermissions());
    }

    private static TlsOptions tls(CommandLineFlags flags, TlsOptions base) throws LaunchException {
        boolean given = flags.tls != null || flags.tlsVerify != null || flags.tlsCert != null
                || flags.tlsKey != null || flags.tlsCaCert != null;
        if (!given) {
            return base;
        }
        boolean enabled = Boolean.TRUE.equals(flags.tls) || Boolean.TRUE.equals(flags.tlsVerify)
                || flags.tlsCert != null || flags.tlsKey != null || flags.tlsCaCert != null;
        if (!enabled) {
            return null;
        }
        TlsOptions from = base != null ? base : new TlsOptions(null, null, null, false, false, false,
                TlsOptions.DEFAULT_TIMEOUT, List.of(), List.of(), false, null);
        TlsOptions tls = new TlsOptions(
                flags.tlsCert != null ? flags.tlsCert : from.certFile(),
                flags.tlsKey != null ? flags.tlsKey : from.keyFile(),
                flags.tlsCaCert != null ? flags.tlsCaCert : from.caFile(),
                flags.tlsVerify != null ? flags.tlsVerify : from.verify(),
                from.verifyAndMap(), from.insecure(), from.timeout(), from.cipherSuites(),
                from.curvePreferences(), from.handshakeFirst(), from.minVersion(), from.pinnedCerts(),
                from.connectionRateLimit());
        if (tls.certFile() == null) {
            throw LaunchException.of("TLS Server certificate must be present and valid");
        }
        if (tls.keyFile() == null) {
            throw LaunchException.of("TLS Server private key must be present and valid");
        }
        return tls;
    }

    private static ClusterOptions cluster(CommandLineFlags flags, ClusterOptions base) throws LaunchException {
        ClusterOptions cluster = flags.clusterListen != null
                ? listenAt(base, ClusterUrl.parse(flags.clusterListen))
                : base;
        if (cluster == null) {
            return null;
        }
        if (flags.clusterName != null) {
            cluster = cluster.withName(flags.clusterName);
        }
        if (flags.routes != null) {
            cluster = cluster.withRoutes(routes(flags.routes));
        }
        if (flags.clusterAdvertise != null || flags.noAdvertise != null) {
            cluster = cluster.withAdvertise(
                    flags.clusterAdvertise != null ? flags.clusterAdvertise : cluster.advertise(),
                    flags.noAdvertise != null ? flags.noAdvertise : cluster.noAdvertise());
        }
        if (flags.connectRetries != null) {
            cluster = cluster.withConnectRetries(flags.connectRetries);
        }
        return cluster;
    }

    /** The base cluster (or a default one) listening where the URL says, with its credentials. */
    private static ClusterOptions listenAt(ClusterOptions base, ClusterUrl url) {
        ClusterOptions c = base != null ? base : ClusterOptions.listen(url.host(), url.port());
        boolean credentials = url.user() != null;
        return new ClusterOptions(c.name(), url.host(), url.port(), c.advertise(), c.noAdvertise(), c.routes(),
                c.connectRetries(), c.poolSize(), c.pinnedAccounts(), c.compression(),
                c.compressionRttThresholds(), c.pingInterval(), c.pingMax(),
                credentials ? url.user() : c.authUser(),
                credentials ? url.password() : c.authPassword(),
                c.authToken(), c.authTimeout(), c.permissions(), c.tls());
    }

    /** A comma-separated list; spaces around the commas are allowed, as in the usage text. */
    static List<URI> routes(String list) throws LaunchException {
        List<URI> routes = new ArrayList<>();
        for (String part : list.split(",")) {
            String route = part.trim();
            if (route.isEmpty()) {
                continue;
            }
            try {
                routes.add(new URI(route));
            } catch (java.net.URISyntaxException e) {
                throw LaunchException.of("invalid route URL \"" + route + "\": " + e.getReason());
            }
        }
        return routes;
    }
}
