package io.jnatsd.link;

import io.jnatsd.compress.S2Level;
import io.jnatsd.config.CompressionModes;
import io.jnatsd.config.LinkCompression;
import java.time.Duration;
import java.util.List;

/**
 * S2 mode negotiation of a server-to-server link (ROUTES.md §10, LEAFNODES.md §11), nats-server
 * 2.10's table: each side picks its own writer mode from its configured mode and the one the peer
 * advertised; {@code off} on either side is off, {@code accept} follows the peer (and is off
 * against {@code accept}), {@code s2_auto} takes its level from the round trip.
 */
public final class CompressionNegotiation {
    public static final String OFF = CompressionModes.OFF;
    /** What a peer without compression (2.9) gets: its INFO or CONNECT has no compression field. */
    public static final String NOT_SUPPORTED = "not supported";
    private static final List<Duration> DEFAULT_THRESHOLDS =
            List.of(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100));

    private final String configured;
    private final List<Duration> thresholds;

    public CompressionNegotiation(LinkCompression compression) {
        this.configured = compression.mode();
        this.thresholds = compression.rttThresholds().isEmpty() ? DEFAULT_THRESHOLDS : compression.rttThresholds();
    }

    /** The mode this side advertises: the configured one, {@code s2_auto} included. */
    public String advertised() {
        return configured;
    }

    /** Our writer mode with a peer that advertised {@code peer} (null: no compression support). */
    public String negotiate(String peer, Duration rtt) {
        if (peer == null || peer.equals(NOT_SUPPORTED)) {
            return NOT_SUPPORTED;
        }
        if (configured.equals(OFF) || peer.equals(OFF)) {
            return OFF;
        }
        if (configured.equals(CompressionModes.ACCEPT)) {
            if (peer.equals(CompressionModes.ACCEPT)) {
                return OFF;
            }
            return peer.equals(CompressionModes.S2_AUTO) ? CompressionModes.S2_FAST : peer;
        }
        return automatic() ? byRoundTrip(rtt) : configured;
    }

    /** Whether the writer level follows the measured round trip. */
    public boolean automatic() {
        return configured.equals(CompressionModes.S2_AUTO);
    }

    /**
     * {@code s2_auto}: the level of the first threshold the round trip does not exceed, in the
     * order uncompressed, fast, better, best; a 0 threshold is never met. Above all of them: best
     * with three or more thresholds, else the level of the last one (nats-server 2.10's rules).
     */
    public String byRoundTrip(Duration rtt) {
        String[] modes = {CompressionModes.S2_UNCOMPRESSED, CompressionModes.S2_FAST, CompressionModes.S2_BETTER,
                CompressionModes.S2_BEST};
        for (int i = 0; i < thresholds.size() && i < modes.length; i++) {
            Duration limit = thresholds.get(i);
            if (!limit.isZero() && rtt.compareTo(limit) <= 0) {
                return modes[i];
            }
        }
        return thresholds.size() >= 3 ? CompressionModes.S2_BEST : modes[thresholds.size() - 1];
    }

    public static boolean compressing(String mode) {
        return mode != null && mode.startsWith("s2_");
    }

    public static S2Level level(String mode) {
        return switch (mode) {
            case CompressionModes.S2_UNCOMPRESSED -> S2Level.UNCOMPRESSED;
            case CompressionModes.S2_BETTER -> S2Level.BETTER;
            case CompressionModes.S2_BEST -> S2Level.BEST;
            default -> S2Level.FAST;
        };
    }
}
