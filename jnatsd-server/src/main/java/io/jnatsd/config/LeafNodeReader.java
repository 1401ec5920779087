package io.jnatsd.config;

import io.jnatsd.config.ConfigValue.BooleanValue;
import io.jnatsd.config.ConfigValue.StringValue;
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
 * without the TLS, deny filters or credentials the file asks for would be more open than it says.
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
        return new LeafNodeOptions(reader.host, reader.port, reader.advertise, reader.noAdvertise, reader.users,
                reader.authTimeout, reader.reconnect, reader.remotes);
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
            case "reconnect", "reconnect_delay", "reconnect_interval" -> reconnect = duration(e);
            case "authorization" -> authorization(e);
            case "remotes" -> remotes(e);
            default -> AuthorizationReader.rejectUnknownIn(UnsupportedOptions.Scope.LEAFNODES, e, report);
        }
    }

    /** nats-server takes only a duration string here; a bare number is an error, not a warning. */
    private static Duration duration(ConfigEntry e) {
        if (e.value() instanceof StringValue s) {
            return OptionValues.parseDuration(e.key(), s.value(), e.keyPosition());
        }
        throw new ConfigException(e.keyPosition(), "invalid use of field \"" + e.key() + "\": " + e.key()
                + " should be converted to a duration");
    }

    private void authorization(ConfigEntry entry) {
        ConfigMap block = OptionValues.map(entry);
        String user = null;
        String password = null;
        String account = null;
        List<LeafNodeOptions.LeafUser> list = null;
        for (ConfigEntry e : block.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "user", "username" -> user = OptionValues.string(e);
                case "pass", "password" -> password = OptionValues.string(e);
                case "account" -> account = OptionValues.string(e);
                case "timeout" -> {
                    Duration timeout = OptionValues.seconds(e.value());
                    if (timeout != null) {
                        authTimeout = timeout;
                    }
                }
                case "users" -> list = users(e);
                default -> AuthorizationReader.rejectUnknownIn(UnsupportedOptions.Scope.LEAFNODE_AUTHORIZATION, e, report);
            }
        }
        if (list != null && !list.isEmpty() && user != null) {
            throw new ConfigException(entry.keyPosition(), "can not have a single user/pass and a users array");
        }
        if (user != null) {
            users.add(new LeafNodeOptions.LeafUser(user, password == null ? "" : password, account));
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
                remotes.add(remote(OptionValues.map(element, element.position())));
            } catch (ConfigException problem) {
                report.error(problem);
            }
        }
    }

    private LeafNodeOptions.Remote remote(ConfigMap entry) {
        List<URI> urls = new ArrayList<>();
        String account = null;
        boolean noRandomize = false;
        List<String> denyImports = new ArrayList<>();
        List<String> denyExports = new ArrayList<>();
        for (ConfigEntry e : entry.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "url", "urls" -> {
                    for (String text : OptionValues.strings(e)) {
                        urls.add(url(text, e));
                    }
                }
                case "account", "local" -> account = OptionValues.string(e);
                case "no_randomize", "dont_randomize" -> noRandomize = OptionValues.bool(e);
                case "deny_imports", "deny_import" -> denyImports.addAll(OptionValues.strings(e));
                case "deny_exports", "deny_export" -> denyExports.addAll(OptionValues.strings(e));
                default -> AuthorizationReader.rejectUnknownIn(UnsupportedOptions.Scope.LEAF_REMOTE, e, report);
            }
        }
        return new LeafNodeOptions.Remote(urls, account, noRandomize, denyImports, denyExports);
    }

    /**
     * As nats-server: a URL whose port is not a number is an error. Websocket URLs parse there but
     * jnatsd dials no websocket, so they are refused rather than dialed as plain TCP.
     */
    private static URI url(String text, ConfigEntry at) {
        ConfigException bad = new ConfigException(at.keyPosition(), "error parsing leafnode url [\"" + text + "\"]");
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
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("ws") || scheme.equals("wss")) {
            throw new ConfigException(at.keyPosition(), "\"" + text + "\": websocket leafnode remotes are not supported"
                    + " by jnatsd: refusing the configuration rather than dialing them as plain TCP");
        }
        if (uri.getHost() == null) {
            throw bad;
        }
        return uri;
    }

    /** Values of {@code compression} that mean no compression, the only mode jnatsd speaks on leaf links. */
    static boolean compressionOff(ConfigValue v) {
        if (v instanceof BooleanValue b) {
            return !b.value();
        }
        if (v instanceof StringValue s) {
            String mode = s.value().toLowerCase(Locale.ROOT);
            return mode.equals("off") || mode.equals("disabled");
        }
        if (v instanceof ConfigMap m) {
            for (ConfigEntry e : m.entries()) {
                if (e.key().equalsIgnoreCase("mode")) {
                    return compressionOff(e.value());
                }
            }
        }
        return false;
    }
}
