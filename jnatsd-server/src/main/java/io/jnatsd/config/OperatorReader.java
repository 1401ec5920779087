package io.jnatsd.config;

import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.jwt.OperatorClaims;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
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
 * has the {@code MEMORY} resolver and the directory resolvers ({@code resolver { type: full | cache,
 * dir: ... }}); any other resolver (the URL resolver), or a resolver option jnatsd does not implement, fails the
 * configuration rather than leave accounts unresolved or run with other rules than configured.
 */
final class OperatorReader {
    private final List<String> operators = new ArrayList<>();
    private final List<String> trustedKeys = new ArrayList<>();
    private final Map<String, String> preload = new LinkedHashMap<>();
    private String resolver;
    private ResolverDirectoryOptions directory;

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

    /** {@code trusted} / {@code trusted_keys}: one public operator key or a list of them. */
    void trusted(ConfigEntry e) {
        for (String key : OptionValues.strings(e)) {
            if (!NKeys.isPublicKey(key, NKeyType.OPERATOR)) {
                throw new ConfigException(e.keyPosition(), "trust key \"" + key
                        + "\" required to be a valid public operator nkey");
            }
            trustedKeys.add(key);
        }
    }

    void resolver(ConfigEntry e) {
        if (e.value() instanceof StringValue s && s.value().trim().equalsIgnoreCase(OperatorOptions.MEMORY)) {
            resolver = OperatorOptions.MEMORY;
            return;
        }
        if (e.value() instanceof ConfigMap) {
            directory = directory(OptionValues.map(e), e.keyPosition());
            resolver = directory.cache() ? OperatorOptions.CACHE : OperatorOptions.FULL;
            return;
        }
        String shown = e.value() instanceof StringValue s ? s.value() : e.value().toString();
        throw new ConfigException(e.keyPosition(), "resolver \"" + shown
                + "\" is not supported by jnatsd (MEMORY with resolver_preload, or { type: full | cache, dir: ... })");
    }

    /**
     * {@code resolver { type: full | cache, dir, limit, interval, ttl, timeout, allow_delete,
     * hard_delete }} with nats-server's verdicts (the cache takes neither {@code interval} nor
     * {@code allow_delete}, the full resolver no {@code ttl}); a key jnatsd does not know is an
     * error rather than ignored.
     */
    private static ResolverDirectoryOptions directory(ConfigMap map, ConfigPosition at) {
        String type = null;
        String dir = null;
        long limit = 0;
        Duration interval = Duration.ZERO;
        Duration ttl = Duration.ZERO;
        Duration timeout = Duration.ofMillis(1900);
        boolean allowDelete = false;
        boolean hardDelete = false;
        for (ConfigEntry e : map.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "type" -> type = OptionValues.string(e).trim().toLowerCase(Locale.ROOT);
                case "dir" -> dir = OptionValues.string(e);
                case "limit" -> limit = OptionValues.integer(e);
                case "interval" -> interval = OptionValues.parseDuration(e.key(), OptionValues.string(e), e.keyPosition());
                case "ttl" -> ttl = OptionValues.parseDuration(e.key(), OptionValues.string(e), e.keyPosition());
                case "timeout" -> timeout = OptionValues.parseDuration(e.key(), OptionValues.string(e), e.keyPosition());
                case "allow_delete" -> allowDelete = OptionValues.bool(e);
                case "hard_delete" -> hardDelete = OptionValues.bool(e);
                default -> throw new ConfigException(e.keyPosition(), "resolver option " + e.key()
                        + " is not supported by jnatsd");
            }
        }
        if (type == null || !(type.equals("full") || type.equals("cache"))) {
            throw new ConfigException(at, "error parsing account resolver, should be MEM or  URL(\"url\") "
                    + "or a map containing dir and type state=[FULL|CACHE])");
        }
        if (dir == null || dir.isBlank()) {
            throw new ConfigException(at, "dir has no value and needs to point to a directory");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ConfigException(at, "Fetch timeout " + GoDuration.format(timeout) + " is too smal");
        }
        boolean cache = type.equals("cache");
        if (cache) {
            if (!interval.isZero()) {
                throw new ConfigException(at, "CACHE does not accept sync");
            }
            if (allowDelete) {
                throw new ConfigException(at, "CACHE does not accept allow_delete");
            }
            return new ResolverDirectoryOptions(Path.of(dir),
                    limit <= 0 ? ResolverDirectoryOptions.CACHE_DEFAULT_LIMIT : limit, Duration.ZERO, timeout, true,
                    ttl.isNegative() ? Duration.ZERO : ttl, ResolverDirectoryOptions.DeleteMode.HARD);
        }
        if (!ttl.isZero()) {
            throw new ConfigException(at, "FULL does not accept ttl");
        }
        ResolverDirectoryOptions.DeleteMode delete = !allowDelete ? ResolverDirectoryOptions.DeleteMode.NONE
                : hardDelete ? ResolverDirectoryOptions.DeleteMode.HARD : ResolverDirectoryOptions.DeleteMode.RENAME;
        return new ResolverDirectoryOptions(Path.of(dir), limit == 0 ? ResolverDirectoryOptions.UNLIMITED : limit,
                interval.isZero() || interval.isNegative() ? Duration.ofMinutes(1) : interval, timeout, false,
                Duration.ZERO, delete);
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

    /**
     * The operator options, or null without an operator or trusted keys: a {@code resolver} or
     * {@code resolver_preload} alone is read and checked, then left unused, as nats-server
     * leaves it (it admits no one and turns no JWT authentication on).
     */
    OperatorOptions build() {
        if (operators.isEmpty() && trustedKeys.isEmpty()) {
            return null;
        }
        return new OperatorOptions(operators, resolver, preload, directory, trustedKeys);
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
