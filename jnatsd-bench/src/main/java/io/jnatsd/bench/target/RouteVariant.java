package io.jnatsd.bench.target;

import java.util.List;

/**
 * How the routes of a launched cluster are configured: the {@code cluster { compression }} mode
 * and whether routes speak TLS. The default variant (no compression setting, plain TCP) starts
 * servers with command-line flags alone, as before; any other writes a configuration file per
 * server with the {@code cluster {}} block, since compression and route TLS have no flags.
 *
 * @param compression a mode of {@link #COMPRESSION_MODES}, or null to leave each server's default
 * @param tls whether routes use TLS with a certificate made for this run ({@link RouteCertificates})
 */
public record RouteVariant(String compression, boolean tls) {

    public static final RouteVariant DEFAULT = new RouteVariant(null, false);
    public static final List<String> COMPRESSION_MODES = List.of("off", "accept", "s2_fast", "s2_better", "s2_best", "s2_auto");

    public RouteVariant {
        if (compression != null && !COMPRESSION_MODES.contains(compression)) {
            throw new IllegalArgumentException("unknown route compression '" + compression + "'; known: "
                + String.join(", ", COMPRESSION_MODES));
        }
    }

    /** True when servers need a configuration file. */
    public boolean needsConfigFile() {
        return compression != null || tls;
    }

    /** E.g. "compression s2_fast, TLS", for the bench's output. */
    public String describe() {
        String mode = "compression " + (compression == null ? "default" : compression);
        return tls ? mode + ", TLS" : mode;
    }
}
