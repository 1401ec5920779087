package io.jnatsd.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@code tls {}} block, at the top level (clients) or inside {@code cluster {}} (routes).
 * Cipher suites and curves keep nats-server's (Go's) names; {@code minVersion} is "1.0" to
 * "1.3", null for the default (1.2). {@code verify} is also set by {@code verify_and_map}.
 * {@code pinnedCerts}: {@code pinned_certs}, lower-case hex SHA-256 key ids, null without the key.
 * {@code connectionRateLimit}: {@code connection_rate_limit}, new TLS clients a second (0: no limit;
 * nats-server reads it in the client block only). {@code handshakeFirstFallback}: with
 * {@code handshake_first: auto} or a duration, how long a client has to start TLS before it is
 * sent the INFO in clear and served as without {@code handshake_first} (zero: TLS first or nothing).
 */
public record TlsOptions(
        String certFile,
        String keyFile,
        String caFile,
        boolean verify,
        boolean verifyAndMap,
        boolean insecure,
        Duration timeout,
        List<String> cipherSuites,
        List<String> curvePreferences,
        boolean handshakeFirst,
        String minVersion,
        Set<String> pinnedCerts,
        long connectionRateLimit,
        Duration handshakeFirstFallback) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** nats-server's fallback delay for {@code handshake_first: auto}. */
    public static final Duration DEFAULT_HANDSHAKE_FIRST_FALLBACK = Duration.ofMillis(50);

    public TlsOptions {
        handshakeFirstFallback = handshakeFirst && handshakeFirstFallback != null ? handshakeFirstFallback : Duration.ZERO;
        cipherSuites = List.copyOf(cipherSuites);
        curvePreferences = List.copyOf(curvePreferences);
        pinnedCerts = pinnedCerts == null ? null
                : pinnedCerts.stream().map(id -> id.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** A block whose {@code handshake_first}, if set, has no fallback. */
    public TlsOptions(String certFile, String keyFile, String caFile, boolean verify, boolean verifyAndMap,
                      boolean insecure, Duration timeout, List<String> cipherSuites, List<String> curvePreferences,
                      boolean handshakeFirst, String minVersion, Set<String> pinnedCerts, long connectionRateLimit) {
        this(certFile, keyFile, caFile, verify, verifyAndMap, insecure, timeout, cipherSuites, curvePreferences,
                handshakeFirst, minVersion, pinnedCerts, connectionRateLimit, Duration.ZERO);
    }

    /** A block without {@code pinned_certs}. */
    public TlsOptions(String certFile, String keyFile, String caFile, boolean verify, boolean verifyAndMap,
                      boolean insecure, Duration timeout, List<String> cipherSuites, List<String> curvePreferences,
                      boolean handshakeFirst, String minVersion) {
        this(certFile, keyFile, caFile, verify, verifyAndMap, insecure, timeout, cipherSuites, curvePreferences,
                handshakeFirst, minVersion, null, 0);
    }

    /**
     * The same block with client certificates required and checked against {@code ca_file}:
     * nats-server's routes and gateways always ask for one, whatever {@code verify} says.
     */
    public TlsOptions requiringClientCertificates() {
        return new TlsOptions(certFile, keyFile, caFile, true, verifyAndMap, insecure, timeout, cipherSuites,
                curvePreferences, handshakeFirst, minVersion, pinnedCerts, connectionRateLimit, handshakeFirstFallback);
    }

    /**
     * The same certificate and ciphers, asking the peer for no certificate: nats-server's HTTPS
     * monitoring port serves the client {@code tls {}} block that way, whatever its {@code verify}.
     */
    public TlsOptions withoutClientCertificates() {
        return new TlsOptions(certFile, keyFile, caFile, false, false, insecure, timeout, cipherSuites,
                curvePreferences, false, minVersion, Set.of(), 0);
    }
}
