package io.jnatsd.config;

import java.util.Locale;

/**
 * Route compression mode names (ROUTES.md §10) and their aliases. An unknown name is kept as
 * written: nats-server's {@code -t} accepts it and only start-up rejects it
 * ({@code unsupported compression mode "zstd"}), see {@link StartupChecks}.
 */
public final class CompressionModes {
    public static final String OFF = "off";
    public static final String ACCEPT = "accept";
    public static final String S2_FAST = "s2_fast";
    public static final String S2_BETTER = "s2_better";
    public static final String S2_BEST = "s2_best";
    public static final String S2_AUTO = "s2_auto";
    public static final String S2_UNCOMPRESSED = "s2_uncompressed";

    private CompressionModes() {
    }

    static String canonical(String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "off", "disabled", "false" -> OFF;
            case "accept" -> ACCEPT;
            case "s2_fast", "fast", "on", "enabled", "true" -> S2_FAST;
            case "s2_better", "better" -> S2_BETTER;
            case "s2_best", "best" -> S2_BEST;
            case "s2_auto", "auto" -> S2_AUTO;
            case "s2_uncompressed", "uncompressed" -> S2_UNCOMPRESSED;
            default -> mode;
        };
    }

    static boolean isKnown(String mode) {
        return !canonical(mode).equals(mode) || switch (mode) {
            case OFF, ACCEPT, S2_FAST, S2_BETTER, S2_BEST, S2_AUTO, S2_UNCOMPRESSED -> true;
            default -> false;
        };
    }
}
