package io.jnatsd.config;

import io.jnatsd.config.ConfigValue.BooleanValue;
import io.jnatsd.config.ConfigValue.StringValue;

import io.jnatsd.protocol.GoQuote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/**
 * Reads a {@code tls {}} block. Like nats-server (even under {@code -t}), the certificate, key and
 * CA files must exist and hold PEM data; relative paths are taken from the working directory, as
 * nats-server does, not from the configuration file's directory.
 */
final class TlsReader {
    /** The curve names nats-server 2.10 (its Go) accepts in {@code curve_preferences}. */
    private static final Set<String> GO_CURVES = Set.of("CurveP256", "CurveP384", "CurveP521", "X25519");

    private TlsReader() {
    }

    static TlsOptions read(ConfigEntry entry, ConfigReport report) {
        ConfigMap block = OptionValues.map(entry);
        String cert = null;
        String key = null;
        String ca = null;
        boolean verify = false;
        boolean verifyAndMap = false;
        boolean insecure = false;
        Duration timeout = TlsOptions.DEFAULT_TIMEOUT;
        List<String> ciphers = List.of();
        List<String> curves = List.of();
        boolean handshakeFirst = false;
        Duration fallback = Duration.ZERO;
        String minVersion = null;
        Set<String> pinnedCerts = null;
        long connectionRateLimit = 0;
        for (ConfigEntry e : block.entries()) {
            String field = e.key().toLowerCase(Locale.ROOT);
            switch (field) {
                case "cert_file" -> cert = fileName(e, field);
                case "key_file" -> key = fileName(e, field);
                case "ca_file" -> ca = fileName(e, field);
                case "verify" -> verify = flag(e, field);
                case "verify_and_map" -> {
                    // as nats-server: mapping implies verifying, and false turns both off
                    verifyAndMap = flag(e, field);
                    verify = verifyAndMap;
                }
                case "insecure" -> insecure = flag(e, field);
                case "verify_cert_and_check_known_urls", "cert_match_skip_invalid" -> {
                    flag(e, field);
                    UnsupportedOptions.apply(UnsupportedOptions.Scope.TLS, e, report);
                }
                case "timeout" -> timeout = timeout(e);
                case "cipher_suites" -> ciphers = names(e);
                case "curve_preferences" -> curves = curves(e);
                case "handshake_first", "first", "immediate" -> {
                    fallback = handshakeFirstFallback(e);
                    handshakeFirst = fallback != null;
                }
                case "min_version" -> minVersion = minVersion(e);
                case "pinned_certs" -> pinnedCerts = pinnedCerts(e);
                case "connection_rate_limit" -> connectionRateLimit = OptionValues.integer(e);
                default -> {
                    if (!UnsupportedOptions.apply(UnsupportedOptions.Scope.TLS, e, report) && !e.usedAsVariable()) {
                        throw new ConfigException(e.keyPosition(), "error parsing tls config, unknown field " + GoQuote.quote(e.key()));
                    }
                }
            }
        }
        checkFiles(entry.keyPosition(), cert, key, ca);
        return new TlsOptions(cert, key, ca, verify, verifyAndMap, insecure, timeout, ciphers, curves, handshakeFirst,
                minVersion, pinnedCerts, connectionRateLimit, fallback);
    }

    /**
     * nats-server's check: each entry is 64 hex digits (any case), the SHA-256 of a SubjectPublicKeyInfo;
     * peers are then checked once their handshake is done (transport.tls.CertificatePins).
     */
    private static Set<String> pinnedCerts(ConfigEntry e) {
        if (!(e.value() instanceof ConfigValue.ArrayValue array)) {
            throw new ConfigException(e.keyPosition(), "error parsing tls config, expected 'pinned_certs' to be a list");
        }
        Set<String> pins = new java.util.LinkedHashSet<>();
        for (ConfigValue element : array.elements()) {
            String text = element instanceof StringValue string ? string.value() : PermissionsReader.shown(element);
            if (!text.matches("[0-9a-fA-F]{64}")) {
                throw new ConfigException(element.position(), "error parsing tls config, 'pinned_certs' key " + text
                        + " does not look like hex-encoded sha256 of DER encoded SubjectPublicKeyInfo");
            }
            pins.add(text.toLowerCase(Locale.ROOT));
        }
        return pins.isEmpty() ? null : pins;   // an empty list pins nothing, as in nats-server
    }

    private static String fileName(ConfigEntry e, String field) {
        if (e.value() instanceof StringValue s) {
            return s.value();
        }
        throw new ConfigException(e.keyPosition(), "error parsing tls config, expected '" + field + "' to be filename");
    }

    private static boolean flag(ConfigEntry e, String field) {
        if (e.value() instanceof BooleanValue b) {
            return b.value();
        }
        throw new ConfigException(e.keyPosition(), "error parsing tls config, expected '" + field + "' to be a boolean");
    }

    private static Duration timeout(ConfigEntry e) {
        if (e.value() instanceof StringValue s) {
            try {
                return GoDuration.parse(s.value());
            } catch (IllegalArgumentException bad) {
                throw new ConfigException(e.keyPosition(), "error parsing tls config, 'timeout' " + bad.getMessage());
            }
        }
        Duration seconds = OptionValues.seconds(e.value());
        if (seconds == null) {
            throw new ConfigException(e.keyPosition(), "error parsing tls config, 'timeout' wrong type");
        }
        return seconds;
    }

    /**
     * {@code handshake_first}: null when off; zero for TLS first only; the delay after which a client
     * that has not started TLS is served as without it ({@code "auto"}: nats-server's 50 ms).
     * Booleans and the words nats-server takes ({@code on}, {@code off}, ...) may be strings too.
     */
    private static Duration handshakeFirstFallback(ConfigEntry e) {
        if (e.value() instanceof BooleanValue b) {
            return b.value() ? Duration.ZERO : null;
        }
        if (!(e.value() instanceof StringValue s)) {
            throw new ConfigException(e.keyPosition(), "field " + GoQuote.quote(e.key()) + " should be a boolean or a string, got "
                    + e.value().goTypeName());
        }
        switch (s.value().toLowerCase(Locale.ROOT)) {
            case "true", "on" -> {
                return Duration.ZERO;
            }
            case "false", "off" -> {
                return null;
            }
            case "auto", "auto_fallback" -> {
                return TlsOptions.DEFAULT_HANDSHAKE_FIRST_FALLBACK;
            }
            default -> {
                try {
                    return GoDuration.parse(s.value());
                } catch (IllegalArgumentException notADuration) {
                    throw new ConfigException(e.keyPosition(), "field " + GoQuote.quote(e.key()) + "'s value "
                            + GoQuote.quote(s.value()) + " is invalid");
                }
            }
        }
    }

    /** A list of names; nats-server takes no single string here. */
    private static List<String> names(ConfigEntry e) {
        List<String> names = new ArrayList<>();
        for (ConfigValue element : OptionValues.array(e)) {
            names.add(OptionValues.string(element, element.position()));
        }
        return names;
    }

    /** Go's curve names, each checked where it is written, as nats-server does. */
    private static List<String> curves(ConfigEntry e) {
        for (ConfigValue element : OptionValues.array(e)) {
            String name = OptionValues.string(element, element.position());
            if (!GO_CURVES.contains(name)) {
                throw new ConfigException(element.position(), "unrecognized curve preference " + name);
            }
        }
        return names(e);
    }

    private static String minVersion(ConfigEntry e) {
        if (!(e.value() instanceof StringValue s)) {
            throw new ConfigException(e.keyPosition(), "error parsing tls config: 'min_version' wrong type: "
                    + PermissionsReader.shown(e.value()));
        }
        String version = s.value();
        if (!List.of("1.0", "1.1", "1.2", "1.3").contains(version)) {
            throw new ConfigException(e.keyPosition(), "error parsing tls config: unknown version: " + version);
        }
        if (!version.equals("1.2") && !version.equals("1.3")) {
            // nats-server knows the older versions but accepts none below 1.2
            throw new ConfigException(e.keyPosition(), "error parsing tls config: unsupported TLS version: TLS " + version);
        }
        return version;
    }

    private static void checkFiles(ConfigPosition at, String cert, String key, String ca) {
        if (cert != null && key == null) {
            throw new ConfigException(at, "missing 'key_file' in TLS configuration");
        }
        if (key != null && cert == null) {
            throw new ConfigException(at, "missing 'cert_file' in TLS configuration");
        }
        if (cert != null) {
            String pair = "error parsing X509 certificate/key pair: ";
            requirePem(at, cert, "CERTIFICATE-----", pair, "tls: failed to find any PEM data in certificate input");
            requirePem(at, key, "PRIVATE KEY-----", pair, "tls: failed to find any PEM data in key input");
        }
        if (ca != null) {
            requirePem(at, ca, "CERTIFICATE-----", "", "failed to parse root ca certificate");
        }
    }

    private static void requirePem(ConfigPosition at, String file, String marker, String prefix, String notPem) {
        String content;
        try {
            content = Files.readString(Path.of(file), StandardCharsets.ISO_8859_1);
        } catch (InvalidPathException e) {
            throw new ConfigException(at, prefix + "open " + file + ": invalid argument");
        } catch (IOException e) {
            String reason = e instanceof NoSuchFileException ? "no such file or directory" : e.getMessage();
            throw new ConfigException(at, prefix + "open " + file + ": " + reason);
        }
        if (!content.contains("-----BEGIN ") || !content.contains(marker)) {
            throw new ConfigException(at, prefix + notPem);
        }
    }
}
