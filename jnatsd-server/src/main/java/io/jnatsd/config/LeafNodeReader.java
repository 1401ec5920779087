package io.jnatsd.config;

import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
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
 * Reads the {@code leafnodes {}} block (LEAFNODES.md §2) with nats-server 2.10's {@code -t} texts
 * (§2.3, checked against the real server). Options jnatsd does not implement are refused through
 * {@link UnsupportedOptions} (scopes {@code LEAFNODES}, {@code LEAF_REMOTE}): a leaf connection
 * without the filters the file asks for would be more open than it says.
 * Accounts named here are checked at start-up ({@link LeafNodeChecks}), as nats-server does.
 */
final class LeafNodeReader {
    private String host = "0.0.0.0";
    private int port;
    private String advertise;
    private boolean noAdvertise;
    private final List<LeafNodeOptions.LeafUser> users = new ArrayList<>();
    private Duration authTimeout = LeafNodeOptions.DEFAULT_AUTH_TIMEOUT;
    private Duration reconnect = LeafNodeOptions.DEFAULT_RECONNECT;
    private final List<LeafNodeOptions.Remote> remotes = new ArrayList<>();
    private boolean authTimeoutSet;
    private TlsOptions tls;
    private LinkCompression compression = LinkCompression.LEAF_DEFAULT;
    private String minVersion;
    private final ConfigReport report;

    private LeafNodeReader(ConfigReport report) {
        this.report = report;
    }

    static LeafNodeOptions read(ConfigEntry entry, ConfigReport report) {
        if (!(entry.value() instanceof ConfigMap block)) {
            report.error(entry.keyPosition(), "Expected leafnodes to be a map, got " + entry.value().goTypeName());
            return null;
        }
        LeafNodeReader reader = new LeafNodeReader(report);
        for (ConfigEntry e : block.entries()) {
            try {
                reader.field(e);
            } catch (ConfigException problem) {
                report.error(problem);
            }
        }
        Duration authTimeout = reader.authTimeout;
        if (!reader.authTimeoutSet && reader.tls != null) {
            authTimeout = reader.tls.timeout().plusSeconds(1);   // nats-server: TLS timeout + 1 s when TLS is on
        }
        return new LeafNodeOptions(reader.host, reader.port, reader.advertise, reader.noAdvertise, reader.users,
                authTimeout, reader.reconnect, reader.remotes, reader.tls, reader.compression, reader.minVersion);
    }

    private void field(ConfigEntry e) {
        switch (e.key().toLowerCase(Locale.ROOT)) {
            case "listen" -> {
                OptionValues.HostPort hp = OptionValues.hostPort(e);
                host = hp.host().isEmpty() ? "0.0.0.0" : hp.host();
                port = hp.port();
            }
            case "port" -> port = OptionValues.intValue(e);
            case "host", "net" -> host = OptionValues.string(e);
            case "advertise", "leafnode_advertise" -> advertise = OptionValues.string(e);
            case "no_advertise" -> noAdvertise = OptionValues.bool(e);
            case "reconnect", "reconnect_delay", "reconnect_interval" -> reconnect = OptionValues.duration(e, report);
            case "authorization" -> authorization(e);
            case "remotes" -> remotes(e);
            case "tls" -> tls = tls(e);
            case "compression" -> compression = LinkCompression.read(e);
            case "min_version", "minimum_version" -> minVersion = minVersion(e);
            default -> AuthorizationReader.rejectUnknownIn(UnsupportedOptions.Scope.LEAFNODES, e, report);
        }
    }

    /** nats-server 2.10's checks: a version string, at least 2.8.0 (older leafs cannot be told apart). */
    private static String minVersion(ConfigEntry e) {
        String text = OptionValues.string(e);
        ServerVersion version;
        try {
            version = ServerVersion.parse(text);
        } catch (IllegalArgumentException bad) {
            throw new ConfigException(e.keyPosition(), "invalid leafnode's minimum version: " + bad.getMessage());
        }
        if (!new ServerVersion(2, 8, 0).admits(version.toString())) {
            throw new ConfigException(e.keyPosition(), "the minimum version should be at least 2.8.0");
        }
        return text;
    }

    /** nats-server takes only a duration string here; a bare number is an error, not a warning. */
    private void authorization(ConfigEntry entry) {
        ConfigMap block = OptionValues.map(entry);
        String user = null;
        String password = null;
        String account = null;
        String nkey = null;
        List<LeafNodeOptions.LeafUser> list = null;
        for (ConfigEntry e : block.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "nkey" -> {
                    nkey = OptionValues.string(e);
                    if (!NKeys.isPublicKey(nkey, NKeyType.USER)) {
                        throw new ConfigException(e.keyPosition(), "Not a valid public nkey for leafnode authorization");
                    }
                }
                case "user", "username" -> user = OptionValues.string(e);
                case "pass", "password" -> password = OptionValues.string(e);
                case "account" -> account = OptionValues.string(e);
                case "timeout" -> {
                    Duration timeout = OptionValues.seconds(e.value());
                    if (timeout != null) {
                        authTimeout = timeout;
                        authTimeoutSet = true;
                    }
                }
                case "users" -> list = users(e);
                default -> AuthorizationReader.rejectUnknownIn(UnsupportedOptions.Scope.LEAFNODE_AUTHORIZATION, e, report);
            }
        }
        if (list != null && !list.isEmpty() && user != null) {
            throw new ConfigException(entry.keyPosition(), "can not have a single user/pass and a users array");
        }
        if (list != null && !list.isEmpty() && nkey != null) {
            throw new ConfigException(entry.keyPosition(), "can not have a single nkey and a users array");
        }
        if (user != null) {
            // as nats-server: a single user is checked first, an NKey only without one
            users.add(new LeafNodeOptions.LeafUser(user, password == null ? "" : password, account));
        } else if (nkey != null) {
            users.add(new LeafNodeOptions.LeafUser(null, null, account, nkey));
        } else if (list != null) {
            Set<String> seen = new HashSet<>();
            for (LeafNodeOptions.LeafUser u : list) {
                if (!seen.add(u.user())) {
                    throw new ConfigException(entry.keyPosition(),
                            "duplicate user \"" + u.user() + "\" detected in leafnode authorization");
                }
            }
            users.addAll(list);
        }
    }

    private static List<LeafNodeOptions.LeafUser> users(ConfigEntry entry) {
        List<LeafNodeOptions.LeafUser> out = new ArrayList<>();
        for (ConfigValue element : OptionValues.array(entry)) {
            ConfigMap map = OptionValues.map(element, element.position());
            String user = null;
            String password = "";
            String account = null;
            for (ConfigEntry e : map.entries()) {
                switch (e.key().toLowerCase(Locale.ROOT)) {
                    case "user", "username" -> user = OptionValues.string(e);
                    case "pass", "password" -> password = OptionValues.string(e);
                    case "account" -> account = OptionValues.string(e);
                    default -> AuthorizationReader.rejectUnknown(e);
                }
            }
            out.add(new LeafNodeOptions.LeafUser(user == null ? "" : user, password, account));
        }
        return out;
    }

    private void remotes(ConfigEntry e) {
        if (!(e.value() instanceof ConfigValue.ArrayValue array)) {
            String type = e.value() instanceof ConfigMap ? "map[string]interface {}" : e.value().goTypeName();
            throw new ConfigException(e.keyPosition(), "Expected remotes field to be an array, got " + type);
        }
        for (ConfigValue element : array.elements()) {
            try {
                if (!(element instanceof ConfigMap map)) {
                    throw new ConfigException(element.position(), "Expected remote leafnode entry to be a map/struct, got "
                            + PermissionsReader.shown(element));
                }
                remotes.add(remote(map));
            } catch (ConfigException problem) {
                report.error(problem);
            }
        }
    }

    private LeafNodeOptions.Remote remote(ConfigMap entry) {
        List<URI> urls = new ArrayList<>();
        String account = null;
        boolean noRandomize = false;
        TlsOptions remoteTls = null;
        LinkCompression remoteCompression = LinkCompression.LEAF_DEFAULT;
        String credentials = null;
        String seed = null;
        List<String> denyImports = new ArrayList<>();
        List<String> denyExports = new ArrayList<>();
        boolean hub = false;
        boolean websocketCompression = false;
        boolean websocketNoMasking = false;
        for (ConfigEntry e : entry.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "url", "urls" -> {
                    for (String text : OptionValues.strings(e)) {
                        urls.add(url(text, e));
                    }
                }
                case "account", "local" -> account = OptionValues.string(e);
                case "no_randomize", "dont_randomize" -> noRandomize = OptionValues.bool(e);
                case "tls" -> remoteTls = tls(e);
                case "compression" -> remoteCompression = LinkCompression.read(e);
                case "credentials", "creds" -> credentials = OptionValues.string(e);
                case "nkey", "seed" -> seed = seed(e);
                case "deny_imports", "deny_import" -> denyImports.addAll(denied(e));
                case "deny_exports", "deny_export" -> denyExports.addAll(denied(e));
                case "hub" -> hub = OptionValues.bool(e);
                case "ws_compress", "ws_compression", "websocket_compress", "websocket_compression" -> websocketCompression = OptionValues.bool(e);
                case "ws_no_masking", "websocket_no_masking" -> websocketNoMasking = OptionValues.bool(e);
                default -> AuthorizationReader.rejectUnknownIn(UnsupportedOptions.Scope.LEAF_REMOTE, e, report);
            }
        }
        return new LeafNodeOptions.Remote(urls, account, noRandomize, remoteTls, remoteCompression, credentials, seed,
                denyImports, denyExports, hub, websocketCompression, websocketNoMasking);
    }

    /** A subject or a list of them, in nats-server's words when it is neither. */
    private static List<String> denied(ConfigEntry e) {
        if (e.value() instanceof StringValue || e.value() instanceof ConfigValue.ArrayValue) {
            return OptionValues.strings(e);
        }
        throw new ConfigException(e.keyPosition(), "Expected subject permissions to be a subject, or array of subjects, got "
                + e.value().goTypeName());
    }

    /** As nats-server: a URL whose port is not a number is an error. */
    private static URI url(String text, ConfigEntry at) {
        ConfigException bad = new ConfigException(at.keyPosition(), "error parsing leafnode url [" + GoQuote.quote(text) + "]");
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw bad;
        }
        String authority = uri.getRawAuthority();
        if (authority != null) {
            String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
            int close = hostPort.lastIndexOf(']');
            int colon = hostPort.lastIndexOf(':');
            if (colon > close && !hostPort.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw bad;
            }
        }
        if (uri.getHost() == null) {
            throw bad;
        }
        return uri;
    }

    /** An NKey seed presented to the hub; nats-server checks it under {@code -t}. */
    private static String seed(ConfigEntry e) {
        String seed = OptionValues.string(e);
        if (NKeys.decodeSeed(seed) == null) {
            throw new ConfigException(e.keyPosition(), "Remote leafnode nkey is not a valid seed: \"" + seed + "\"");
        }
        return seed;
    }

    /**
     * A leaf {@code tls {}} block. {@code verify_and_map} would bind a leaf to the user its
     * certificate names, which jnatsd does not do on leaf connections: refused, not ignored.
     */
    private TlsOptions tls(ConfigEntry e) {
        TlsOptions read = TlsReader.read(e, report);
        if (read != null && read.verifyAndMap()) {
            throw new ConfigException(e.keyPosition(), "verify_and_map on leaf node connections is not supported by "
                    + "jnatsd: refusing the configuration rather than ignoring the certificate mapping");
        }
        return read;
    }
}
