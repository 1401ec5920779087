package io.jnatsd.config;

import java.time.Duration;
import java.util.List;

/** A {@code tls {}} block, at the top level (clients) or inside {@code cluster {}} (routes). */
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
        boolean handshakeFirst) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public TlsOptions {
        cipherSuites = List.copyOf(cipherSuites);
        curvePreferences = List.copyOf(curvePreferences);
    }
}
