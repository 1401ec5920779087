package io.jnatsd.config;

import io.jnatsd.config.ConfigValue.FloatValue;
import io.jnatsd.config.ConfigValue.IntegerValue;
import io.jnatsd.config.ConfigValue.StringValue;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code websocket {}} block with nats-server 2.10.27's names, aliases and {@code -t}
 * texts (checked against the real server): the credentials live only inside its
 * {@code authorization {}} (a bare {@code username} in the block is an unknown field there too).
 * Checks nats-server makes when it starts are in {@link WebsocketChecks}.
 */
final class WebsocketReader {
    private String host = "";
    private int port;
    private String advertise;
    private boolean noTls;
    private TlsOptions tls;
    private boolean sameOrigin;
    private List<String> allowedOrigins = List.of();
    private boolean compression;
    private Duration handshakeTimeout = Duration.ZERO;
    private String jwtCookie;
    private String user;
    private String password;
    private String token;
    private Duration authTimeout;
    private String noAuthUser;
    private final ConfigReport report;

    private WebsocketReader(ConfigReport report) {
        this.report = report;
    }

    static WebsocketOptions read(ConfigEntry entry, ConfigReport report) {
        if (!(entry.value() instanceof ConfigMap block)) {
            report.error(entry.keyPosition(), "Expected websocket to be a map, got " + entry.value().goTypeName());
            return null;
        }
        WebsocketReader reader = new WebsocketReader(report);
        for (ConfigEntry e : block.entries()) {
            try {
                reader.field(e);
            } catch (ConfigException problem) {
                report.error(problem);
            }
        }
        // nats-server fills in the default host only for a listener that opens
        String host = reader.host.isEmpty() && reader.port != 0 ? WebsocketOptions.DEFAULT_HOST : reader.host;
        return new WebsocketOptions(host, reader.port, reader.advertise, reader.noTls, reader.tls, reader.sameOrigin,
                reader.allowedOrigins, reader.compression, reader.handshakeTimeout, reader.jwtCookie, reader.user,
                reader.password, reader.token, reader.authTimeout, reader.noAuthUser);
    }

    private void field(ConfigEntry e) {
        switch (e.key().toLowerCase(Locale.ROOT)) {
            case "listen" -> {
                OptionValues.HostPort hp = OptionValues.hostPort(e);
                host = hp.host();
                port = hp.port();
            }
            case "port" -> port = OptionValues.intValue(e);
            case "host", "net" -> host = OptionValues.string(e);
            case "advertise" -> advertise = OptionValues.string(e);
            case "no_tls" -> noTls = OptionValues.bool(e);
            case "tls" -> tls = TlsReader.read(e, report);
            case "same_origin" -> sameOrigin = OptionValues.bool(e);
            case "allowed_origins", "allowed_origin", "allow_origins", "allow_origin", "origins", "origin" ->
                    allowedOrigins = origins(e);
            case "handshake_timeout" -> handshakeTimeout = handshakeTimeout(e);
            case "compress", "compression" -> compression = OptionValues.bool(e);
            case "authorization", "authentication" -> authorization(e);
            case "jwt_cookie" -> jwtCookie = OptionValues.string(e);
            case "no_auth_user" -> noAuthUser = OptionValues.string(e);
            default -> AuthorizationReader.rejectUnknown(e);
        }
    }

    /** A string or a list of strings; nats-server's texts for other types. */
    private static List<String> origins(ConfigEntry e) {
        ConfigValue v = e.value();
        if (v instanceof StringValue s) {
            return List.of(s.value());
        }
        if (!(v instanceof ConfigValue.ArrayValue array)) {
            throw new ConfigException(e.keyPosition(), "error parsing allowed origins: unsupported type " + v.goTypeName());
        }
        List<String> out = new java.util.ArrayList<>();
        for (ConfigValue element : array.elements()) {
            if (!(element instanceof StringValue s)) {
                throw new ConfigException(element.position(),
                        "error parsing allowed origins: unsupported type in array " + element.goTypeName());
            }
            out.add(s.value());
        }
        return out;
    }

    /** A number of seconds or a Go duration string, as nats-server reads it. */
    private static Duration handshakeTimeout(ConfigEntry e) {
        ConfigValue v = e.value();
        if (v instanceof IntegerValue i) {
            return Duration.ofSeconds(i.value());
        }
        if (v instanceof StringValue s) {
            try {
                return GoDuration.parse(s.value());
            } catch (IllegalArgumentException bad) {
                throw new ConfigException(e.keyPosition(), bad.getMessage());
            }
        }
        throw new ConfigException(e.keyPosition(), "error parsing handshake timeout: unsupported type " + v.goTypeName());
    }

    /**
     * nats-server's simple authorization block: one user and password, or a token, and a timeout in
     * seconds (a value that is not a number counts as 1 s there, so it does here).
     */
    private void authorization(ConfigEntry entry) {
        ConfigMap block = OptionValues.map(entry);
        for (ConfigEntry e : block.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "user", "username" -> user = OptionValues.string(e);
                case "pass", "password" -> password = OptionValues.string(e);
                case "token" -> token = OptionValues.string(e);
                case "timeout" -> authTimeout = timeout(e.value());
                default -> AuthorizationReader.rejectUnknown(e);
            }
        }
    }

    private static Duration timeout(ConfigValue v) {
        if (v instanceof IntegerValue i) {
            return Duration.ofSeconds(i.value());
        }
        if (v instanceof FloatValue f) {
            return Duration.ofNanos(Math.round(f.value() * 1e9));
        }
        return Duration.ofSeconds(1);
    }
}
