package io.jnatsd.cluster;

import io.jnatsd.compress.S2Level;
import io.jnatsd.config.CompressionModes;
import java.time.Duration;
import java.util.List;

/**
 * Route compression negotiation (ROUTES.md §10). Each side picks its own writer mode from its
 * configured mode and what the peer advertised; whenever either picks an S2 mode both do, so
 * a compressed connection is compressed both ways (at each side's own level).
 */
final class RouteCompression {
    static final String OFF = CompressionModes.OFF;
    /** What a peer without compression (2.9) gets, in INFO and /routez. */
    static final String NOT_SUPPORTED = "not supported";
    static final String ACCEPT = CompressionModes.ACCEPT;
    static final String AUTO = CompressionModes.S2_AUTO;
    static final String UNCOMPRESSED = CompressionModes.S2_UNCOMPRESSED;
    static final String FAST = CompressionModes.S2_FAST;
    static final String BETTER = CompressionModes.S2_BETTER;
    static final String BEST = CompressionModes.S2_BEST;
    private static final List<Duration> DEFAULT_THRESHOLDS =
            List.of(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100));

    private final String configured;
    private final List<Duration> thresholds;

    RouteCompression(String configured, List<Duration> thresholds) {
        this.configured = configured == null ? ACCEPT : configured;
        this.thresholds = thresholds == null || thresholds.isEmpty() ? DEFAULT_THRESHOLDS : thresholds;
    }

    /** What our first INFO advertises: the configured mode. */
    String advertised() {
        return configured;
    }

    /**
     * The mode our INFOs name once negotiated: the level we write, except that {@code s2_auto}
     * stays {@code s2_auto}, as nats-server announces it. The level is ours alone and changes
     * with the round trip; a peer in {@code accept} mode answers {@code s2_auto} with
     * {@code s2_fast} on every connection, as with a Go solicitor.
     */
    String announced(String negotiated) {
        return automatic() && compressing(negotiated) ? AUTO : negotiated;
    }

    /**
     * Our writer mode with a peer that advertised {@code peer} (null: a server without
     * compression), given the round trip measured so far (for {@code s2_auto}).
     */
    String negotiate(String peer, Duration rtt) {
        if (peer == null || peer.equals(NOT_SUPPORTED)) {
            return NOT_SUPPORTED;
        }
        if (configured.equals(OFF) || peer.equals(OFF)) {
            return OFF;
        }
        if (configured.equals(ACCEPT)) {
            if (peer.equals(ACCEPT)) {
                return OFF;
            }
            return peer.equals(AUTO) ? FAST : peer;
        }
        return configured.equals(AUTO) ? byRoundTrip(rtt) : configured;
    }

    /** Whether the writer level follows the measured round trip ({@code s2_auto}). */
    boolean automatic() {
        return configured.equals(AUTO);
    }

    /**
     * {@code s2_auto}: the level of the first threshold the round trip does not exceed, in the
     * order uncompressed, fast, better, best; a 0 threshold is never met, which disables that
     * level. Above every threshold: best when three or more are given, otherwise the level of
     * the last one (so {@code [10ms]} never compresses and {@code [10ms, 50ms]} stays at fast).
     * These are nats-server 2.10's rules.
     */
    String byRoundTrip(Duration rtt) {
        String[] modes = {UNCOMPRESSED, FAST, BETTER, BEST};
        for (int i = 0; i < thresholds.size() && i < modes.length; i++) {
            Duration limit = thresholds.get(i);
            if (!limit.isZero() && rtt.compareTo(limit) <= 0) {
                return modes[i];
            }
        }
        return thresholds.size() >= 3 ? BEST : modes[thresholds.size() - 1];
    }

    static boolean compressing(String mode) {
        return mode != null && mode.startsWith("s2_");
    }

    static S2Level level(String mode) {
        return switch (mode) {
            case UNCOMPRESSED -> S2Level.UNCOMPRESSED;
            case BETTER -> S2Level.BETTER;
            case BEST -> S2Level.BEST;
            default -> S2Level.FAST;
        };
    }
}
