package io.jnatsd.config;

import java.time.Duration;
import java.util.List;

/**
 * A {@code tls {}} block, at the top level (clients) or inside {@code cluster {}} (routes).
 * Cipher suites and curves keep nats-server's (Go's) names; {@code minVersion} is "1.0" to
 * "1.3", null for the default (1.2). {@code verify} is also set by {@code verify_and_map}.
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
        String minVersion) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public TlsOptions {
        cipherSuites = List.copyOf(cipherSuites);
        curvePreferences = List.copyOf(curvePreferences);
    }
}
