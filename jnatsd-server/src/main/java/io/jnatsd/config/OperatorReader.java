package io.jnatsd.config;

import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.jwt.OperatorClaims;
import io.jnatsd.config.ConfigValue.StringValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads operator mode: {@code operator} (a JWT file path, as nats-server reads it from the working
 * directory, or the JWT inline; one or a list), {@code resolver} and {@code resolver_preload}.
 * Every JWT is decoded and its signature checked here, so {@code -t} reports a bad one. jnatsd
 * has the {@code MEMORY} resolver and the full directory resolver ({@code resolver { type: full,
 * dir: ... }}); any other resolver, or a resolver option jnatsd does not implement, fails the
 * configuration rather than leave accounts unresolved or run with other rules than configured.
 */
final class OperatorReader {
    private final List<String> operators = new ArrayList<>();
    private final Map<String, String> preload = new LinkedHashMap<>();
    private String resolver;
    private ResolverDirectoryOptions directory;
    private ConfigPosition resolverPosition;

    void operator(ConfigEntry e) {
        for (String value : OptionValues.strings(e)) {
            String token = value.trim().startsWith("eyJ") ? value.trim() : readDecorated(value, e.keyPosition());
            try {
                OperatorClaims.decode(token);
            } catch (JwtException ex) {
                throw new ConfigException(e.keyPosition(), "error parsing operator JWT: " + ex.getMessage());
            }
            operators.add(token);
        }
    }

    void resolver(ConfigEntry e) {
        resolverPosition = e.keyPosition();
        if (e.value() instanceof StringValue s && s.value().trim().equalsIgnoreCase(OperatorOptions.MEMORY)) {
            resolver = OperatorOptions.MEMORY;
            return;
        }
        if (e.value() instanceof ConfigMap) {
            directory = directory(OptionValues.map(e), e.keyPosition());
            resolver = OperatorOptions.FULL;
            return;
        }
        String shown = e.value() instanceof StringValue s ? s.value() : e.value().toString();
        throw new ConfigException(e.keyPosition(), "resolver \"" + shown
                + "\" is not supported by jnatsd (MEMORY with resolver_preload, or { type: full, dir: ... })");
    }

    /** {@code resolver { type: full, dir, limit, interval, timeout }}; what jnatsd lacks is an error. */
    private static ResolverDirectoryOptions directory(ConfigMap map, ConfigPosition at) {
        String type = null;
        String dir = null;
        long limit = ResolverDirectoryOptions.UNLIMITED;
        Duration interval = Duration.ofMinutes(1);
        Duration timeout = Duration.ofMillis(1900);
        for (ConfigEntry e : map.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "type" -> type = OptionValues.string(e).trim().toLowerCase(Locale.ROOT);
                case "dir" -> dir = OptionValues.string(e);
                case "limit" -> {
                    long value = OptionValues.integer(e);
                    limit = value <= 0 ? ResolverDirectoryOptions.UNLIMITED : value;
                }
                case "interval" -> interval = OptionValues.parseDuration(e.key(), OptionValues.string(e), e.keyPosition());
                case "timeout" -> timeout = OptionValues.parseDuration(e.key(), OptionValues.string(e), e.keyPosition());
                case "allow_delete", "hard_delete" -> {
                    if (OptionValues.bool(e)) {
                        throw new ConfigException(e.keyPosition(), "resolver option " + e.key()
                                + " is not supported by jnatsd yet ($SYS.REQ.CLAIMS.DELETE)");
                    }
                }
                default -> throw new ConfigException(e.keyPosition(), "resolver option " + e.key()
                        + " is not supported by jnatsd");
            }
        }
        if (type == null || !(type.equals("full") || type.equals("cache"))) {
            throw new ConfigException(at, "error parsing account resolver, should be MEM or  URL(\"url\") "
                    + "or a map containing dir and type state=[FULL|CACHE])");
        }
        if (!type.equals("full")) {
            throw new ConfigException(at, "resolver type \"" + type + "\" is not supported by jnatsd (only full)");
        }
        if (dir == null || dir.isBlank()) {
            throw new ConfigException(at, "dir has no value and needs to point to a directory");
        }
        if (interval.isZero() || interval.isNegative()) {
            interval = Duration.ofMinutes(1);
        }
        return new ResolverDirectoryOptions(Path.of(dir), limit, interval, timeout);
    }

    void preload(ConfigEntry e) {
        for (ConfigEntry account : OptionValues.map(e).entries()) {
            String token = OptionValues.string(account);
            AccountClaims claims;
            try {
                claims = AccountClaims.decode(token);
            } catch (JwtException ex) {
                throw new ConfigException(account.keyPosition(), "invalid account JWT");
            }
            if (!claims.subject().equals(account.key())) {
                throw new ConfigException(account.keyPosition(), "invalid account JWT");
            }
            preload.put(account.key(), token);
        }
    }

    /** The operator options, or null when none of the keys appeared; problems go to {@code report}. */
    OperatorOptions build(ConfigReport report) {
        if (operators.isEmpty() && resolver == null && preload.isEmpty()) {
            return null;
        }
        if (operators.isEmpty()) {
            report.error(resolverPosition, "resolver and resolver_preload need an operator (operator mode)");
            return null;
        }
        return new OperatorOptions(operators, resolver, preload, directory);
    }

    /** The JWT in a file, bare or between NATS tools' "-----BEGIN ... JWT-----" decoration lines. */
    private static String readDecorated(String file, ConfigPosition at) {
        String text;
        try {
            text = Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(at, "error reading operator JWT file \"" + file + "\": " + e.getMessage());
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].trim().startsWith("---") && lines[i].toUpperCase(Locale.ROOT).contains("JWT")) {
                for (int j = i + 1; j < lines.length; j++) {
                    if (!lines[j].isBlank()) {
                        return lines[j].trim();
                    }
                }
            }
        }
        return text.trim();
    }
}
