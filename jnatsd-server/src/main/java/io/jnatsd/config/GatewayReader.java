package io.jnatsd.config;

import io.jnatsd.protocol.GoQuote;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code gateway {}} block (GATEWAYS.md §1). Like {@code nats-server -t} it checks types,
 * unknown keys, the single-user authorization and that remote URLs parse; missing names, ports and
 * URLs are start-up errors ({@link StartupChecks}), as in nats-server.
 */
final class GatewayReader {
    private String name;
    private String host = "0.0.0.0";
    private int port;
    private String advertise;
    private int connectRetries;
    private AuthorizationReader.Block authorization;
    private TlsOptions tls;
    private boolean rejectUnknown;
    private final List<GatewayOptions.RemoteGateway> gateways = new ArrayList<>();
    private final ConfigReport report;

    private GatewayReader(ConfigReport report) {
        this.report = report;
    }

    static GatewayOptions read(ConfigEntry entry, ConfigReport report) {
        if (!(entry.value() instanceof ConfigMap block)) {
            report.error(entry.keyPosition(), "Expected gateway to be a map, got " + entry.value().goTypeName());
            return null;
        }
        GatewayReader reader = new GatewayReader(report);
        for (ConfigEntry e : block.entries()) {
            try {
                reader.field(e);
            } catch (ConfigException problem) {
                report.error(problem);
            }
        }
        return reader.build();
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
            case "advertise" -> advertise = OptionValues.string(e);
            case "connect_retries" -> connectRetries = OptionValues.intValue(e);
            case "authorization" -> authorization(e);
            case "tls" -> tls = tls(e);
            case "reject_unknown_cluster", "reject_unknown" -> rejectUnknown = OptionValues.bool(e);
            case "gateways" -> remotes(e);
            default -> AuthorizationReader.rejectUnknown(e);
        }
    }

    private void authorization(ConfigEntry e) {
        refuseUnsupported(UnsupportedOptions.Scope.GATEWAY_AUTHORIZATION, e);
        AuthorizationReader.Block block = AuthorizationReader.read(e, report);
        if (block.users() != null) {
            throw new ConfigException(e.keyPosition(), "Gateway authorization does not allow multiple users");
        }
        if (block.token() != null) {
            throw new ConfigException(e.keyPosition(), "Gateway authorization does not support tokens");
        }
        authorization = block;
    }

    private void remotes(ConfigEntry e) {
        if (!(e.value() instanceof ConfigValue.ArrayValue array)) {
            // without a position, as nats-server gives it
            throw new ConfigException(List.of("Expected gateways field to be an array, got " + goMapType(e.value())));
        }
        for (ConfigValue element : array.elements()) {
            if (!(element instanceof ConfigMap entry)) {
                report.error(element.position(), "Expected gateway entry to be a map/struct, got "
                        + PermissionsReader.shown(element));
                continue;
            }
            try {
                gateways.add(remote(entry));
            } catch (ConfigException problem) {
                report.error(problem);
            }
        }
    }

    /** A gateway or remote {@code tls {}} block: the TLS options every block has, less what gateways lack. */
    private TlsOptions tls(ConfigEntry e) {
        refuseUnsupported(UnsupportedOptions.Scope.GATEWAY_TLS, e);
        return TlsReader.read(e, report);
    }

    /**
     * Options the shared readers implement elsewhere but jnatsd's gateways do not: reported through
     * {@link UnsupportedOptions} before the shared reader reads the block.
     */
    private void refuseUnsupported(UnsupportedOptions.Scope scope, ConfigEntry block) {
        if (block.value() instanceof ConfigMap map) {
            for (ConfigEntry inner : map.entries()) {
                UnsupportedOptions.apply(scope, inner, report);
            }
        }
    }

    private static String goMapType(ConfigValue value) {
        return value instanceof ConfigMap ? "map[string]interface {}" : value.goTypeName();
    }

    private GatewayOptions.RemoteGateway remote(ConfigMap entry) {
        String remoteName = null;
        List<URI> urls = new ArrayList<>();
        TlsOptions remoteTls = null;
        for (ConfigEntry e : entry.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "name" -> remoteName = OptionValues.string(e);
                case "url" -> urls.add(url(OptionValues.string(e), e.keyPosition()));
                case "urls" -> {
                    for (ConfigValue v : OptionValues.array(e)) {
                        urls.add(url(OptionValues.string(v, e.keyPosition()), v.position())); // at the element, as nats-server
                    }
                }
                case "tls" -> remoteTls = tls(e);
                default -> AuthorizationReader.rejectUnknown(e);
            }
        }
        return new GatewayOptions.RemoteGateway(remoteName, urls, remoteTls);
    }

    /**
     * As Go's {@code url.Parse}: a bare {@code host:port} (a first path segment with a colon) and a
     * non-numeric port are errors; a string without a scheme otherwise parses (and fails to dial).
     */
    private static URI url(String text, ConfigPosition at) {
        ConfigException bad = new ConfigException(at, "error parsing gateway url [" + GoQuote.quote(text) + "]");
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
        return uri;
    }

    private GatewayOptions build() {
        AuthorizationReader.Block auth = authorization;
        return new GatewayOptions(name, host, port, advertise, connectRetries,
                auth == null ? null : auth.user(), auth == null ? null : auth.password(),
                authTimeout(auth), tls, rejectUnknown, gateways);
    }

    /** As nats-server: unset means 2 s, or the TLS handshake timeout plus 1 s with gateway TLS. */
    private Duration authTimeout(AuthorizationReader.Block auth) {
        if (auth != null && auth.timeout() != null) {
            return auth.timeout();
        }
        return tls == null ? GatewayOptions.DEFAULT_AUTH_TIMEOUT : tls.timeout().plusSeconds(1);
    }
}
