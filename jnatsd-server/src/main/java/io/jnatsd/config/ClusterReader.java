package io.jnatsd.config;

import io.jnatsd.config.ConfigValue.ArrayValue;
import io.jnatsd.config.ConfigValue.StringValue;

import io.jnatsd.protocol.GoQuote;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the {@code cluster {}} block (CONFIG.md §4, ROUTES.md §7-10). Returns null when no listen
 * port is given: nats-server then does not cluster and ignores {@code routes}.
 */
final class ClusterReader {
    private String name;
    private String host = "0.0.0.0";
    private int port;
    private String advertise;
    private boolean noAdvertise;
    private List<URI> routes = List.of();
    private int connectRetries;
    private int poolSize = ClusterOptions.DEFAULT_POOL_SIZE;
    private List<String> pinnedAccounts = List.of();
    private String compression = ClusterOptions.DEFAULT_COMPRESSION;
    private List<Duration> rttThresholds = List.of();
    private Duration pingInterval;
    private int pingMax;
    private AuthorizationReader.Block authorization;
    private ClusterOptions.RoutePermissions permissions;
    private TlsOptions tls;

    private final ConfigReport report;

    private ClusterReader(ConfigReport report) {
        this.report = report;
    }

    static ClusterOptions read(ConfigEntry entry, ConfigReport report) {
        ClusterReader reader = new ClusterReader(report);
        for (ConfigEntry e : OptionValues.map(entry).entries()) {
            try {
                reader.field(e);
            } catch (ConfigException problem) {
                report.error(problem);
            }
        }
        return reader.build(entry.keyPosition());
    }

    private void field(ConfigEntry e) {
        switch (e.key().toLowerCase(Locale.ROOT)) {
            case "name" -> name = OptionValues.string(e);
            case "listen" -> {
                OptionValues.HostPort hp = OptionValues.hostPort(e);
                host = hp.host().isEmpty() ? "0.0.0.0" : hp.host();
                port = hp.port();
            }
            case "port" -> port = OptionValues.intValue(e);
            case "host", "net" -> host = OptionValues.string(e);
            case "authorization" -> authorization(e);
            case "routes" -> routes = routes(e);
            case "tls" -> tls = TlsReader.read(e, report);
            case "cluster_advertise", "advertise" -> advertise = OptionValues.string(e);
            case "no_advertise" -> noAdvertise = OptionValues.bool(e);
            case "connect_retries" -> connectRetries = OptionValues.intValue(e);
            case "permissions" -> {
                Permissions p = PermissionsReader.read(e);
                if (p.allowResponses() != null) {
                    throw new ConfigException(e.keyPosition(), "Cluster permissions do not support dynamic responses");
                }
                permissions = new ClusterOptions.RoutePermissions(p.publish(), p.subscribe());
            }
            case "pool_size" -> poolSize = OptionValues.intValue(e);
            case "accounts" -> pinnedAccounts = accounts(e);
            case "compression" -> compression(e);
            case "ping_interval" -> pingInterval(e);
            case "ping_max" -> pingMax = OptionValues.intValue(e);
            default -> AuthorizationReader.rejectUnknown(e);
        }
    }

    private void authorization(ConfigEntry e) {
        AuthorizationReader.Block block = AuthorizationReader.read(e, report);
        if (block.users() != null) {
            throw new ConfigException(e.keyPosition(), "Cluster authorization does not allow multiple users");
        }
        if (block.token() != null) {
            throw new ConfigException(e.keyPosition(), "Cluster authorization does not support tokens");
        }
        if (block.defaultPermissions() != null) {
            report.fieldWarning(e.keyPosition(), e.key(), "setting \"permissions\" within cluster authorization block is deprecated");
            if (permissions == null) {
                Permissions p = block.defaultPermissions();
                permissions = new ClusterOptions.RoutePermissions(p.publish(), p.subscribe());
            }
        }
        authorization = block;
    }

    private List<URI> routes(ConfigEntry e) {
        List<URI> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigValue v : OptionValues.array(e)) {
            String url = OptionValues.string(v, v.position());
            if (!seen.add(url)) {
                report.fieldWarning(v.position(), url, "Duplicate route entry detected");
                continue;
            }
            try {
                if (!hasGoValidPort(url.trim())) {
                    throw new URISyntaxException(url, "invalid port after host");
                }
                out.add(new URI(url.trim()));
            } catch (URISyntaxException bad) {
                report.error(v.position(), "error parsing route url [" + GoQuote.quote(url.trim()) + "]");
            }
        }
        return out;
    }

    /**
     * Go's URL parser refuses a port that is not all digits ({@code nats://h:42;50}) where
     * {@link URI} would take the whole authority as a registry name and leave no host to dial.
     */
    static boolean hasGoValidPort(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return true;
        }
        String rest = url.substring(schemeEnd + 3);
        for (char cut : new char[] {'#', '?', '/'}) {
            int at = rest.indexOf(cut);
            rest = at < 0 ? rest : rest.substring(0, at);
        }
        String host = rest.substring(rest.lastIndexOf('@') + 1);
        String port;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                return false;
            }
            port = host.substring(close + 1);
        } else {
            int colon = host.lastIndexOf(':');
            port = colon < 0 ? "" : host.substring(colon);
        }
        return port.isEmpty() || port.charAt(0) == ':' && port.chars().skip(1).allMatch(c -> c >= '0' && c <= '9');
    }

    private static List<String> accounts(ConfigEntry e) {
        if (!(e.value() instanceof StringValue) && !(e.value() instanceof ArrayValue)) {
            throw new ConfigException(e.keyPosition(), "error parsing accounts: unsupported type " + e.value().goTypeName());
        }
        return OptionValues.strings(e);
    }

    private void compression(ConfigEntry e) {
        LinkCompression read = LinkCompression.read(e, compression);
        compression = read.mode();
        if (!read.rttThresholds().isEmpty()) {
            rttThresholds = read.rttThresholds();
        }
    }

    private void pingInterval(ConfigEntry e) {
        Duration interval = OptionValues.duration(e, report);
        if (interval.compareTo(ClusterOptions.MAX_ROUTE_PING_INTERVAL) > 0) {
            report.warning(e.keyPosition(), "Cluster 'ping_interval' will reset to 30s which is the max for routes");
            interval = ClusterOptions.MAX_ROUTE_PING_INTERVAL;
        }
        pingInterval = interval;
    }

    /** As nats-server: unset means 2 s, or the TLS handshake timeout plus 1 s with route TLS. */
    private Duration routeAuthTimeout(AuthorizationReader.Block auth) {
        if (auth == null) {
            return null;
        }
        if (auth.timeout() == null && tls != null) {
            return tls.timeout().plusSeconds(1);
        }
        return auth.timeout();
    }

    private ClusterOptions build(ConfigPosition at) {
        if (port == 0) {
            report.notice(at, "cluster block without a listen port: clustering is off and routes are ignored");
            return null;
        }
        AuthorizationReader.Block auth = authorization;
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries,
                poolSize == 0 ? ClusterOptions.DEFAULT_POOL_SIZE : poolSize, pinnedAccounts, compression,
                rttThresholds, pingInterval, pingMax,
                auth == null ? null : auth.user(), auth == null ? null : auth.password(), null,
                routeAuthTimeout(auth), permissions, tls);
    }
}
