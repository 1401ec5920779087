package io.jnatsd.transport.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * nats-server's (Go's) names for cipher suites, curves and versions, and their JDK names.
 * Go and the JDK share the IANA cipher suite names except Go's short ChaCha20 aliases; curves
 * have different names altogether.
 */
final class TlsNames {
    private static final Map<String, String> CIPHER_ALIASES = Map.of(
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
    private static final Map<String, String> CURVES = Map.of(
            "CurveP256", "secp256r1",
            "CurveP384", "secp384r1",
            "CurveP521", "secp521r1",
            "X25519", "x25519");
    /** Go keeps its own TLS 1.3 suites whatever {@code cipher_suites} says; so do we. */
    static final List<String> TLS13_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");

    private TlsNames() {
    }

    /**
     * The JDK cipher suites for a {@code cipher_suites} list, with the TLS 1.3 suites added
     * when the list names none (Go does not let the list restrict TLS 1.3).
     */
    static List<String> cipherSuites(List<String> goNames, List<String> supported) {
        List<String> out = new ArrayList<>();
        for (String name : goNames) {
            String java = CIPHER_ALIASES.getOrDefault(name, name);
            if (!name.startsWith("TLS_") || !supported.contains(java)) {
                throw new TlsSetupException("error parsing tls config, unrecognized cipher " + name);
            }
            out.add(java);
        }
        if (out.stream().noneMatch(TLS13_SUITES::contains)) {
            TLS13_SUITES.stream().filter(supported::contains).forEach(out::add);
        }
        return out;
    }

    /** The JDK named groups for a {@code curve_preferences} list. */
    static List<String> namedGroups(List<String> goNames) {
        List<String> out = new ArrayList<>();
        for (String name : goNames) {
            String java = CURVES.get(name);
            if (java == null) {
                throw new TlsSetupException("error parsing tls config, unrecognized curve preference " + name);
            }
            out.add(java);
        }
        return out;
    }

    /** The protocols from {@code min_version} up; nats-server's default minimum is TLS 1.2. */
    static String[] protocols(String minVersion) {
        String min = minVersion == null ? "1.2" : minVersion;
        return switch (min) {
            case "1.0" -> new String[] {"TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"};
            case "1.1" -> new String[] {"TLSv1.3", "TLSv1.2", "TLSv1.1"};
            case "1.2" -> new String[] {"TLSv1.3", "TLSv1.2"};
            case "1.3" -> new String[] {"TLSv1.3"};
            default -> throw new TlsSetupException("error parsing tls config: unknown version: " + min);
        };
    }
}
